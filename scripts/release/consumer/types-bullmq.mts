// A TypeScript consumer of @statuskit/bullmq, type-checked with moduleResolution
// node16 and bundler, skipLibCheck off (so BullMQ's and ioredis's own types are checked too).

import {
  type BullmqStore,
  bullmqStore,
  createWorker,
  type OperationsWorker,
  type RedisTarget,
} from '@statuskit/bullmq';
import { createOperations, defineOperation, type OperationStore } from '@statuskit/core';

const report = defineOperation(
  { name: 'report', method: 'POST', path: '/reports', status: 201 },
  async ({ signal }) => ({ done: !signal.aborted }),
);
const target: RedisTarget = { path: '/run/redis.sock', db: 1 };
const store: BullmqStore = bullmqStore({ connection: target, queueName: 'reports', attempts: 3 });
const plain: OperationStore = store;
const ops = createOperations({ operations: [report], store: plain });
export const worker: OperationsWorker = createWorker(ops, {
  concurrency: 4,
  lockDuration: 60_000,
  onBackgroundError: (error, info) => console.error(info.id, info.operation, error),
});
export const jobs: Promise<number> = store.queue.count();

// @ts-expect-error The types are real, not `any`: attempts is a number.
bullmqStore({ attempts: 'three' });
