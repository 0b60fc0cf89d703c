import { describe, expect, it } from 'vitest';
import { createStatuskit } from '../kit.js';
import { recorder, send, withBody } from '../test-helpers.js';
import { memoryStore } from './memory-store.js';
import { createOperations } from './operations.js';
import type { OperationStore } from './store.js';

// A store whose work runs in workers (as @statuskit/bullmq's): the app process
// runs nothing after the 202, and `Prefer: wait` waits through the store.

function workersApp(withWait: boolean) {
  const inner = memoryStore();
  const { wait, ...rest } = inner;
  const store: OperationStore = { ...rest, ...(withWait && { wait }), execution: 'workers' };
  let runs = 0;
  const ops = createOperations({ store });
  ops.define({ method: 'POST', path: '/jobs', status: 201 }, () => {
    runs++;
    return { done: true };
  });
  const kit = createStatuskit(ops.routes, recorder().options);
  // The "worker": runs a created operation a little later, as a queue would.
  const worker = (id: string) => setTimeout(() => void ops.execute(id), 20);
  return { ops, kit, worker, runs: () => runs, inner };
}

describe('a store whose work runs in workers', () => {
  it('the app runs nothing after the 202; a worker runs it with execute()', async () => {
    const w = workersApp(true);
    const r = await send(w.kit, withBody('POST', '/jobs', '{}'));
    expect(r.status).toBe(202);
    expect(w.runs()).toBe(0);
    const id = (r.json() as { id: string }).id;
    expect(await w.ops.execute(id)).toMatchObject({ kind: 'ended' });
    expect(w.runs()).toBe(1);
  });

  for (const withWait of [true, false]) {
    it(`Prefer: wait gets the final answer through the store (${withWait ? 'its wait()' : 'polling get()'})`, async () => {
      const w = workersApp(withWait);
      const create = w.inner.create;
      w.ops.store.create = async (request) => {
        const result = await create(request);
        w.worker(request.id);
        return result;
      };
      const r = await send(
        w.kit,
        withBody('POST', '/jobs', '{}', 'application/json', { prefer: 'wait=5' }),
      );
      expect(r.status).toBe(201);
      expect(r.json()).toEqual({ done: true });
    });
  }

  it('Prefer: wait answers 202 when no worker ends it in time', async () => {
    const w = workersApp(false);
    const r = await send(
      w.kit,
      withBody('POST', '/jobs', '{}', 'application/json', { prefer: 'wait=1' }),
    );
    expect(r.status).toBe(202);
    expect(r.json()).toMatchObject({ status: 'notStarted' });
  });
});
