// Operations and stores for the worker tests: an "app" store and a "worker"
// store on the same Redis and queue (two clients, as two processes would
// have), the work counting its runs, and bounded polling.
import { randomUUID } from 'node:crypto';
import {
  createOperations,
  defineOperation,
  HttpException,
  type OperationRecord,
} from '@statuskit/core';
import { z } from 'zod';
import { type BullmqStore, type BullmqStoreOptions, bullmqStore } from '../src/index.js';

/** Waits `ms`, or rejects as soon as `signal` aborts. */
export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    signal?.throwIfAborted();
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

/** Runs of the work, by operation id, in this process. */
export type Runs = Map<string, number>;

/**
 * `job`: `mode` ok (returns), slow (waits `ms`, aborts on cancel), once-slow
 * (slow on its first run only), taken (raises 409), flaky (throws on its
 * first run, then returns), crash (always throws). Each run is counted in `runs`.
 */
export function jobOperation(runs: Runs, aborted: Set<string>) {
  return defineOperation(
    {
      name: 'job',
      method: 'POST',
      path: '/jobs',
      status: 201,
      request: { body: z.object({ mode: z.string(), ms: z.int().default(0) }) },
      response: z.object({ mode: z.string(), run: z.int() }),
    },
    async ({ id, body, signal, progress }) => {
      const run = (runs.get(id) ?? 0) + 1;
      runs.set(id, run);
      progress({ run });
      try {
        const slow = body.mode === 'slow' || (body.mode === 'once-slow' && run === 1);
        if (slow) await delay(body.ms, signal);
      } catch (error) {
        aborted.add(id);
        throw error;
      }
      if (body.mode === 'taken') throw new HttpException(409, 'Job exists');
      if (body.mode === 'crash') throw new Error('secret');
      if (body.mode === 'flaky' && run === 1) throw new Error('flaky');
      return { mode: body.mode, run };
    },
  );
}

/** Polls `read` until `done` holds: at most `attempts` times, `ms` apart. */
export async function until<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  attempts = 400,
  ms = 25,
): Promise<T> {
  let value = await read();
  for (let i = 0; i < attempts && !done(value); i++) {
    await delay(ms);
    value = await read();
  }
  if (!done(value))
    throw new Error(`still not there after ${attempts * ms} ms: ${JSON.stringify(value)}`);
  return value;
}

/** Whether a record has ended. */
export const ended = (r: OperationRecord | undefined): boolean =>
  r !== undefined && ['succeeded', 'failed', 'canceled'].includes(r.status);

/** An app side and a worker side on one queue (fresh per call), with their closers. */
export function sides(url: string, options: BullmqStoreOptions = {}) {
  const queueName = `q-${randomUUID()}`;
  const runs: Runs = new Map();
  const aborted = new Set<string>();
  const stores: BullmqStore[] = [];
  const store = (): BullmqStore => {
    const s = bullmqStore({ connection: url, queueName, ...options });
    stores.push(s);
    return s;
  };
  const app = store();
  const op = jobOperation(runs, aborted);
  const appOps = createOperations({ operations: [op], store: app });
  const workerOps = () => createOperations({ operations: [op], store: store() });
  const start = async (mode: string, ms = 0): Promise<string> => {
    const id = randomUUID();
    const created = await app.create({
      id,
      name: 'job',
      input: { body: { mode, ms }, params: {}, query: {} },
    });
    if (created.kind !== 'created') throw new Error(`not created: ${created.kind}`);
    return id;
  };
  const settle = (id: string) => until(() => app.get(id), ended);
  const close = () => Promise.all(stores.map((s) => s.close()));
  return { queueName, runs, aborted, app, appOps, workerOps, start, settle, close };
}
