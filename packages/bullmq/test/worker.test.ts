import { randomUUID } from 'node:crypto';
import { isStatuskitError } from '@statuskit/core';
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { createWorker, type OperationsWorker, type WorkerErrorInfo } from '../src/index.js';
import { internalsOf } from '../src/internals.js';
import { reconcile } from '../src/reconcile.js';
import { sides, until } from './fixture.js';
import { hasRedis, useRedis } from './redis.js';

// A worker in this process, an app store beside it: what a job does to its
// operation, retries, cancel from the app side, a bounded shutdown, and what
// happens to operations whose job BullMQ gave up on.
describe.skipIf(!hasRedis)('createWorker', () => {
  const redis = useRedis();
  const cleanup: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const close of cleanup.splice(0).reverse()) await close();
  });
  const setup = (options: Parameters<typeof sides>[1] = {}) => {
    const s = sides(redis().url, options);
    cleanup.push(s.close);
    return s;
  };
  const errors: [unknown, WorkerErrorInfo][] = [];
  const worker = (
    s: ReturnType<typeof setup>,
    options: Parameters<typeof createWorker>[1] = {},
  ) => {
    const w: OperationsWorker = createWorker(s.workerOps(), {
      onBackgroundError: (error, info) => errors.push([error, info]),
      ...options,
    });
    cleanup.push(() => w.close());
    return w;
  };

  it('runs a job: the operation succeeds with the checked value, its progress kept, the job gone', async () => {
    const s = setup();
    worker(s);
    const id = await s.start('ok');
    const done = await s.settle(id);
    expect(done).toMatchObject({
      status: 'succeeded',
      progress: { run: 1 },
      outcome: { kind: 'value', value: { mode: 'ok', run: 1 } },
    });
    expect(done?.input).toBeUndefined();
    await until(
      () => s.app.queue.getJobState(id),
      (state) => state === 'unknown',
    );
    expect(s.runs.get(id)).toBe(1);
  });

  it('an HttpException is a result: the job completes, the operation fails with its status', async () => {
    const s = setup();
    worker(s);
    const id = await s.start('taken');
    expect(await s.settle(id)).toMatchObject({
      status: 'failed',
      outcome: { kind: 'exception', status: 409, detail: 'Job exists', headers: [] },
    });
    expect(await s.app.queue.getJobCounts('failed')).toEqual({ failed: 0 });
  });

  it('a throwing work is retried while attempts remain; the last failure is a 500 and reported', async () => {
    const s = setup({ attempts: 2, backoff: 10 });
    worker(s);
    const flaky = await s.start('flaky');
    expect(await s.settle(flaky)).toMatchObject({
      status: 'succeeded',
      outcome: { value: { run: 2 } },
    });
    const crash = await s.start('crash');
    expect(await s.settle(crash)).toMatchObject({ status: 'failed', outcome: { kind: 'error' } });
    expect(s.runs.get(crash)).toBe(2);
    // The worker reports after execute() has recorded the failure: the record can be read first.
    const reported = await until(
      async () => errors.filter(([, info]) => info.id === crash),
      (list) => list.length > 0,
    );
    expect(reported).toHaveLength(1);
    expect((reported[0]![0] as Error).message).toBe('secret');
    expect(JSON.stringify(await s.app.get(crash))).not.toContain('secret');
  });

  it("a cancel on the app's store aborts the work in the worker; the operation stays canceled", async () => {
    const s = setup();
    worker(s);
    const id = await s.start('slow', 30_000);
    await until(
      () => s.app.get(id),
      (r) => r?.status === 'running',
    );
    expect(await s.app.cancel(id, 60_000)).toMatchObject({ kind: 'canceled' });
    await until(
      async () => s.aborted.has(id),
      (seen) => seen,
    );
    await until(
      () => s.app.queue.getJobState(id),
      (state) => state === 'unknown',
    );
    expect(await s.app.get(id)).toMatchObject({ status: 'canceled' });
    expect(s.runs.get(id)).toBe(1);
  });

  it('a store wait ends when the worker ends the operation', async () => {
    const s = setup();
    worker(s);
    const id = await s.start('slow', 300);
    expect(await s.app.wait(id, 20_000)).toMatchObject({ status: 'succeeded' });
  });

  it('close() interrupts a work that outlives closeTimeout; another worker runs its job again', async () => {
    const s = setup();
    const first = worker(s, { closeTimeout: 200 });
    const id = await s.start('once-slow', 30_000);
    await until(
      () => s.app.get(id),
      (r) => r?.status === 'running',
    );
    await first.close();
    expect(s.aborted.has(id)).toBe(true);
    expect(await s.app.queue.getJobState(id)).toBe('waiting');
    expect(await s.app.get(id)).toMatchObject({ status: 'running' });
    worker(s);
    expect(await s.settle(id)).toMatchObject({
      status: 'succeeded',
      outcome: { value: { run: 2 } },
    });
  });

  it('a job BullMQ fails itself (stalled more than maxStalledCount) fails its operation with a 500', async () => {
    const s = setup();
    // A worker that takes the job and dies: it fetches by hand and never renews the lock.
    const connection = new Redis(redis().socket, { maxRetriesPerRequest: null });
    const thief = new Worker(s.queueName, null, { connection, lockDuration: 600 });
    thief.on('error', () => {});
    cleanup.push(async () => {
      await thief.close(true);
      connection.disconnect();
    });
    const id = await s.start('ok');
    const job = await thief.getNextJob(randomUUID());
    expect(job?.id).toBe(id);
    // Only now a real worker, whose stalled check finds the abandoned job.
    worker(s, { stalledInterval: 300, maxStalledCount: 0, lockDuration: 600 });
    const done = await s.settle(id);
    expect(done).toMatchObject({ status: 'failed', outcome: { kind: 'error' } });
    expect(s.runs.get(id)).toBeUndefined();
    // Reported after the failure is recorded: the record can be read first.
    const [reported] = await until(
      async () => errors.filter(([, info]) => info.id === id).map(([error]) => error),
      (list) => list.length > 0,
    );
    expect(isStatuskitError(reported, 'STATUSKIT_OPERATION_STORE')).toBe(true);
    expect(String(reported)).toContain('stalled');
  });

  it('the reconciler queues a job lost after its record, and fails a running operation whose job is gone', async () => {
    const s = setup();
    const store = internalsOf(s.app)!;
    const lost = await s.start('ok');
    const orphan = await s.start('ok');
    await s.app.queue.remove(lost);
    await s.app.queue.remove(orphan);
    await s.app.begin(orphan);
    const report = await reconcile(
      store,
      async (record) => {
        await s.app.finish(record.id, { kind: 'error' }, 60_000);
      },
      0,
    );
    expect(report.requeued).toEqual([lost]);
    expect(report.failed).toEqual([orphan]);
    expect(await s.app.get(orphan)).toMatchObject({ status: 'failed', outcome: { kind: 'error' } });
    worker(s);
    expect(await s.settle(lost)).toMatchObject({ status: 'succeeded' });
  });
});
