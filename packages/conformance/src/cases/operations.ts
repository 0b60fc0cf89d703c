import type { ConformanceCase, Expectation, PollStep, RequestStep } from '../case.js';
import {
  detailAnswer,
  JSON_TYPE,
  jsonAnswer,
  jsonRequest,
  problemAnswer,
  req,
  step,
} from './helpers.js';

// Long-running operations, rows 31-39 of docs/seed-scenarios.md: a start
// answers 202 with the status monitor; the monitor, the replayed result and
// the cancel action live under /operations/{op}. Ids are opaque, so the start
// captures its id as {{op}} for the steps after it (case.ts, `capture`).

const MONITOR = '/operations/{{op}}';
const q3 = { id: 1, name: 'q3', rows: 2 };

/** `POST /reports` with `body`: 202, the monitor in notStarted, location and retry-after; keeps the id as {{op}}. */
function start(body: unknown, headers: Record<string, string> = {}): RequestStep {
  return {
    kind: 'request',
    request: jsonRequest('POST', '/reports', body, headers),
    expect: monitorAnswer(202, 'notStarted', { location: MONITOR, 'retry-after': '1' }),
    capture: { op: { json: '/id' } },
  };
}

/** A JSON monitor of {{op}} with `status` (and more members), with `headers`. */
function monitorAnswer(
  status: number,
  state: string,
  headers: Record<string, string | null>,
  more: Record<string, unknown> = {},
): Expectation {
  return {
    status,
    headers: { 'content-type': JSON_TYPE, ...headers },
    body: { jsonSubset: { id: '{{op}}', status: state, ...more } },
  };
}

/** Polls the monitor (or the result) until it matches; 200 tries, 25 ms apart (5 s at most). */
function pollUntil(path: string, until: Expectation): PollStep {
  return { kind: 'poll', request: req('GET', path), until, attempts: 200, intervalMs: 25 };
}

const running = pollUntil(MONITOR, monitorAnswer(200, 'running', { 'retry-after': '1' }));
const cancel = step(req('POST', `${MONITOR}/cancel`), monitorAnswer(200, 'canceled', {}));
const notFound = detailAnswer(404, 'Operation not found');

const link = (operationId: string) => ({ operationId, parameters: { id: '$response.body#/id' } });
const required = { required: true };

/** What /openapi.json must say of the operation routes (row 41): statuses, headers, links. */
const documented = {
  '/reports': {
    post: {
      responses: {
        '202': {
          headers: { location: required, 'retry-after': required },
          links: {
            monitor: link('get_operations_id'),
            result: link('get_operations_id_result'),
            cancel: link('post_operations_id_cancel'),
          },
        },
        '422': {},
      },
    },
  },
  '/operations/{id}': {
    get: { operationId: 'get_operations_id', responses: { '200': {}, '404': {} } },
  },
  '/operations/{id}/result': {
    get: {
      operationId: 'get_operations_id_result',
      responses: {
        '201': {},
        '202': { headers: { location: required, 'retry-after': required } },
        '404': {},
        '409': {},
      },
    },
  },
  '/operations/{id}/cancel': {
    post: {
      operationId: 'post_operations_id_cancel',
      responses: { '200': {}, '404': {}, '409': {} },
    },
  },
};

