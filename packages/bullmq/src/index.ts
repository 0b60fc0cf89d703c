// @statuskit/bullmq: long-running operations (createOperations) on Redis, run
// by BullMQ 6 workers in other processes. The store keeps each operation as a
// Redis hash and hands its work over as a BullMQ job; the worker runs the jobs.
export type { RedisTarget } from './connection.js';
export type { BullmqStoreOptions } from './options.js';
export type { JobOutcome, WorkerErrorHook, WorkerErrorInfo } from './processor.js';
export { type BullmqStore, bullmqStore, type OperationJobData } from './store.js';
export { createWorker, type OperationsWorker, type OperationsWorkerOptions } from './worker.js';
