// Operations in Redis, run by BullMQ workers. The record is a Redis hash moved
// by Lua scripts (scripts.ts); the work is a BullMQ job whose id is the
// operation's id and whose data is only that id. `create` writes the record,
// then adds the job: the 202 is answered only once both are in Redis. A job
// that could not be added undoes its record; one left behind by a crash
// between the two steps is added again (by an `existing` create, or by a
// worker's reconciler), never lost.
import type {
  CancelResult,
  CreateRequest,
  CreateResult,
  JsonValue,
  OperationRecord,
  OperationStatus,
  OperationStore,
  StoredOutcome,
} from '@statuskit/core';
import { type JobsOptions, Queue } from 'bullmq';
import { bounded } from './bound.js';
import {
  clientFactory,
  closeClient,
  commandClient,
  describeTarget,
  subscriberClient,
} from './connection.js';
import { recordEvents } from './events.js';
import { register } from './internals.js';
import { storeKeys } from './keys.js';
import { type BullmqStoreOptions, resolveStoreOptions } from './options.js';
import { mustRecord, toRecord } from './records.js';
import { defineScripts } from './scripts.js';

/** An operation store on Redis whose work BullMQ workers run (`createWorker`). */
export interface BullmqStore extends OperationStore {
  readonly execution: 'workers';
  /** The BullMQ queue of the operations' jobs (for dashboards and metrics). */
  readonly queue: Queue;
  wait(id: string, timeoutMs: number): Promise<OperationRecord | undefined>;
  close(): Promise<void>;
}

const ended = (record: OperationRecord): boolean =>
  record.status === 'succeeded' || record.status === 'failed' || record.status === 'canceled';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Job data: the operation's id; its input stays in the record. */
export interface OperationJobData {
  readonly id: string;
}

/**
 * Operations in Redis for several app instances, run by separate worker
 * processes (`createWorker`): `createOperations({ store: bullmqStore({ connection }) })`.
 * Every call rejects within `timeout` when Redis is away (the core answers 503).
 *
 * @example
 * const store = bullmqStore({ connection: 'redis://127.0.0.1:6379' });
 * const ops = createOperations({ operations: [createReport], store });
 */
