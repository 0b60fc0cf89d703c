// A bench worker process: `worker.ts <redis url> <queue> <concurrency>`; the
// work returns at once, so what is measured is the store and BullMQ.
import { createOperations, defineOperation } from '@statuskit/core';
import { bullmqStore, createWorker } from '../src/index.js';
import { exitOnSigterm } from '../test/processes/shutdown.js';

const [redis, queueName, concurrency] = process.argv.slice(2);
const noop = defineOperation(
  { name: 'noop', method: 'POST', path: '/noop', status: 200 },
  async () => ({ ok: true }),
);
const store = bullmqStore({ connection: redis!, queueName: queueName! });
const worker = createWorker(createOperations({ operations: [noop], store }), {
  concurrency: Number(concurrency),
});
await worker.ready();
console.log('worker ready');
exitOnSigterm(
  () => worker.close(),
  () => store.close(),
);
