// The contract between the operations core and wherever operations live: in
// this process (memory-store.ts) or in Redis with BullMQ workers
// (@statuskit/bullmq). Everything a store keeps is JSON, so a record written by
// one process reads the same in another. The rules below are checked for any
// store by `storeSuite` (@statuskit/conformance/operations-store).
import type { JsonValue } from '../json.js';

/**
 * Where an operation is in its life. `notStarted` and `running` are pending;
 * `succeeded`, `failed` and `canceled` are terminal: once there, nothing moves it.
 */
export type OperationStatus = 'notStarted' | 'running' | 'succeeded' | 'failed' | 'canceled';

/** A header as the core sends it: lower-case name, value. */
export type StoredHeader = readonly [name: string, value: string];

/**
 * How the work ended, as JSON. `value` makes the operation `succeeded`;
 * `exception` and `error` make it `failed`.
 * - `value`: what the work returned, already checked by the route's response
 *   model and reduced to JSON; replayed with the route's success status.
 * - `exception`: an HttpException the work raised (or returned): its status,
 *   detail and headers, replayed as the route would have raised it.
 * - `error`: anything else the work threw. Nothing of it is kept (the original
 *   went to the app's hook): it replays as the core's 500.
 */
export type StoredOutcome =
  | { readonly kind: 'value'; readonly value: JsonValue }
  | {
      readonly kind: 'exception';
      readonly status: number;
      readonly detail: JsonValue;
      readonly headers: readonly StoredHeader[];
    }
  | { readonly kind: 'error' };

/**
 * One operation as a store keeps it. Plain JSON: `JSON.parse(JSON.stringify(r))`
 * deep-equals `r`. Times are milliseconds since the epoch, by the store's clock.
 */
export interface OperationRecord {
  /** Opaque, URL-safe, chosen by the core (a random UUID). */
  readonly id: string;
  /** The operation's stable name (`defineOperation`): which work runs it. */
  readonly name: string;
  readonly status: OperationStatus;
  readonly createdAt: number;
  /** Last change of status or progress; never before `createdAt`, never decreasing. */
  readonly updatedAt: number;
  /**
   * What the work runs on: `{ body, params, query }` as the start route
   * validated them, as JSON. A store may drop it once the operation is terminal.
   */
  readonly input?: JsonValue;
  /** The last progress the work reported, if any. */
  readonly progress?: JsonValue;
  /** Set with `succeeded` and `failed`, never otherwise. */
  readonly outcome?: StoredOutcome;
}

/** What the core asks a store to create. */
export interface CreateRequest {
  readonly id: string;
  readonly name: string;
  readonly input: JsonValue;
  /**
   * From an `Idempotency-Key` request header: the key (already scoped to the
   * operation by the core) and a fingerprint of the validated input. The store
   * keeps the key as long as the operation it names exists.
   */
  readonly idempotency?: { readonly key: string; readonly fingerprint: string };
}

/**
 * What `create` did: `created` a new operation (in `notStarted`); found the
 * `existing` one made with the same key and fingerprint (nothing new is
 * created or run); or a `conflict`: the key names an operation made from a
 * different input.
 */
export type CreateResult =
  | { readonly kind: 'created'; readonly record: OperationRecord }
  | { readonly kind: 'existing'; readonly record: OperationRecord }
  | { readonly kind: 'conflict'; readonly record: OperationRecord };

/**
 * What `cancel` did: `canceled` a pending operation (the record after); found it
 * already `terminal` (the record, unchanged); or the id is `unknown` (never
 * created, or expired).
 */
export type CancelResult =
  | { readonly kind: 'canceled'; readonly record: OperationRecord }
  | { readonly kind: 'terminal'; readonly record: OperationRecord }
  | { readonly kind: 'unknown' };

/**
 * Where operations live and how their work gets run. Every method may reject
 * (Redis down, a full store): the core then answers 503 with `retry-after`
 * and reports the error, so a store needs no HTTP knowledge. Every method is
 * safe to call from several processes at once on the same store.
 *
 * Life of an operation, and who moves it:
 * ```
 *  create ──> notStarted ──begin──> running ──finish(value)──────> succeeded
 *                 │                    ├─────finish(exception|error)> failed
 *                 └──────cancel────────┴─────cancel──────────────> canceled
 * ```
 * Terminal operations stay readable for `retentionMs` (given with the move
 * that ended them), then `get` answers undefined and their idempotency key is
 * free again.
 */
export interface OperationStore {
  /**
   * Who runs the work. `in-process`: the core runs it in this process, after the
   * response (the memory store). `workers`: `create` hands it to workers that
   * call `Operations.execute(id)` (BullMQ: `create` enqueues a job); the
   * process that answered the start runs nothing.
   */
  readonly execution: 'in-process' | 'workers';

  /**
   * Creates `request.id` in `notStarted`, unless `request.idempotency.key` names
   * an operation that exists: then `existing` when its fingerprint is the same,
   * `conflict` when not. Atomic: of concurrent creates with one key, exactly
   * one gets `created`. With `execution: 'workers'` the work is handed over
   * here, so an operation that was answered 202 is never lost.
   */
  create(request: CreateRequest): Promise<CreateResult>;

  /** The operation, or undefined when unknown or expired. */
  get(id: string): Promise<OperationRecord | undefined>;

  /**
   * The work is starting: `notStarted` or `running` (a job retried after its
   * worker died) becomes `running`. Returns the record, with its `input`; or
   * undefined when the operation is terminal (canceled before it started) or
   * unknown: then the work must not run.
   */
  begin(id: string): Promise<OperationRecord | undefined>;

  /** Records progress of a `running` operation (and `updatedAt`); ignored in any other status. */
  progress(id: string, progress: JsonValue): Promise<void>;

  /**
   * Ends a pending operation with the work's outcome: `value` → succeeded,
   * `exception` or `error` → failed. A terminal operation keeps what it has
   * (the first end wins; a canceled one stays canceled and the outcome is
   * dropped). Returns the record as it now is; undefined when unknown.
   */
  finish(
    id: string,
    outcome: StoredOutcome,
    retentionMs: number,
  ): Promise<OperationRecord | undefined>;

  /**
   * Cancels a pending operation: it becomes `canceled` at once, and every
   * `onCancel` listener of it, in any process, is called. The work may still
   * be running; its later `finish` is dropped.
   */
  cancel(id: string, retentionMs: number): Promise<CancelResult>;

  /**
   * Calls `listener` once when `id` is canceled after this call, from any
   * process; the returned function unsubscribes. The core subscribes before
   * `begin`, so a cancel is either seen by `begin` or by the listener.
   */
  onCancel(id: string, listener: () => void): () => void;

  /**
   * Optional: resolves with the record once `id` is terminal, or with the record
   * as it is after `timeoutMs` (undefined when unknown). Used for
   * `Prefer: wait=N` with `execution: 'workers'`; without it the core polls `get`.
   */
  wait?(id: string, timeoutMs: number): Promise<OperationRecord | undefined>;

  /** Optional: releases timers, connections and listeners. */
  close?(): Promise<void>;
}

/** The status an outcome gives: `value` succeeded, anything else failed. */
export function outcomeStatus(outcome: StoredOutcome): 'succeeded' | 'failed' {
  return outcome.kind === 'value' ? 'succeeded' : 'failed';
}

/** True for `succeeded`, `failed` and `canceled`. */
export function isTerminal(status: OperationStatus): boolean {
  return status === 'succeeded' || status === 'failed' || status === 'canceled';
}
