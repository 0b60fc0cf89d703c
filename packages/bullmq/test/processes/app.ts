// An app instance of the multi-process test: `app.ts <express|fastify> <redis url> <queue>`.
// Prints `listening on <url>`; SIGTERM closes it.
import { createOperations, createStatuskit } from '@statuskit/core';
import { bullmqStore } from '../../src/index.js';
import { mpOperation } from './operation.js';
import { exitOnSigterm } from './shutdown.js';

const [framework, redis, queueName] = process.argv.slice(2);
const store = bullmqStore({ connection: redis!, queueName: queueName!, timeout: 1000 });
const ops = createOperations({ operations: [mpOperation()], store });
// Store failures are answered 503; the test reads the answers, not this log.
const kit = createStatuskit(ops.routes, { onError: () => {} });
const { adapter } =
  framework === 'express'
    ? await import('@statuskit/express/testing')
    : await import('@statuskit/fastify/testing');
const server = await adapter.start(kit);
console.log(`listening on ${server.url}`);
exitOnSigterm(
  () => server.close(),
  () => store.close(),
);
