import type { ConformanceCase } from '../case.js';
import { detailAnswer, jsonAnswer, logUntil, req, step } from './helpers.js';

// Background tasks: after the response, in order, failures reported and
// isolated, the status frozen. /process/log shows what ran and what failed.

const queued = (n: number) => jsonAnswer(202, { queued: n });
const conflict = detailAnswer(409, 'Conflict');

/** Background-task cases. */
export const backgroundCases: readonly ConformanceCase[] = [
  {
    id: 'G01',
    level: 'MUST',
    title: 'Tasks run in the order they were added, each awaited before the next',
    ref: 'seed step 8; FastAPI 61',
    steps: [step(req('POST', '/bg/order'), queued(3)), logUntil(['one', 'two', 'three'])],
  },
  {
    id: 'G02',
    level: 'MUST',
    title: 'The response is sent before the task finishes (a task blocked on a gate)',
    ref: 'seed step 8',
    steps: [
      step(req('POST', '/bg/gated'), queued(1)),
      logUntil(['gated:started']),
      step(req('POST', '/bg/release'), jsonAnswer(200, { released: true })),
      logUntil(['gated:started', 'gated:done']),
    ],
  },
  {
    id: 'G03',
    level: 'MUST',
    title: 'A failing task (sync or async) is reported and does not stop the next ones',
    ref: 'DESIGN hooks onBackgroundError',
    steps: [
      step(req('POST', '/bg/failing'), { ...queued(4), absent: ['secret-bg'] }),
      logUntil(['before', 'after'], ['Error: secret-bg-sync', 'Error: secret-bg-async']),
    ],
  },
  {
    id: 'G04',
    level: 'MUST',
    title: 'In a task, setStatus, setHeader and adding tasks fail: the status is frozen',
    ref: 'seed myth 3; DESIGN state machine',
    steps: [
      step(req('POST', '/bg/frozen'), { ...queued(4), headers: { 'x-late': null } }),
      logUntil(
        ['frozen:after'],
        ['STATUSKIT_STATUS_FROZEN', 'STATUSKIT_STATUS_FROZEN', 'STATUSKIT_ILLEGAL_TRANSITION'],
      ),
    ],
  },
  {
    id: 'G05',
    level: 'MUST',
    title: 'Tasks of a handler that raised do not run',
    ref: 'FastAPI 62',
    steps: [
      step(req('POST', '/bg/raise'), conflict),
      step(req('POST', '/process'), jsonAnswer(202, { message: 'Accepted for processing' })),
      logUntil(['process']),
    ],
  },
  {
    id: 'G06',
    level: 'MUST',
    title: 'backgroundOnError: tasks of a handler that raised run too',
    ref: 'DESIGN options backgroundOnError',
    app: { options: { backgroundOnError: true } },
    steps: [step(req('POST', '/bg/raise'), conflict), logUntil(['raised-task'])],
  },
  {
    id: 'G07',
    level: 'MUST',
    title: 'Tasks run after a returned 4xx (only a raise skips them)',
    ref: 'FastAPI 61',
    steps: [
      step(req('POST', '/bg/returned-400'), jsonAnswer(400, { detail: 'rejected, but returned' })),
      logUntil(['after-400']),
    ],
  },
  {
    id: 'G08',
    level: 'MUST',
    title: 'Tasks run after a HEAD request too',
    ref: 'RFC 9110 9.3.2',
    steps: [
      step(req('HEAD', '/bg/on-get'), {
        status: 200,
        headers: { 'content-length': '12' },
        body: { empty: true },
      }),
      logUntil(['task:HEAD']),
    ],
  },
];
