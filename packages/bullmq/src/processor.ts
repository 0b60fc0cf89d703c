// One job, one operation: the processor runs `ops.execute` and turns what it
// did into what BullMQ understands. HttpExceptions are results (execute
// recorded them; the job completes). A work that throws on a non-final
// attempt is BullMQ's retry (throw). A shutdown puts the job back in the wait
// list for another worker, without spending an attempt; so does a store that
// failed under the work, a second later.
import {
  ErrorCode,
  type ExecuteResult,
  type OperationStatus,
  type Operations,
  StatuskitError,
} from '@statuskit/core';
import { DelayedError, type Job, type Processor, UnrecoverableError, WaitingError } from 'bullmq';
import type { OperationJobData } from './store.js';

/** What a worker tells `onBackgroundError` about a failure. */
export interface WorkerErrorInfo {
  /** The operation's id (its job's id). */
  readonly id: string;
  /** The operation's name (its job's name). */
  readonly operation: string;
}

/** Reports a failure the client only sees as a 500 (or not at all). */
export type WorkerErrorHook = (error: unknown, info: WorkerErrorInfo) => void;

/** What a job's processor returns: the operation's status when it ended here, or `skipped`. */
export type JobOutcome = OperationStatus | 'skipped';

/** Delay before a job whose store call failed runs again: Redis gets a moment. */
const STORE_RETRY_MS = 1000;

function asError(error: unknown): Error {
  if (error instanceof Error) return error;
  return new Error(`the work threw a non-Error: ${String(error)}`, { cause: error });
}

/** Whether a job is a statuskit operation's: its data carries the id. */
export function operationId(job: Job | undefined): string | undefined {
  const id = (job?.data as Partial<OperationJobData> | undefined)?.id;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

async function moved(move: () => Promise<unknown>): Promise<void> {
  try {
    await move();
  } catch {
    // Redis away: the job keeps its lock until it expires, then BullMQ's
    // stalled check puts it back in the wait list. Not lost either way.
  }
}

/** The processor of a worker that runs `ops`. */
export function operationProcessor(
  ops: Operations,
  report: WorkerErrorHook,
): Processor<OperationJobData, JobOutcome> {
  // Three declared parameters: BullMQ passes the abort signal only to processors of length 3.
  return async (job, token, signal) => {
    const id = operationId(job);
    if (id === undefined) {
      throw new UnrecoverableError(
        `job ${job.id ?? '?'} (${job.name}) carries no operation id; add statuskit jobs only through bullmqStore`,
      );
    }
    const info: WorkerErrorInfo = { id, operation: job.name };
    const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    let result: ExecuteResult;
    try {
      result = await ops.execute(id, { ...(signal && { signal }), final });
    } catch (error) {
      report(
        new StatuskitError(
          ErrorCode.OPERATION_STORE,
          `operation ${id} (${job.name}): the store failed under its work; the job runs again in ${STORE_RETRY_MS} ms.`,
          { cause: error },
        ),
        info,
      );
      await moved(() => job.moveToDelayed(Date.now() + STORE_RETRY_MS, token));
      throw new DelayedError();
    }
    switch (result.kind) {
      case 'retry':
        throw asError(result.error);
      case 'interrupted':
        await moved(() => job.moveToWait(token));
        throw new WaitingError();
      case 'ended':
        if (result.error !== undefined) report(result.error, info);
        return result.record.status;
      default:
        return 'skipped';
    }
  };
}
