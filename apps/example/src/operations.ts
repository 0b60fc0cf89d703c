import {
  type AnyRoute,
  createOperations,
  defineOperation,
  HttpException,
  type OperationStore,
} from '@statuskit/core';
import { z } from 'zod';
import { fastapiErrors } from './fastapi-errors.js';
import { Message } from './models.js';
import type { Store } from './store.js';

// Seed rows 31-39: `POST /reports` is a long-running operation. The
// definition lives in a module of its own so a worker process (BullMQ) can
// import the very same work by its name, `createReport`.

/** A report request: `delayMs` (default 100) is how long the work takes. */
export const ReportIn = z
  .object({ name: z.string().min(1).max(100), delayMs: z.int().min(0).max(10_000).default(100) })
  .meta({ id: 'ReportIn' });

/** A report as the API answers it: `rows` is the length of its name. */
export const Report = z
  .object({ id: z.int(), name: z.string(), rows: z.int() })
  .meta({ id: 'Report' });

/** Waits `ms`, or rejects as soon as the operation is canceled. */
function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    signal.throwIfAborted();
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', abort);
      resolve();
    }, ms);
    const abort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', abort, { once: true });
  });
}

/**
 * `POST /reports` on `store` (report ids count from 1 in each store): waits
 * `delayMs`, then creates the report; `taken` raises 409, `crash` throws an
 * Error whose message must never leak. A worker builds it the same way, on its
 * own store: the name `createReport` is what ties a queued job to this work.
 */
export const createReport = (store: Store) =>
  defineOperation(
    {
      name: 'createReport',
      method: 'POST',
      path: '/reports',
      status: 201,
      request: { body: fastapiErrors(ReportIn) },
      response: Report,
      responses: { 409: { description: 'Report exists', model: Message } },
      summary: 'Create a report (a long-running operation)',
    },
    async ({ body, signal }) => {
      await delay(body.delayMs, signal);
      if (body.name === 'taken') throw new HttpException(409, 'Report exists');
      if (body.name === 'crash') throw new Error('secret');
      return { id: store.nextReport++, name: body.name, rows: body.name.length };
    },
  );

/** The operation routes (start, monitor, result, cancel); operations live in `operations` (default: memory). */
export function operationRoutes(store: Store, operations?: OperationStore): readonly AnyRoute[] {
  const ops = createOperations({
    operations: [createReport(store)],
    ...(operations && { store: operations }),
  });
  return ops.routes;
}
