import { randomUUID } from 'node:crypto';
import { isStatuskitError, type OperationStore } from '@statuskit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type BullmqStore, bullmqStore } from '../src/index.js';
import { until } from './fixture.js';
import { hasRedis, useRedis } from './redis.js';

// Redis away: every call of the store rejects with STATUSKIT_OPERATION_STORE
// (the core's 503) and none hangs, whether the server is gone, frozen or not
// yet there; when it is back, the same store object answers again.

const BOUND = 500; // the store's `timeout` here

/** Every kind of call the core makes, on fresh ids. */
function calls(store: OperationStore): [string, () => Promise<unknown>][] {
  const id = randomUUID();
  return [
    ['create', () => store.create({ id, name: 'job', input: {} })],
    ['get', () => store.get(id)],
    ['begin', () => store.begin(id)],
    ['progress', () => store.progress(id, 1)],
    ['cancel', () => store.cancel(id, 1000)],
    ['wait', () => store.wait!(id, 10_000)],
  ];
}

/** Each call rejects with the store's error; collects how long each took (for messages). */
async function allRefused(store: OperationStore): Promise<void> {
  for (const [name, call] of calls(store)) {
    const error = await call().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isStatuskitError(error, 'STATUSKIT_OPERATION_STORE'), `${name}: ${String(error)}`).toBe(
      true,
    );
    expect(String(error)).toContain(`bullmqStore: ${name}`);
  }
}

/** Resolves with a call's result, or rejects when it takes longer than `ms` (a hang). */
function noHang<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    work,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`hung for ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

describe.skipIf(!hasRedis)('bullmqStore when Redis is away', () => {
  const redis = useRedis();
  const stores: BullmqStore[] = [];
  afterEach(async () => {
    await redis().up();
    await Promise.all(stores.splice(0).map((s) => s.close()));
  });
  const store = (): BullmqStore => {
    const s = bullmqStore({
      connection: redis().url,
      queueName: `down-${randomUUID()}`,
      timeout: BOUND,
      finishPatience: 1,
    });
    stores.push(s);
    return s;
  };
  const healthy = async (s: OperationStore) => {
    const id = randomUUID();
    await until(
      () =>
        s.create({ id: randomUUID(), name: 'job', input: {} }).then(
          () => true,
          () => false,
        ),
      (ok) => ok,
    );
    expect((await s.create({ id, name: 'job', input: {} })).kind).toBe('created');
    expect(await s.get(id)).toMatchObject({ status: 'notStarted' });
  };

  it('a stopped server: every call rejects at once; the store answers again once it is back', async () => {
    const s = store();
    await healthy(s);
    await redis().down();
    await noHang(allRefused(s), 10 * BOUND);
    await redis().up();
    await healthy(s);
  });

  it('a frozen server (SIGSTOP): every call rejects after its bound; SIGCONT and it answers', async () => {
    const s = store();
    await healthy(s);
    redis().kill('SIGSTOP');
    try {
      await noHang(allRefused(s), 6 * 4 * BOUND);
    } finally {
      redis().kill('SIGCONT');
    }
    await healthy(s);
  });

  it('a store made while Redis is down rejects its calls, then works once Redis starts', async () => {
    await redis().down();
    const s = store();
    await noHang(allRefused(s), 10 * BOUND);
    await redis().up();
    await healthy(s);
  });
});
