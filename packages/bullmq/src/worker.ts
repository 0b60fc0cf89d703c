// The process that runs operations: a BullMQ Worker on the store's queue whose
// processor calls `ops.execute` (processor.ts), plus what keeps operations
// from being lost or stuck when BullMQ gives a job up (a job stalled more
// often than `maxStalledCount` is failed by BullMQ, not by the work) and a
// periodic reconciler (reconcile.ts). `close()` is bounded: running works get
// `closeTimeout` to end, then their signal aborts and their jobs go back to
// the wait list for another worker.
import { ErrorCode, type OperationRecord, type Operations, StatuskitError } from '@statuskit/core';
import { type Job, Worker } from 'bullmq';
import { clientFactory, closeClient, type RedisTarget, workerClient } from './connection.js';
import { internalsOf } from './internals.js';
import { positive } from './options.js';
import {
  type JobOutcome,
  operationId,
  operationProcessor,
  type WorkerErrorHook,
} from './processor.js';
import { reconcile } from './reconcile.js';
import type { OperationJobData } from './store.js';

/** Options of {@link createWorker}. */
export interface OperationsWorkerOptions {
  /** Where Redis is; default the store's. */
  connection?: RedisTarget;
  /** Jobs run at once in this process. Default 1. */
  concurrency?: number;
  /** Ms a job's lock lasts without renewal (BullMQ `lockDuration`). Default 30,000. */
  lockDuration?: number;
  /** Ms between checks for jobs whose worker died (BullMQ `stalledInterval`). Default 30,000. */
  stalledInterval?: number;
  /** Times a job may stall (its worker died) and run again before BullMQ fails it. Default 1. */
  maxStalledCount?: number;
  /**
   * Ms an operation that BullMQ failed stays readable: the `retention` of
   * `createOperations` (default there and here: 24 hours).
   */
  retention?: number;
  /** Most ms `close()` lets running works end before aborting them. Default 10,000. */
  closeTimeout?: number;
  /** Ms between reconciler rounds (lost jobs added again, orphans failed). Default 60,000. */
  reconcileInterval?: number;
  /** Failures the client sees only as a 500: the work's error, a job BullMQ failed. */
  onBackgroundError?: WorkerErrorHook;
}

/** A running worker. */
export interface OperationsWorker {
  /** The BullMQ worker (events, pause, metrics). */
  readonly worker: Worker<OperationJobData, JobOutcome>;
  /** Resolves once the worker is connected and taking jobs. */
  ready(): Promise<void>;
  /** Stops taking jobs, lets running ones end (`closeTimeout`), then interrupts them; bounded. */
  close(): Promise<void>;
}

const DAY = 24 * 60 * 60 * 1000;
/** After an interrupt, the most ms left for the works to notice before connections are cut. */
const ABORT_GRACE_MS = 2000;

function within(pending: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  return Promise.race([
    pending.then(
      () => true,
      () => true,
    ),
    late,
  ]).finally(() => clearTimeout(timer));
}

function nonNegative(value: number | undefined, fallback: number, where: string): number {
  return value === 0 ? 0 : positive(value, fallback, where);
}

/**
 * Runs the operations of `ops` (whose store is a `bullmqStore`) in this
 * process: each job calls `ops.execute(id, { signal, final })`.
 *
 * @example
 * const ops = createOperations({ operations: [createReport], store: bullmqStore({ connection }) });
 * const worker = createWorker(ops, { concurrency: 4 });
 * process.once('SIGTERM', () => void worker.close());
 */
export function createWorker(
  ops: Operations,
  options: OperationsWorkerOptions = {},
): OperationsWorker {
  const store = internalsOf(ops.store);
  if (store === undefined) {
    throw new StatuskitError(
      ErrorCode.INVALID_OPTION,
      'createWorker: the operations live in another store; create them with createOperations({ store: bullmqStore(...) }).',
    );
  }
  const retention = positive(options.retention, DAY, 'createWorker: retention');
  const closeTimeout = positive(options.closeTimeout, 10_000, 'createWorker: closeTimeout');
  const reconcileEvery = positive(
    options.reconcileInterval,
    60_000,
    'createWorker: reconcileInterval',
  );
  const lockDuration = positive(options.lockDuration, 30_000, 'createWorker: lockDuration');
  const report: WorkerErrorHook = (error, info) => {
    try {
      options.onBackgroundError?.(error, info);
    } catch {
      /* a failing hook must not stop the worker */
    }
  };
  const template = workerClient(
    options.connection === undefined ? store.make : clientFactory(options.connection),
  );
  const worker = new Worker<OperationJobData, JobOutcome>(
    store.queueName,
    operationProcessor(ops, report),
    {
      connection: template,
      prefix: store.prefix,
      concurrency: positive(options.concurrency, 1, 'createWorker: concurrency'),
      lockDuration,
      stalledInterval: positive(options.stalledInterval, 30_000, 'createWorker: stalledInterval'),
      maxStalledCount: nonNegative(options.maxStalledCount, 1, 'createWorker: maxStalledCount'),
    },
  );
  worker.on('error', () => {}); // connection trouble: BullMQ reconnects; jobs are never lost

  // BullMQ failed the job itself (stalled too often, or our end could not be
  // written): the operation must not stay pending.
  const failOrphan = async (record: OperationRecord, why: string): Promise<void> => {
    const done = await ops.store.finish(record.id, { kind: 'error' }, retention);
    if (done?.status !== 'failed') return;
    report(
      new StatuskitError(
        ErrorCode.OPERATION_STORE,
        `operation ${record.id} (${record.name}) failed with a 500: ${why} before its work recorded an outcome.`,
      ),
      { id: record.id, operation: record.name },
    );
  };
  worker.on('failed', (job: Job<OperationJobData> | undefined, error: Error) => {
    const id = operationId(job);
    if (job === undefined || id === undefined) return; // the reconciler finds it
    const attempts = job.opts.attempts ?? 1;
    if (typeof job.finishedOn !== 'number' && job.attemptsMade < attempts) return; // retried
    void ops.store.get(id).then(
      (record) =>
        record !== undefined && (record.status === 'notStarted' || record.status === 'running')
          ? failOrphan(record, `BullMQ failed its job (${error.message})`)
          : undefined,
      () => {}, // Redis away: the reconciler finds it later
    );
  });

  const round = (): void => {
    reconcile(store, failOrphan, Math.max(2 * lockDuration, 30_000)).catch(() => {});
  };
  const timer = setInterval(round, reconcileEvery);
  timer.unref();
  // A first round at start: a worker started after an outage finds what it left.
  worker.waitUntilReady().then(round, () => {});

  let closing: Promise<void> | undefined;
  return {
    worker,
    ready: () => worker.waitUntilReady(),
    close() {
      closing ??= (async () => {
        clearInterval(timer);
        const graceful = worker.close();
        if (!(await within(graceful, closeTimeout))) {
          worker.cancelAllJobs('worker shutting down');
          if (!(await within(graceful, ABORT_GRACE_MS))) await within(worker.disconnect(), 1000);
        }
        await closeClient(template, 1000);
      })();
      return closing;
    },
  };
}