/** The operation cases: the rows 31-39, then L01-L03 (problem details, HEAD, OpenAPI). */
export const operationCases: readonly ConformanceCase[] = [
  {
    id: 'S31',
    level: 'MUST',
    title: 'POST /reports: 202, location of the monitor, retry-after, the monitor as the body',
    ref: 'docs/seed-scenarios.md row 31; RFC 9110 15.3.3',
    steps: [start({ name: 'q3', delayMs: 300 })],
  },
  {
    id: 'S32',
    level: 'MUST',
    title: 'GET /operations/{op} before the work ends: 200, running, retry-after',
    ref: 'docs/seed-scenarios.md row 32',
    steps: [start({ name: 'slow', delayMs: 10_000 }), running, cancel],
  },
  {
    id: 'S33',
    level: 'MUST',
    title:
      'GET /operations/{op} after the work ended: 200, succeeded with the result, no retry-after',
    ref: 'docs/seed-scenarios.md row 33',
    steps: [
      start({ name: 'q3', delayMs: 0 }),
      pollUntil(MONITOR, monitorAnswer(200, 'succeeded', { 'retry-after': null }, { result: q3 })),
    ],
  },
  {
    id: 'S34',
    level: 'MUST',
    title:
      'GET /operations/{op}/result: 202 and the monitor before the end, then the 201 the route would have sent',
    ref: 'docs/seed-scenarios.md row 34',
    steps: [
      start({ name: 'q3', delayMs: 1000 }),
      running,
      step(
        req('GET', `${MONITOR}/result`),
        monitorAnswer(202, 'running', { location: MONITOR, 'retry-after': '1' }),
      ),
      pollUntil(`${MONITOR}/result`, jsonAnswer(201, q3, { 'retry-after': null, location: null })),
    ],
  },
  {
    id: 'S35',
    level: 'MUST',
    title:
      'A work that raises 409: the monitor says failed with the error, the result replays the 409',
    ref: 'docs/seed-scenarios.md row 35',
    steps: [
      start({ name: 'taken', delayMs: 0 }),
      pollUntil(
        MONITOR,
        monitorAnswer(200, 'failed', {}, { error: { status: 409, detail: 'Report exists' } }),
      ),
      step(req('GET', `${MONITOR}/result`), detailAnswer(409, 'Report exists')),
    ],
  },
  {
    id: 'S36',
    level: 'MUST',
    title:
      'A work that throws Error("secret"): failed with a 500 that leaks nothing, on the monitor and the result',
    ref: 'docs/seed-scenarios.md row 36',
    steps: [
      start({ name: 'crash', delayMs: 0 }),
      pollUntil(MONITOR, {
        ...monitorAnswer(
          200,
          'failed',
          {},
          { error: { status: 500, detail: 'Internal Server Error' } },
        ),
        absent: ['secret'],
      }),
      step(req('GET', `${MONITOR}/result`), {
        ...detailAnswer(500, 'Internal Server Error'),
        absent: ['secret'],
      }),
    ],
  },
  {
    id: 'S37',
    level: 'MUST',
    title:
      'POST /operations/{op}/cancel: 200 and canceled, then 409; the result answers 409 Operation canceled',
    ref: 'docs/seed-scenarios.md row 37; AIP-151 cancel',
    steps: [
      start({ name: 'slow', delayMs: 10_000 }),
      cancel,
      step(req('POST', `${MONITOR}/cancel`), detailAnswer(409, 'Operation already canceled')),
      step(req('GET', MONITOR), monitorAnswer(200, 'canceled', { 'retry-after': null })),
      step(req('GET', `${MONITOR}/result`), detailAnswer(409, 'Operation canceled')),
    ],
  },
  {
    id: 'S38',
    level: 'MUST',
    title: 'An unknown operation: 404 Operation not found on the monitor, the result and cancel',
    ref: 'docs/seed-scenarios.md row 38',
    steps: [
      step(req('GET', '/operations/nope'), notFound),
      step(req('GET', '/operations/nope/result'), notFound),
      step(req('POST', '/operations/nope/cancel'), notFound),
    ],
  },
  {
    id: 'S39',
    level: 'MUST',
    title:
      'Idempotency-Key: the same key and body give the same operation, run once; another body 422',
    ref: 'docs/seed-scenarios.md row 39; draft-ietf-httpapi-idempotency-key-header',
    steps: [
      start({ name: 'q3', delayMs: 0 }, { 'idempotency-key': 'k1' }),
      pollUntil(`${MONITOR}/result`, jsonAnswer(201, q3)),
      // Once ended, the same key and body still answer 202 with the same (now ended) operation.
      step(
        jsonRequest('POST', '/reports', { delayMs: 0, name: 'q3' }, { 'idempotency-key': 'k1' }),
        monitorAnswer(202, 'succeeded', { location: MONITOR, 'retry-after': '1' }, { result: q3 }),
      ),
      step(
        jsonRequest('POST', '/reports', { name: 'q4', delayMs: 0 }, { 'idempotency-key': 'k1' }),
        detailAnswer(422, 'Idempotency-Key was already used with a different request'),
      ),
      // Prefer: wait answers the final response itself; its report is the second one ever made.
      step(
        jsonRequest('POST', '/reports', { name: 'q5', delayMs: 0 }, { prefer: 'wait=5' }),
        jsonAnswer(201, { id: 2, name: 'q5', rows: 2 }),
      ),
    ],
  },
  {
    id: 'L01',
    level: 'MUST',
    title: "errorFormat 'problem': the monitor's error and the replayed result are problem details",
    ref: 'docs/seed-scenarios.md row 35; RFC 9457',
    app: { options: { errorFormat: 'problem' } },
    steps: [
      start({ name: 'taken', delayMs: 0 }),
      pollUntil(
        MONITOR,
        monitorAnswer(
          200,
          'failed',
          {},
          {
            error: { type: 'about:blank', title: 'Conflict', status: 409, detail: 'Report exists' },
          },
        ),
      ),
      step(
        req('GET', `${MONITOR}/result`),
        problemAnswer(409, 'Conflict', { detail: 'Report exists' }),
      ),
    ],
  },
  {
    id: 'L02',
    level: 'MUST',
    title: 'HEAD on the monitor and the result: the GET answer without a body',
    ref: 'RFC 9110 9.3.2',
    steps: [
      start({ name: 'q3', delayMs: 0 }),
      pollUntil(`${MONITOR}/result`, jsonAnswer(201, q3)),
      { kind: 'head', path: MONITOR },
      { kind: 'head', path: `${MONITOR}/result` },
    ],
  },
  {
    id: 'L03',
    level: 'MUST',
    title:
      "/openapi.json: the start's 202 with location and retry-after, linked to the monitor, result and cancel",
    ref: 'docs/seed-scenarios.md row 41; docs/operations.md, OpenAPI',
    steps: [
      step(req('GET', '/openapi.json'), {
        status: 200,
        headers: { 'content-type': JSON_TYPE },
        body: { jsonSubset: { openapi: '3.1.0', paths: documented } },
      }),
    ],
  },
];
