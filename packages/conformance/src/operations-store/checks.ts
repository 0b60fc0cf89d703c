// What every operation store must do (the contract in @statuskit/core's
// OperationStore), as checks that know nothing of the store behind them: the
// memory store runs them, and so does @statuskit/bullmq on a real Redis. Ids
// and idempotency keys are fresh for every check, so one store (or one Redis)
// can serve them all, in any order.
import { deepStrictEqual, equal, ok } from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type {
  CreateRequest,
  OperationRecord,
  OperationStore,
  StoredOutcome,
} from '@statuskit/core';

/** One check of the store contract. */
export interface StoreCheck {
  readonly name: string;
  /** `make` gives a store; called twice, both must see the same operations. */
  run(make: () => Promise<OperationStore>): Promise<void>;
}

const LONG = 60_000;
const value: StoredOutcome = { kind: 'value', value: { id: 1, name: 'q3', rows: 2 } };
const conflict: StoredOutcome = {
  kind: 'exception',
  status: 409,
  detail: 'Report exists',
  headers: [['x-reason', 'taken']],
};
const crash: StoredOutcome = { kind: 'error' };

function request(extra: Partial<CreateRequest> = {}): CreateRequest {
  return { id: randomUUID(), name: 'createReport', input: { body: { name: 'q3' } }, ...extra };
}

function keyed(key: string, fingerprint: string): CreateRequest {
  return request({ idempotency: { key, fingerprint } });
}

async function created(
  store: OperationStore,
  r: CreateRequest = request(),
): Promise<OperationRecord> {
  const result = await store.create(r);
  equal(result.kind, 'created');
  return result.record;
}

async function defined(pending: Promise<OperationRecord | undefined>): Promise<OperationRecord> {
  const record = await pending;
  ok(record !== undefined, 'expected a record, got undefined');
  return record;
}

function json(record: OperationRecord | undefined): void {
  deepStrictEqual(JSON.parse(JSON.stringify(record)), record, 'a record must be plain JSON');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `get` answers undefined: at most `attempts` times, `ms` apart. */
async function expires(store: OperationStore, id: string, attempts = 100, ms = 50): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    if ((await store.get(id)) === undefined) return;
    await sleep(ms);
  }
  throw new Error(`operation ${id} still readable after ${attempts * ms} ms, retention 1 ms`);
}

