// The operations the client's poller is tested on: one per outcome, chosen by
// the report's name. `slow` waits until it is canceled or the gate opens, so
// that no work outlives the tests.
import { createOperations, createStatuskit, HttpException, type Statuskit } from '@statuskit/core';
import { z } from 'zod';
import { Message, routes } from './app.js';

export const ReportIn = z.object({ name: z.string().min(1), rows: z.number().int().optional() });
export const Report = z.object({ id: z.number().int(), name: z.string(), rows: z.number() });

let open: () => void = () => {};
let gate = new Promise<void>((resolve) => {
  open = resolve;
});

/** Lets every `slow` work end; later ones end at once. */
export function openGate(): void {
  open();
  gate = Promise.resolve();
}

const aborted = (signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));

export const ops = createOperations({ retryAfter: 1 });

export const createReport = ops.define(
  {
    name: 'createReport',
    method: 'POST',
    path: '/reports',
    status: 201,
    request: { body: ReportIn },
    response: Report,
    responses: { 409: { description: 'Report exists', model: Message } },
  },
  async ({ body, signal }) => {
    if (body.name === 'taken') throw new HttpException(409, 'Report exists');
    if (body.name === 'boom') throw new Error('the database is gone');
    if (body.name === 'slow') await Promise.race([gate, aborted(signal)]);
    return { id: 1, name: body.name, rows: body.rows ?? 2 };
  },
);

/** The routes the client is typed from: plain routes and an operation. */
export const api = [...routes, createReport] as const;

/** The kit: the app's routes, the operation's start and the monitor routes. */
export function operationsKit(): Statuskit {
  // The thrown error of `boom` is expected: kept out of the test output.
  return createStatuskit([...routes, ...ops.routes], {
    onBackgroundError: () => {},
    onError: () => {},
  });
}
