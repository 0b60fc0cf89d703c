import { type AnyRoute, defineRoute, HttpException, json } from '@statuskit/core';
import type { ConformanceCase } from '../case.js';
import type { SeedState } from '../fixture/seed.js';
import { detailAnswer, jsonAnswer, logUntil, req, step } from './helpers.js';

// Background tasks: after the response, in order, failures reported and
// isolated, the status frozen. /process/log shows what ran and what failed.

const GATE_TIMEOUT_MS = 5000;

/** The /bg/* routes of the G cases; their tasks write to the store /process/log shows. */
export function backgroundRoutes(state: SeedState): AnyRoute[] {
  let open: () => void = () => {};
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  const log = (entry: string) => () => {
    state.tasks.push(entry);
  };
  return [
    defineRoute({ method: 'POST', path: '/bg/order', status: 202 }, ({ background }) => {
      background.add(log('one'));
      background.add(async () => {
        // A task that takes a while: the next one must still wait for it.
        await new Promise((resolve) => setTimeout(resolve, 5));
        state.tasks.push('two');
      });
      background.add(log('three'));
      return { queued: 3 };
    }),
    defineRoute({ method: 'POST', path: '/bg/gated', status: 202 }, ({ background }) => {
      background.add(async () => {
        state.tasks.push('gated:started');
        let timer: NodeJS.Timeout | undefined;
        const timedOut = new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(true), GATE_TIMEOUT_MS);
        });
        const late = await Promise.race([gate.then(() => false), timedOut]);
        clearTimeout(timer);
        state.tasks.push(late ? 'gated:timeout' : 'gated:done');
      });
      return { queued: 1 };
    }),
    defineRoute({ method: 'POST', path: '/bg/release', status: 200 }, () => {
      open();
      return { released: true };
    }),
    defineRoute({ method: 'POST', path: '/bg/failing', status: 202 }, ({ background }) => {
      background.add(log('before'));
      background.add(() => {
        throw new Error('secret-bg-sync');
      });
      background.add(async () => {
        await Promise.resolve();
        throw new Error('secret-bg-async');
      });
      background.add(log('after'));
      return { queued: 4 };
    }),
    defineRoute({ method: 'POST', path: '/bg/frozen', status: 202 }, (ctx) => {
      // @ts-expect-error 500 is not declared; the types refuse it, and so does the run time (frozen).
      ctx.background.add(() => ctx.setStatus(500));
      ctx.background.add(() => ctx.setHeader('x-late', 'too late'));
      ctx.background.add(() => ctx.background.add(log('never')));
      ctx.background.add(log('frozen:after'));
      return { queued: 4 };
    }),
    defineRoute(
      { method: 'POST', path: '/bg/raise', status: 202, responses: { 409: 'Conflict' } },
      ({ background }) => {
        background.add(log('raised-task'));
        throw new HttpException(409, 'Conflict');
      },
    ),
    defineRoute({ method: 'POST', path: '/bg/returned-400' }, ({ background }) => {
      background.add(log('after-400'));
      return json({ detail: 'rejected, but returned' }, { status: 400 });
    }),
    defineRoute({ method: 'GET', path: '/bg/on-get' }, ({ background, method }) => {
      background.add(log(`task:${method}`));
      return { queued: 1 };
    }),
  ];
}

const queued = (n: number) => jsonAnswer(202, { queued: n });
const conflict = detailAnswer(409, 'Conflict');

/** Background-task cases. */
export const backgroundCases: readonly ConformanceCase[] = [
  {
    id: 'G01',
    level: 'MUST',
    title: 'Tasks run in the order they were added, each awaited before the next',
    ref: 'docs/seed-scenarios.md row 20; docs/fastapi-behaviour.md 61',
    steps: [step(req('POST', '/bg/order'), queued(3)), logUntil(['one', 'two', 'three'])],
  },
  {
    id: 'G02',
    level: 'MUST',
    title: 'The response is sent before the task finishes (a task blocked on a gate)',
    ref: 'docs/seed-scenarios.md row 20',
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
    ref: 'packages/core/README.md, background tasks (onBackgroundError)',
    steps: [
      step(req('POST', '/bg/failing'), { ...queued(4), absent: ['secret-bg'] }),
      logUntil(['before', 'after'], ['Error: secret-bg-sync', 'Error: secret-bg-async']),
    ],
  },
  {
    id: 'G04',
    level: 'MUST',
    title: 'In a task, setStatus, setHeader and adding tasks fail: the status is frozen',
    ref: 'docs/seed-scenarios.md row 22; docs/http-rules.md, the exchange',
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
    ref: 'docs/fastapi-behaviour.md 62',
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
    ref: 'packages/core/README.md, background tasks (backgroundOnError)',
    app: { options: { backgroundOnError: true } },
    steps: [step(req('POST', '/bg/raise'), conflict), logUntil(['raised-task'])],
  },
  {
    id: 'G07',
    level: 'MUST',
    title: 'Tasks run after a returned 4xx (only a raise skips them)',
    ref: 'docs/fastapi-behaviour.md 61',
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
