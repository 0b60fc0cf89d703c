import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../errors.js';
import { thrownBy } from '../test-helpers.js';
import { memoryStore } from './memory-store.js';

// What the store contract (storeSuite in @statuskit/conformance) does not say:
// the memory store's bounds. The contract itself runs in packages/conformance.

function clock() {
  let t = 1_000;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

const create = (id: string, key?: string) => ({
  id,
  name: 'op',
  input: null,
  ...(key === undefined ? {} : { idempotency: { key, fingerprint: 'f' } }),
});

describe('memoryStore', () => {
  it('expires an ended operation exactly at its retention, on the injected clock', async () => {
    const c = clock();
    const store = memoryStore({ now: c.now });
    await store.create(create('a', 'k'));
    await store.finish('a', { kind: 'error' }, 500);
    c.advance(499);
    expect((await store.get('a'))?.status).toBe('failed');
    c.advance(1);
    expect(await store.get('a')).toBeUndefined();
    expect((await store.create(create('b', 'k'))).kind).toBe('created');
  });

  it('drops the input once the operation ended', async () => {
    const store = memoryStore();
    await store.create({ ...create('a'), input: { body: 'big' } });
    await store.begin('a');
    const done = await store.finish('a', { kind: 'value', value: 1 }, 1000);
    expect(done).not.toHaveProperty('input');
  });

  it('when full, makes room by dropping the oldest ended operation first', async () => {
    const store = memoryStore({ maxOperations: 3 });
    for (const id of ['a', 'b', 'c']) await store.create(create(id));
    await store.cancel('b', 60_000);
    await store.cancel('a', 60_000);
    await store.create(create('d'));
    expect(await store.get('b')).toBeUndefined();
    expect((await store.get('a'))?.status).toBe('canceled');
    await store.create(create('e'));
    expect(await store.get('a')).toBeUndefined();
  });

  it('refuses a new operation when every kept one is still pending', async () => {
    const store = memoryStore({ maxOperations: 2 });
    await store.create(create('a'));
    await store.create(create('b'));
    await expect(store.create(create('c'))).rejects.toMatchObject({
      code: ErrorCode.OPERATION_STORE,
      message: expect.stringContaining('all 2 operations are still pending'),
    });
  });

  it('stays within maxOperations through many ended operations', async () => {
    const c = clock();
    const store = memoryStore({ maxOperations: 50, now: c.now });
    for (let i = 0; i < 1000; i++) {
      await store.create(create(String(i)));
      await store.finish(String(i), { kind: 'value', value: i }, 10_000);
      c.advance(1);
    }
    let kept = 0;
    for (let i = 0; i < 1000; i++) if ((await store.get(String(i))) !== undefined) kept++;
    expect(kept).toBe(50);
  });

  it('refuses a bad maxOperations at creation', () => {
    expect(thrownBy(() => memoryStore({ maxOperations: 0 }))).toMatchObject({
      code: ErrorCode.INVALID_OPTION,
    });
  });

  it('close() wakes every waiter with the record as it is', async () => {
    const store = memoryStore();
    await store.create(create('a'));
    const waiting = store.wait!('a', 60_000);
    await store.close!();
    expect((await waiting)?.status).toBe('notStarted');
  });

  it('a throwing cancel listener does not keep the cancel from the others', async () => {
    const store = memoryStore();
    await store.create(create('a'));
    let heard = false;
    store.onCancel('a', () => {
      throw new Error('listener');
    });
    store.onCancel('a', () => {
      heard = true;
    });
    expect((await store.cancel('a', 1000)).kind).toBe('canceled');
    expect(heard).toBe(true);
    expect(store.onCancel('a', () => {})).toBeTypeOf('function');
  });
});
