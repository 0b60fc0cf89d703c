// The last guarantee that no operation is lost or stuck: pending operations
// older than a grace period are checked against their BullMQ jobs. A
// notStarted record without a job (its app died between the record and the
// job, or Redis lost the job) gets its job again; a pending record whose job
// ended without recording anything (BullMQ failed it: stalled too often, or
// the worker's own end could not reach Redis) is failed, as a 500.
import type { OperationRecord } from '@statuskit/core';
import { bounded } from './bound.js';
import type { StoreInternals } from './internals.js';
import { toRecord } from './records.js';

/** What one round did. */
export interface ReconcileReport {
  /** Operations whose job was added again. */
  readonly requeued: string[];
  /** Operations failed because their job ended without them. */
  readonly failed: string[];
}

/** Fails an operation whose job ended without it; `why` for the report. */
export type FailOrphan = (record: OperationRecord, why: string) => Promise<void>;

/**
 * One round over at most `limit` pending operations created more than
 * `graceMs` ago (oldest first). Rejects when Redis does.
 */
export async function reconcile(
  store: StoreInternals,
  fail: FailOrphan,
  graceMs: number,
  limit = 100,
): Promise<ReconcileReport> {
  const call = <T>(what: string, work: () => Promise<T>): Promise<T> =>
    bounded(store.client, what, store.where, store.timeout, work);
  const report: ReconcileReport = { requeued: [], failed: [] };
  const cutoff = Date.now() - graceMs;
  const ids = await call('reconcile', () =>
    store.client.zrangebyscore(store.keys.pending, '-inf', cutoff, 'LIMIT', 0, limit),
  );
  for (const id of ids) {
    const record = toRecord(
      await call('reconcile', () => store.client.hgetall(store.keys.op + id)),
    );
    if (record === undefined) {
      await call('reconcile', () => store.client.zrem(store.keys.pending, id));
      continue;
    }
    if (record.status !== 'notStarted' && record.status !== 'running') continue;
    const state = await call('reconcile', () => store.queue().getJobState(id));
    if (state === 'unknown' && record.status === 'notStarted') {
      await store.enqueue(id, record.name);
      report.requeued.push(id);
    } else if (state === 'unknown' || state === 'failed' || state === 'completed') {
      await fail(record, `its BullMQ job is ${state === 'unknown' ? 'gone' : state}`);
      report.failed.push(id);
    }
  }
  return report;
}
