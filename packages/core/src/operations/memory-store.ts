// The default store: operations in this process's memory, run in this
// process. Bounded: at most `maxOperations` records; ended ones expire after
// their retention and are swept lazily on every call (no timer keeps the
// process alive or runs while it is idle), and when the store is full the
// oldest ended operation goes first. Pending operations are never dropped: a
// store full of them refuses new ones (the client gets 503, retry-after).
import { ErrorCode, StatuskitError } from '../errors.js';
import type { JsonValue } from '../json.js';
import {
  type CancelResult,
  type CreateRequest,
  type CreateResult,
  isTerminal,
  type OperationRecord,
  type OperationStore,
  outcomeStatus,
  type StoredOutcome,
} from './store.js';

/** Options of {@link memoryStore}. */
export interface MemoryStoreOptions {
  /** Most operations kept at once, pending and ended. Default 10,000. */
  maxOperations?: number;
  /** The clock, in milliseconds since the epoch; default `Date.now`. */
  now?: () => number;
}

interface Entry {
  record: OperationRecord;
  key: string | undefined;
  fingerprint: string | undefined;
  listeners: Set<() => void> | undefined;
  waiters: Set<() => void> | undefined;
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value <= 0) {
    throw new StatuskitError(
      ErrorCode.INVALID_OPTION,
      `memoryStore: ${name} must be a positive integer, got ${String(value)}.`,
    );
  }
  return value;
}

/**
 * Operations in memory, run in this process after the response: the default
 * store of `createOperations`. Lost when the process exits; for several
 * processes or work that must survive a restart, use @statuskit/bullmq.
 */
export function memoryStore(options: MemoryStoreOptions = {}): OperationStore {
  const max = positive(options.maxOperations, 10_000, 'maxOperations');
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  const keys = new Map<string, string>();
  // Ended operations in the order they ended, with when they expire.
  const ending = new Map<string, number>();

  const remove = (id: string): void => {
    const entry = entries.get(id);
    if (entry === undefined) return;
    entries.delete(id);
    ending.delete(id);
    if (entry.key !== undefined) keys.delete(entry.key);
  };
  // Drops what has expired, from the oldest end on; retention is usually one
  // value per app, so the first entry that has not expired ends the sweep.
  const sweep = (): void => {
    const t = now();
    for (const [id, expiresAt] of ending) {
      if (expiresAt > t) break;
      remove(id);
    }
  };
  const live = (id: string): Entry | undefined => {
    const entry = entries.get(id);
    if (entry === undefined) return undefined;
    const expiresAt = ending.get(id);
    if (expiresAt !== undefined && expiresAt <= now()) {
      remove(id);
      return undefined;
    }
    return entry;
  };
  const update = (entry: Entry, changes: Partial<OperationRecord>): OperationRecord => {
    const updatedAt = Math.max(now(), entry.record.updatedAt);
    entry.record = { ...entry.record, ...changes, updatedAt };
    return entry.record;
  };
  const end = (
    entry: Entry,
    changes: Partial<OperationRecord>,
    retentionMs: number,
  ): OperationRecord => {
    const { input: _, ...rest } = entry.record;
    entry.record = rest;
    const record = update(entry, changes);
    ending.delete(record.id);
    ending.set(record.id, record.updatedAt + Math.max(0, retentionMs));
    const waiters = entry.waiters;
    entry.waiters = undefined;
    if (waiters !== undefined) for (const wake of waiters) wake();
    return record;
  };
  const makeRoom = (): void => {
    sweep();
    if (entries.size < max) return;
    const oldest = ending.keys().next();
    if (oldest.done) {
      throw new StatuskitError(
        ErrorCode.OPERATION_STORE,
        `memoryStore: all ${max} operations are still pending; raise maxOperations or run the work elsewhere (@statuskit/bullmq).`,
      );
    }
    remove(oldest.value);
  };

  return {
    execution: 'in-process',

    async create(request: CreateRequest): Promise<CreateResult> {
      const idem = request.idempotency;
      if (idem !== undefined) {
        const known = keys.get(idem.key);
        const entry = known === undefined ? undefined : live(known);
        if (entry !== undefined) {
          const kind = entry.fingerprint === idem.fingerprint ? 'existing' : 'conflict';
          return { kind, record: entry.record };
        }
      }
      makeRoom();
      const t = now();
      const record: OperationRecord = {
        id: request.id,
        name: request.name,
        status: 'notStarted',
        createdAt: t,
        updatedAt: t,
        input: request.input,
      };
      entries.set(record.id, {
        record,
        key: idem?.key,
        fingerprint: idem?.fingerprint,
        listeners: undefined,
        waiters: undefined,
      });
      if (idem !== undefined) keys.set(idem.key, record.id);
      return { kind: 'created', record };
    },

    async get(id: string): Promise<OperationRecord | undefined> {
      sweep();
      return live(id)?.record;
    },

    async begin(id: string): Promise<OperationRecord | undefined> {
      const entry = live(id);
      if (entry === undefined || isTerminal(entry.record.status)) return undefined;
      return update(entry, { status: 'running' });
    },

    async progress(id: string, progress: JsonValue): Promise<void> {
      const entry = live(id);
      if (entry !== undefined && entry.record.status === 'running') update(entry, { progress });
    },

    async finish(
      id: string,
      outcome: StoredOutcome,
      retentionMs: number,
    ): Promise<OperationRecord | undefined> {
      const entry = live(id);
      if (entry === undefined) return undefined;
      if (isTerminal(entry.record.status)) return entry.record;
      entry.listeners = undefined;
      return end(entry, { status: outcomeStatus(outcome), outcome }, retentionMs);
    },

    async cancel(id: string, retentionMs: number): Promise<CancelResult> {
      const entry = live(id);
      if (entry === undefined) return { kind: 'unknown' };
      if (isTerminal(entry.record.status)) return { kind: 'terminal', record: entry.record };
      const record = end(entry, { status: 'canceled' }, retentionMs);
      const listeners = entry.listeners;
      entry.listeners = undefined;
      if (listeners !== undefined) {
        for (const listener of listeners) {
          try {
            listener();
          } catch {
            /* one listener's failure must not keep the cancel from the others */
          }
        }
      }
      return { kind: 'canceled', record };
    },

    onCancel(id: string, listener: () => void): () => void {
      const entry = live(id);
      if (entry === undefined || isTerminal(entry.record.status)) return () => {};
      const listeners = (entry.listeners ??= new Set());
      const once = (): void => listener();
      listeners.add(once);
      return () => {
        listeners.delete(once);
      };
    },

    wait(id: string, timeoutMs: number): Promise<OperationRecord | undefined> {
      const entry = live(id);
      if (entry === undefined || isTerminal(entry.record.status)) {
        return Promise.resolve(entry?.record);
      }
      return new Promise((resolve) => {
        const waiters = (entry.waiters ??= new Set());
        const wake = (): void => {
          clearTimeout(timer);
          waiters.delete(wake);
          resolve(live(id)?.record);
        };
        const timer = setTimeout(wake, Math.max(0, timeoutMs));
        waiters.add(wake);
      });
    },

    async close(): Promise<void> {
      for (const entry of entries.values()) {
        const waiters = entry.waiters;
        entry.waiters = undefined;
        if (waiters !== undefined) for (const wake of waiters) wake();
      }
    },
  };
}