export function bullmqStore(options: BullmqStoreOptions = {}): BullmqStore {
  const o = resolveStoreOptions(options);
  const where = describeTarget(o.connection);
  const make = clientFactory(o.connection);
  const client = commandClient(make, o.timeout);
  client.on('error', () => {}); // it reconnects by itself; each failed call says why
  const scripts = defineScripts(client);
  const keys = storeKeys(o.prefix, o.queueName);
  const opKey = (id: string): string => keys.op + id;
  const call = <T>(what: string, work: () => Promise<T>): Promise<T> =>
    bounded(client, what, where, o.timeout, work);
  const jobOptions: JobsOptions = {
    attempts: o.attempts,
    backoff: o.backoff,
    removeOnComplete: true,
    // Failed jobs stay a day for inspection; the operation's record has its own retention.
    removeOnFail: { age: 24 * 60 * 60, count: 1000 },
  };

  // BullMQ's Queue shares the fail-fast client. A queue whose start failed
  // (Redis lost mid-handshake) stays broken, so it is made again.
  let queue: Queue;
  let broken = false;
  const makeQueue = (): Queue => {
    const q = new Queue(o.queueName, { connection: client, prefix: o.prefix });
    q.on('error', () => {});
    q.waitUntilReady().catch(() => {
      if (queue === q) broken = true;
    });
    return q;
  };
  queue = makeQueue();
  const currentQueue = (): Queue => {
    if (broken) {
      broken = false;
      void queue.close().catch(() => {});
      queue = makeQueue();
    }
    return queue;
  };
  const enqueue = async (id: string, name: string): Promise<void> => {
    await call('create (queueing the job)', async () => {
      await currentQueue().add(name, { id } satisfies OperationJobData, {
        ...jobOptions,
        jobId: id,
      });
    });
  };

  const statuses = async (ids: readonly string[]): Promise<(OperationStatus | undefined)[]> => {
    const pipeline = client.pipeline();
    for (const id of ids) pipeline.hget(opKey(id), 'status');
    const replies = (await pipeline.exec()) ?? [];
    return replies.map(([error, value]) => {
      if (error) throw error;
      return (value ?? undefined) as OperationStatus | undefined;
    });
  };
  const events = recordEvents(
    () => subscriberClient(make),
    keys.events,
    (ids) => call('reading statuses', () => statuses(ids)),
    o.cancelPollInterval,
  );

  const read = (id: string, what = 'get'): Promise<OperationRecord | undefined> =>
    call(what, async () => toRecord(await client.hgetall(opKey(id))));

  const finishOnce = (id: string, outcome: StoredOutcome, retentionMs: number) =>
    call('finish', async () =>
      toRecord(
        await scripts.statuskitFinish(
          opKey(id),
          keys.pending,
          id,
          outcome.kind === 'value' ? 'succeeded' : 'failed',
          JSON.stringify(outcome),
          Math.max(1, Math.floor(retentionMs)),
          keys.events,
        ),
      ),
    );

  const store: BullmqStore = {
    execution: 'workers',
    get queue() {
      return currentQueue();
    },

    async create(request: CreateRequest): Promise<CreateResult> {
      const idem = request.idempotency;
      const reply = (await call('create', () =>
        scripts.statuskitCreate(
          opKey(request.id),
          idem === undefined ? opKey(request.id) : keys.idempotency(idem.key),
          keys.pending,
          request.id,
          request.name,
          JSON.stringify(request.input),
          idem?.fingerprint ?? '',
          keys.op,
          idem === undefined ? '0' : '1',
        ),
      )) as [string, unknown];
      const kind = reply[0] as CreateResult['kind'];
      const record = mustRecord(reply[1], 'create');
      if (kind === 'created') {
        try {
          await enqueue(record.id, record.name);
        } catch (error) {
          // Nobody was told of this operation: undo it, so no work runs for a 503.
          await call('create (undo)', () =>
            scripts.statuskitAbandon(opKey(record.id), keys.pending, record.id),
          ).catch(() => {});
          throw error;
        }
      } else if (kind === 'existing' && record.status === 'notStarted') {
        // Its first create may have died between record and job: hand it over (again).
        await enqueue(record.id, record.name);
      }
      return { kind, record };
    },

    get: (id) => read(id),

    async begin(id: string): Promise<OperationRecord | undefined> {
      // The core subscribed to the cancel first: make sure the subscription is live.
      await call('begin', () => events.subscribed());
      return call('begin', async () => toRecord(await scripts.statuskitBegin(opKey(id))));
    },

    async progress(id: string, progress: JsonValue): Promise<void> {
      await call('progress', () => scripts.statuskitProgress(opKey(id), JSON.stringify(progress)));
    },

    // The work ran: its outcome is worth waiting for Redis a while (finishPatience);
    // the script lets only the first end win, so trying again is safe.
    async finish(id, outcome, retentionMs) {
      const deadline = Date.now() + o.finishPatience;
      for (let pause = 100; ; pause = Math.min(pause * 2, 2000)) {
        try {
          return await finishOnce(id, outcome, retentionMs);
        } catch (error) {
          if (Date.now() + pause >= deadline) throw error;
          await sleep(pause);
        }
      }
    },

    async cancel(id: string, retentionMs: number): Promise<CancelResult> {
      const reply = (await call('cancel', () =>
        scripts.statuskitCancel(
          opKey(id),
          keys.pending,
          id,
          Math.max(1, Math.floor(retentionMs)),
          keys.events,
        ),
      )) as [string, unknown];
      if (reply[0] === 'unknown') return { kind: 'unknown' };
      return {
        kind: reply[0] === 'terminal' ? 'terminal' : 'canceled',
        record: mustRecord(reply[1], 'cancel'),
      };
    },

    onCancel(id: string, listener: () => void): () => void {
      return events.onCancel(id, listener);
    },

    async wait(id: string, timeoutMs: number): Promise<OperationRecord | undefined> {
      const first = await read(id, 'wait');
      if (first === undefined || ended(first)) return first;
      const waiting = events.ended(id, timeoutMs);
      try {
        // Read again once subscribed: an end between the two reads is not missed.
        await call('wait', () => events.subscribed());
        const again = await read(id, 'wait');
        if (again === undefined || ended(again)) return again;
        await waiting.done;
      } finally {
        waiting.stop();
      }
      return read(id, 'wait');
    },

    async close(): Promise<void> {
      await events.close();
      await queue.close().catch(() => {});
      await closeClient(client, o.timeout);
    },
  };
  register(store, {
    queueName: o.queueName,
    prefix: o.prefix,
    where,
    make,
    keys,
    client,
    timeout: o.timeout,
    jobOptions,
    queue: currentQueue,
    enqueue,
  });
  return store;
}
