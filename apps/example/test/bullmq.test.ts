import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import {
  type AdapterUnderTest,
  type AppFactory,
  operationCases,
  send,
} from '@statuskit/conformance';
import { defineConformanceSuite } from '@statuskit/conformance/vitest';
import { start } from '@statuskit/proc';
import { type RedisServer, redisForTests, startRedis } from '@statuskit/proc/redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleApp } from '../src/app.js';
import { type ExampleBullmq, exampleBullmq } from '../src/bullmq.js';
import { FRAMEWORKS, serve } from '../src/serve.js';

// `pnpm example --operations bullmq`: the operation cases (rows 31-39, L01-L03)
// against the example with its operations on a real Redis and a BullMQ
// worker, exactly as conformance.test.ts runs them on the memory store. Each
// case gets its own queue, store and worker, closed with the case's server.
// Without redis-server these are skipped with the reason (CI requires it).

const found = redisForTests();
if (!found.ok) console.warn(`apps/example: ${found.reason}`);

describe.skipIf(!found.ok)('the example with --operations bullmq', () => {
  let redis: RedisServer | undefined;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  // The case's app is built before its server starts; the server's close ends both.
  let current: ExampleBullmq | undefined;
  const app: AppFactory = ({ policy, options }) => {
    current = exampleBullmq(redis!.url, `example-${randomUUID()}`, () => {});
    const example = exampleApp(policy, () => {}, current.store);
    current.startWorker(example.store);
    return { routes: example.routes, options: { ...example.options, ...options } };
  };
  const mounted = (framework: (typeof FRAMEWORKS)[number]): AdapterUnderTest => ({
    name: `example on ${framework} with bullmq`,
    async start(kit) {
      const operations = current;
      current = undefined;
      const server = await serve(framework, kit, 0, '127.0.0.1');
      return {
        url: `http://127.0.0.1:${server.port}`,
        close: async () => {
          await server.close();
          await operations?.close();
        },
      };
    },
  });

  it('pnpm example --operations bullmq --redis URL: the worker in the process runs the reports', async () => {
    const root = fileURLToPath(new URL('..', import.meta.url));
    const args = ['--import', 'tsx', 'src/main.ts', '--port', '0', '--operations', 'bullmq'];
    const example = await start(process.execPath, [...args, '--redis', redis!.url], {
      cwd: root,
      ready: /listening on (http:\/\/127\.0\.0\.1:\d+)\n/,
    });
    try {
      const url = example.match[1]!;
      const body = JSON.stringify({ name: 'q3', delayMs: 0 });
      const headers = { 'content-type': 'application/json' };
      const started = await send(url, { method: 'POST', path: '/reports', headers, body });
      expect(started.status).toBe(202);
      const monitor = started.headers.find(([name]) => name === 'location')?.[1] ?? '';
      let result = await send(url, { method: 'GET', path: `${monitor}/result` });
      for (let i = 0; i < 200 && result.status === 202; i++) {
        await new Promise((resolve) => setTimeout(resolve, 25));
        result = await send(url, { method: 'GET', path: `${monitor}/result` });
      }
      expect([result.status, new TextDecoder().decode(result.body)]).toEqual([
        201,
        '{"id":1,"name":"q3","rows":2}',
      ]);
      example.kill('SIGTERM');
      expect(await example.exited).toEqual({ code: 0, signal: null });
    } finally {
      await example.stop();
    }
  });

  for (const framework of FRAMEWORKS) {
    defineConformanceSuite(mounted(framework), {
      app,
      cases: operationCases,
      bodyParser: [false],
    });
  }
});
