// Jobs per second through @statuskit/bullmq, with one and with two worker
// processes, on a throwaway redis-server (unix socket). For each run: N
// operations are created on a paused queue (that rate is the `create` figure:
// record + job, as a start does), the workers start, the queue resumes, and
// the clock runs until every operation has ended. The work itself returns at
// once. Bounded: every wait has a deadline; every process is stopped by PID.
//   pnpm --filter @statuskit/bullmq bench [-- --jobs 2000 --concurrency 8]
import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type Service, start } from '@statuskit/proc';
import { redisServerVersion, startRedis } from '@statuskit/proc/redis';
import { bullmqStore } from '../src/index.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    jobs: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '8' },
  },
});
const JOBS = Number(values.jobs);
const CONCURRENCY = Number(values.concurrency);
const DEADLINE_MS = 120_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function runWith(url: string, workers: number) {
  const queueName = `bench-${workers}-${randomUUID()}`;
  const store = bullmqStore({ connection: url, queueName, timeout: 10_000 });
  const started: Service[] = [];
  try {
    await store.queue.pause();
    const t0 = performance.now();
    let next = 0;
    // 50 starts in flight, as many clients would have.
    await Promise.all(
      Array.from({ length: 50 }, async () => {
        while (next < JOBS) {
          next++;
          await store.create({ id: randomUUID(), name: 'noop', input: {} });
        }
      }),
    );
    const createMs = performance.now() - t0;
    for (let i = 0; i < workers; i++) {
      started.push(
        await start(
          process.execPath,
          ['--import', 'tsx', join(HERE, 'worker.ts'), url, queueName, String(CONCURRENCY)],
          { cwd: join(HERE, '..'), ready: /worker ready/, timeoutMs: 30_000 },
        ),
      );
    }
    const internals = (await import('../src/internals.js')).internalsOf(store)!;
    const t1 = performance.now();
    await store.queue.resume();
    for (;;) {
      const pending = await internals.client.zcard(internals.keys.pending);
      if (pending === 0) break;
      if (performance.now() - t1 > DEADLINE_MS)
        throw new Error(`${pending} jobs left after ${DEADLINE_MS} ms`);
      await sleep(20);
    }
    const runMs = performance.now() - t1;
    return { workers, creates: JOBS / (createMs / 1000), jobs: JOBS / (runMs / 1000) };
  } finally {
    for (const w of started) await w.stop(5000);
    await store.close();
  }
}

const version = redisServerVersion();
if (version === undefined) {
  console.error('redis-server is not installed (apt-get install redis-server): nothing to measure');
  process.exit(1);
}
const redis = await startRedis();
try {
  const rows = [await runWith(redis.url, 1), await runWith(redis.url, 2)];
  console.log(
    `@statuskit/bullmq: ${JOBS} operations, concurrency ${CONCURRENCY} per worker, ${version.split(' ').slice(0, 3).join(' ')}`,
  );
  console.log(
    `machine: ${cpus().length} cores, load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} (figures from a loaded machine are lower bounds)`,
  );
  console.log('| workers | creates/s (record + job) | jobs/s (begin, work, finish) |');
  console.log('|---|---|---|');
  for (const r of rows) {
    console.log(`| ${r.workers} | ${Math.round(r.creates)} | ${Math.round(r.jobs)} |`);
  }
} finally {
  await redis.stop();
}