/** The checks, in a stable order. */
export const storeChecks: readonly StoreCheck[] = [
  {
    name: 'create makes a notStarted operation that get reads back, as JSON',
    async run(make) {
      const store = await make();
      const r = request();
      const record = await created(store, r);
      equal(record.id, r.id);
      equal(record.name, 'createReport');
      equal(record.status, 'notStarted');
      ok(Number.isFinite(record.createdAt) && record.updatedAt >= record.createdAt);
      deepStrictEqual(record.input, r.input);
      json(record);
      deepStrictEqual(await store.get(r.id), record);
    },
  },
  {
    name: 'get, begin, finish and cancel of an unknown id find nothing',
    async run(make) {
      const store = await make();
      const id = randomUUID();
      equal(await store.get(id), undefined);
      equal(await store.begin(id), undefined);
      equal(await store.finish(id, value, LONG), undefined);
      deepStrictEqual(await store.cancel(id, LONG), { kind: 'unknown' });
      await store.progress(id, 1); // ignored, no throw
      store.onCancel(id, () => {})(); // a no-op subscription
    },
  },
  {
    name: 'the same idempotency key and fingerprint give the existing operation; another fingerprint a conflict',
    async run(make) {
      const store = await make();
      const key = `k-${randomUUID()}`;
      const first = await created(store, keyed(key, 'f1'));
      const again = await store.create(keyed(key, 'f1'));
      equal(again.kind, 'existing');
      equal(again.record.id, first.id);
      const other = await store.create(keyed(key, 'f2'));
      equal(other.kind, 'conflict');
      equal(other.record.id, first.id);
      const free = await store.create(keyed(`k-${randomUUID()}`, 'f1'));
      equal(free.kind, 'created');
      ok(free.record.id !== first.id);
    },
  },
  {
    name: 'of concurrent creates with one key, exactly one creates',
    async run(make) {
      const store = await make();
      const key = `k-${randomUUID()}`;
      const results = await Promise.all(
        Array.from({ length: 10 }, () => store.create(keyed(key, 'same'))),
      );
      equal(results.filter((r) => r.kind === 'created').length, 1);
      equal(new Set(results.map((r) => r.record.id)).size, 1);
      ok(results.every((r) => r.kind !== 'conflict'));
    },
  },
  {
    name: 'begin moves notStarted (or a retried running) to running, with the input',
    async run(make) {
      const store = await make();
      const r = request();
      await created(store, r);
      const running = await defined(store.begin(r.id));
      equal(running.status, 'running');
      deepStrictEqual(running.input, r.input);
      const retried = await defined(store.begin(r.id));
      equal(retried.status, 'running');
      equal((await defined(store.get(r.id))).status, 'running');
    },
  },
  {
    name: 'progress is kept while running and ignored once terminal',
    async run(make) {
      const store = await make();
      const record = await created(store);
      await store.progress(record.id, { done: 1 }); // not running yet: ignored
      equal((await defined(store.get(record.id))).progress, undefined);
      await store.begin(record.id);
      await store.progress(record.id, { done: 2, of: 3 });
      const seen = await defined(store.get(record.id));
      deepStrictEqual(seen.progress, { done: 2, of: 3 });
      ok(seen.updatedAt >= record.updatedAt);
      await store.finish(record.id, value, LONG);
      await store.progress(record.id, { done: 3 });
      deepStrictEqual((await defined(store.get(record.id))).progress, { done: 2, of: 3 });
    },
  },
  {
    name: 'finish with a value succeeds, with an exception or error fails; the outcome is kept as JSON',
    async run(make) {
      const store = await make();
      for (const [outcome, status] of [
        [value, 'succeeded'],
        [conflict, 'failed'],
        [crash, 'failed'],
      ] as const) {
        const record = await created(store);
        await store.begin(record.id);
        const done = await defined(store.finish(record.id, outcome, LONG));
        equal(done.status, status);
        deepStrictEqual(done.outcome, outcome);
        json(done);
        deepStrictEqual(await store.get(record.id), done);
      }
    },
  },
  {
    name: 'the first end wins: finish after finish or cancel changes nothing',
    async run(make) {
      const store = await make();
      const a = await created(store);
      await store.begin(a.id);
      const first = await defined(store.finish(a.id, value, LONG));
      deepStrictEqual(await store.finish(a.id, crash, LONG), first);
      const b = await created(store);
      await store.begin(b.id);
      const canceled = await store.cancel(b.id, LONG);
      equal(canceled.kind, 'canceled');
      const after = await defined(store.finish(b.id, value, LONG));
      equal(after.status, 'canceled');
      equal(after.outcome, undefined);
    },
  },
  {
    name: 'cancel ends a pending operation; a terminal one is reported, unchanged',
    async run(make) {
      const store = await make();
      const pending = await created(store);
      const first = await store.cancel(pending.id, LONG);
      ok(first.kind === 'canceled');
      equal(first.record.status, 'canceled');
      const second = await store.cancel(pending.id, LONG);
      ok(second.kind === 'terminal');
      deepStrictEqual(second.record, first.record);
      equal(await store.begin(pending.id), undefined, 'a canceled operation must not begin');
      const done = await created(store);
      await store.begin(done.id);
      await store.finish(done.id, value, LONG);
      const late = await store.cancel(done.id, LONG);
      ok(late.kind === 'terminal');
      equal(late.record.status, 'succeeded');
    },
  },
  {
    name: 'cancel calls the onCancel listeners of the operation once; unsubscribed ones not',
    async run(make) {
      const store = await make();
      const record = await created(store);
      let heard = 0;
      let unsubscribedHeard = 0;
      store.onCancel(record.id, () => heard++);
      const off = store.onCancel(record.id, () => unsubscribedHeard++);
      off();
      await store.begin(record.id);
      await store.cancel(record.id, LONG);
      await store.cancel(record.id, LONG);
      for (let i = 0; i < 100 && heard === 0; i++) await sleep(20);
      equal(heard, 1);
      equal(unsubscribedHeard, 0);
    },
  },
  {
    name: 'a second store on the same data sees operations, and its cancel reaches the first one',
    async run(make) {
      const a = await make();
      const b = await make();
      const record = await created(a);
      deepStrictEqual(await b.get(record.id), record);
      let heard = 0;
      a.onCancel(record.id, () => heard++);
      await a.begin(record.id);
      const result = await b.cancel(record.id, LONG);
      equal(result.kind, 'canceled');
      for (let i = 0; i < 100 && heard === 0; i++) await sleep(20);
      equal(heard, 1, 'a cancel in one process must reach the work in another');
      equal((await defined(a.get(record.id))).status, 'canceled');
    },
  },
  {
    name: 'ended operations stay for their retention, then expire with their idempotency key',
    async run(make) {
      const store = await make();
      const kept = await created(store);
      await store.begin(kept.id);
      await store.finish(kept.id, value, LONG);
      const key = `k-${randomUUID()}`;
      const short = await created(store, keyed(key, 'f'));
      await store.begin(short.id);
      await store.finish(short.id, conflict, 1);
      const canceled = await created(store);
      await store.cancel(canceled.id, 1);
      await expires(store, short.id);
      await expires(store, canceled.id);
      equal((await defined(store.get(kept.id))).status, 'succeeded');
      const reused = await store.create(keyed(key, 'other'));
      equal(reused.kind, 'created', 'an expired operation frees its idempotency key');
    },
  },
  {
    name: 'updatedAt never goes back, and never before createdAt',
    async run(make) {
      const store = await make();
      const record = await created(store);
      const running = await defined(store.begin(record.id));
      await store.progress(record.id, 1);
      const progressed = await defined(store.get(record.id));
      const done = await defined(store.finish(record.id, value, LONG));
      const times = [record, running, progressed, done].map((r) => r.updatedAt);
      deepStrictEqual(
        times,
        [...times].sort((x, y) => x - y),
      );
      ok(times[0]! >= record.createdAt);
      equal(done.createdAt, record.createdAt);
    },
  },
  {
    name: 'wait (when the store has it) resolves at the end, or with the pending record after the timeout',
    async run(make) {
      const store = await make();
      if (store.wait === undefined) return;
      const record = await created(store);
      await store.begin(record.id);
      const pending = await defined(store.wait(record.id, 20));
      equal(pending.status, 'running');
      const waiting = store.wait(record.id, 30_000);
      await store.finish(record.id, value, LONG);
      equal((await defined(waiting)).status, 'succeeded');
      equal(await store.wait(randomUUID(), 10), undefined);
    },
  },
];
