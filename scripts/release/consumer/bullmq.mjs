// A user's app and worker with @statuskit/bullmq, as installed from the registry.
// Without REDIS_URL it only loads the package (and checks what it exports);
// with it, one process runs an app on node:http and a worker, starts an
// operation with `Prefer: wait=10` and expects the final 200, then a Redis
// record the monitor reads. Prints one JSON line; exits 0 when all held.
import { once } from 'node:events';
import { createServer } from 'node:http';
import { bullmqStore, createWorker } from '@statuskit/bullmq';
import { createOperations, createStatuskit, defineOperation } from '@statuskit/core';
import { toNodeListener } from '@statuskit/node';

const exported = { bullmqStore: typeof bullmqStore, createWorker: typeof createWorker };
if (exported.bullmqStore !== 'function' || exported.createWorker !== 'function') {
  throw new Error(`@statuskit/bullmq exports ${JSON.stringify(exported)}`);
}
const url = process.env.REDIS_URL;
if (url === undefined) {
  console.log(JSON.stringify({ imported: true }));
  process.exit(0);
}

const double = defineOperation(
  { name: 'double', method: 'POST', path: '/double', status: 200 },
  async ({ body }) => ({ doubled: body.n * 2 }),
);
const store = bullmqStore({ connection: url, queueName: 'release-test' });
const ops = createOperations({ operations: [double], store });
const worker = createWorker(ops);
const server = createServer(toNodeListener(createStatuskit(ops.routes)));
server.listen(0, '127.0.0.1');
await once(server, 'listening');
const base = `http://127.0.0.1:${server.address().port}`;
try {
  const waited = await fetch(`${base}/double`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', prefer: 'wait=10' },
    body: JSON.stringify({ n: 21 }),
    signal: AbortSignal.timeout(15_000),
  });
  const answer = { status: waited.status, body: await waited.text() };
  const started = await fetch(`${base}/double`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ n: 1 }),
    signal: AbortSignal.timeout(5000),
  });
  const monitor = await fetch(base + started.headers.get('location'), {
    signal: AbortSignal.timeout(5000),
  });
  const seen = await monitor.json();
  console.log(JSON.stringify({ answer, started: started.status, monitor: seen.status }));
  const ok =
    answer.status === 200 &&
    answer.body === '{"doubled":42}' &&
    started.status === 202 &&
    ['notStarted', 'running', 'succeeded'].includes(seen.status);
  process.exitCode = ok ? 0 : 1;
} finally {
  server.close();
  await worker.close();
  await store.close();
}
