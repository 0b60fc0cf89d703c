import {
  type BullmqStore,
  bullmqStore,
  createWorker,
  type OperationsWorker,
} from '@statuskit/bullmq';
import { createOperations } from '@statuskit/core';
import { createReport } from './operations.js';
import type { Store } from './store.js';

// `--operations bullmq`: rows 31-39 on Redis. The app answers from a
// bullmqStore; a worker in this same process runs the `createReport` jobs
// (on the example's store, so report ids count as with the memory store). In
// production the worker is a process of its own, built the same way: the
// same definition, a store on the same Redis and queue, `createWorker`.

/** The example's operations on Redis, and the worker that runs them here. */
export interface ExampleBullmq {
  readonly store: BullmqStore;
  /** Starts the in-process worker for `store`'s reports; once. */
  startWorker(store: Store): OperationsWorker;
  /** Closes the worker (bounded), then the store's connections. */
  close(): Promise<void>;
}

/** A bullmqStore on `redis` (a URL or socket path) and `queueName`; worker failures go to `log`. */
export function exampleBullmq(
  redis: string,
  queueName = 'statuskit-example',
  log: (line: string) => void = (line) => console.error(line),
): ExampleBullmq {
  const store = bullmqStore({ connection: redis, queueName });
  let worker: OperationsWorker | undefined;
  return {
    store,
    startWorker(reports) {
      const ops = createOperations({ operations: [createReport(reports)], store });
      worker = createWorker(ops, {
        closeTimeout: 1000,
        onBackgroundError: (error, info) =>
          log(`operation ${info.id} (${info.operation}) failed: ${String(error)}`),
      });
      return worker;
    },
    async close() {
      await worker?.close();
      await store.close();
    },
  };
}
