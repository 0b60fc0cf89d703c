import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ErrorCode } from '../errors.js';
import { memoryStore } from './memory-store.js';
import { createOperations } from './operations.js';

// The worker's side: `execute(id)` as @statuskit/bullmq calls it for each job,
// on operations another process created.

function worker() {
  const store = memoryStore();
  const ops = createOperations({ store });
  let abortSeen = false;
  ops.define(
    {
      name: 'work',
      method: 'POST',
      path: '/work',
      status: 200,
      request: { body: z.object({ mode: z.string() }) },
      response: z.looseObject({ ok: z.boolean() }),
    },
    async ({ body, signal, progress }) => {
      progress(10n as never); // not JSON: not shown, no throw
      if (body.mode === 'throw') throw new Error('flaky');
      if (body.mode === 'bad') return { ok: 'yes' } as never;
      if (body.mode === 'bigint') return { ok: true, n: 1n } as never;
      if (body.mode === 'wait') {
        await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
        abortSeen = true;
        throw new Error('aborted');
      }
      return { ok: true };
    },
  );
  let n = 0;
  const create = async (mode: string, name = 'work') => {
    const id = `op-${++n}`;
    await store.create({ id, name, input: { body: { mode }, params: {}, query: {} } });
    return id;
  };
  return { store, ops, create, abortSeen: () => abortSeen };
}

describe('Operations.execute', () => {
  it('runs the work of a stored operation and records its checked result', async () => {
    const w = worker();
    const id = await w.create('ok');
    const ran = await w.ops.execute(id);
    expect(ran).toMatchObject({ kind: 'ended', record: { status: 'succeeded' } });
    expect((await w.store.get(id))?.outcome).toEqual({ kind: 'value', value: { ok: true } });
    expect(await w.ops.execute(id)).toEqual({ kind: 'skipped' });
  });

  it('final: false leaves a throwing work running, for the queue to retry', async () => {
    const w = worker();
    const id = await w.create('throw');
    const ran = await w.ops.execute(id, { final: false });
    expect(ran).toMatchObject({ kind: 'retry', error: { message: 'flaky' } });
    expect((await w.store.get(id))?.status).toBe('running');
    const last = await w.ops.execute(id);
    expect(last).toMatchObject({ kind: 'ended', record: { status: 'failed' } });
    expect(last.kind === 'ended' && last.error).toMatchObject({ message: 'flaky' });
  });

  it("the worker's own signal interrupts without recording anything", async () => {
    const w = worker();
    const stop = new AbortController();
    stop.abort();
    expect(await w.ops.execute(await w.create('ok'), { signal: stop.signal })).toEqual({
      kind: 'interrupted',
    });
    const shutdown = new AbortController();
    const id = await w.create('wait');
    const pending = w.ops.execute(id, { signal: shutdown.signal });
    await new Promise<void>((resolve) => setTimeout(resolve, 5));
    shutdown.abort();
    expect(await pending).toEqual({ kind: 'interrupted' });
    expect(w.abortSeen()).toBe(true);
    expect((await w.store.get(id))?.status).toBe('running');
  });

  it('a cancel aborts the work; what it throws then is no failure', async () => {
    const w = worker();
    const id = await w.create('wait');
    const pending = w.ops.execute(id);
    await new Promise<void>((resolve) => setTimeout(resolve, 5));
    await w.store.cancel(id, 1000);
    expect(await pending).toMatchObject({ kind: 'ended', record: { status: 'canceled' } });
    expect(await pending).not.toHaveProperty('error');
    const before = await w.create('ok');
    await w.store.cancel(before, 1000);
    expect(await w.ops.execute(before)).toEqual({ kind: 'skipped' });
  });

  it('fails, with a 500 and a reason, a result that breaks the model or is no JSON', async () => {
    const w = worker();
    for (const mode of ['bad', 'bigint']) {
      const ran = await w.ops.execute(await w.create(mode));
      expect(ran).toMatchObject({
        kind: 'ended',
        record: { status: 'failed', outcome: { kind: 'error' } },
      });
      expect(ran.kind === 'ended' && ran.error).toMatchObject({
        code: ErrorCode.RESPONSE_VALIDATION,
      });
    }
  });

  it('fails an operation whose work this process does not know, and says so', async () => {
    const w = worker();
    const ran = await w.ops.execute(await w.create('ok', 'elsewhere'));
    expect(ran).toMatchObject({ kind: 'ended', record: { status: 'failed' } });
    expect(String(ran.kind === 'ended' && ran.error)).toContain('"elsewhere"');
  });
});
