// A worker process of the multi-process test: `worker.ts <redis url> <queue> <run log>`.
// Short locks so a killed worker's job is recovered within seconds. Prints
// `worker ready`; SIGTERM closes it.
import { createOperations } from '@statuskit/core';
import { bullmqStore, createWorker } from '../../src/index.js';
import { mpOperation } from './operation.js';
import { exitOnSigterm } from './shutdown.js';

const [redis, queueName, runLog] = process.argv.slice(2);
const store = bullmqStore({ connection: redis!, queueName: queueName! });
const ops = createOperations({ operations: [mpOperation(runLog)], store });
const worker = createWorker(ops, {
  concurrency: 2,
  lockDuration: 1500,
  stalledInterval: 500,
  maxStalledCount: 1,
  closeTimeout: 1000,
  onBackgroundError: (error, info) => console.error(`${info.id}: ${String(error)}`),
});
await worker.ready();
console.log('worker ready');
exitOnSigterm(
  () => worker.close(),
  () => store.close(),
);
