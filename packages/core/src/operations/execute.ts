// Running one operation's work, wherever it runs: in the app's process after
// the 202 (the memory store), or in a worker (@statuskit/bullmq). The work's
// result is checked and reduced to JSON here, once, so the monitor and the
// replay show exactly what the route would have answered.
import { describeValue, ErrorCode, StatuskitError } from '../errors.js';
import { isHttpException } from '../http-exception.js';
import { type JsonValue, toJsonText } from '../json.js';
import { isExplicitResponse, isFetchResponse } from '../response.js';
import { validate } from '../schema.js';
import { statusAllowsBody } from '../status.js';
import type { AnyOperation } from './define.js';
import type { OperationRecord, OperationStore, StoredOutcome } from './store.js';

/** Options of `Operations.execute`. */
export interface ExecuteOptions {
  /** The worker's own signal (shutdown): when it aborts, nothing is recorded. */
  signal?: AbortSignal;
  /**
   * False when the queue will try again: a work that throws a non-HttpException
   * then leaves the operation running and `execute` answers `retry`. Default true.
   */
  final?: boolean;
}

/** What `Operations.execute` did. */
export type ExecuteResult =
  /** Unknown, canceled before it started, or already ended: nothing ran. */
  | { readonly kind: 'skipped' }
  /**
   * The work ran and its outcome was recorded (or dropped: it was canceled
   * meanwhile). `error`: what a failed work threw that was no HttpException,
   * for the app's logs; the operation itself says 500 and nothing more.
   */
  | { readonly kind: 'ended'; readonly record: OperationRecord; readonly error?: unknown }
  /** `final: false` and the work threw: nothing recorded; throw `error` so the queue retries. */
  | { readonly kind: 'retry'; readonly error: unknown }
  /** The worker's signal aborted: nothing recorded; the job runs again elsewhere. */
  | { readonly kind: 'interrupted' };

type Settled =
  | { readonly outcome: StoredOutcome; readonly error?: unknown }
  | { readonly retry: unknown };

interface Input {
  readonly body: unknown;
  readonly params: unknown;
  readonly query: unknown;
}

function inputOf(record: OperationRecord): Input {
  const input = record.input;
  const parts =
    typeof input === 'object' && input !== null && !Array.isArray(input) ? input : undefined;
  return { body: parts?.body ?? null, params: parts?.params ?? {}, query: parts?.query ?? {} };
}

function invalidResult(op: AnyOperation, message: string, cause?: unknown): StatuskitError {
  return new StatuskitError(
    ErrorCode.RESPONSE_VALIDATION,
    `operation ${op.name}: ${message}`,
    cause === undefined ? undefined : { cause },
  );
}

/** The work's returned value as the route would answer it: model-checked, then JSON. */
async function valueOutcome(op: AnyOperation, value: unknown): Promise<Settled> {
  const status = op.spec.status;
  let checked = value;
  const doc = op.spec.responses?.[status];
  const model =
    (typeof doc === 'object' ? doc.model : undefined) ??
    (status < 300 ? op.spec.response : undefined);
  if (model !== undefined && statusAllowsBody(status)) {
    let r: Awaited<ReturnType<typeof validate>>;
    try {
      r = await validate(model, value, 'response');
    } catch (error) {
      return { outcome: { kind: 'error' }, error };
    }
    if (!r.ok) {
      const error = invalidResult(
        op,
        `the work's result does not match the response model for ${status}; the operation failed with a 500. Fix the work or the model.`,
        r.issues,
      );
      return { outcome: { kind: 'error' }, error };
    }
    checked = r.value;
  }
  try {
    return { outcome: { kind: 'value', value: JSON.parse(toJsonText(checked)) as JsonValue } };
  } catch (error) {
    const message = `the work's result could not be stored as JSON (${error instanceof Error ? error.message : describeValue(error)}); return plain JSON data.`;
    return { outcome: { kind: 'error' }, error: invalidResult(op, message, error) };
  }
}

/** Turns what the work returned or threw into what the store keeps. */
async function settle(
  op: AnyOperation,
  ran: { ok: true; value: unknown } | { ok: false; error: unknown },
  final: boolean,
): Promise<Settled> {
  const raised = ran.ok ? (isHttpException(ran.value) ? ran.value : undefined) : ran.error;
  if (isHttpException(raised)) {
    const headers = raised.headers.map(([n, v]) => [n, v] as const);
    return {
      outcome: { kind: 'exception', status: raised.status, detail: raised.detail, headers },
    };
  }
  if (!ran.ok)
    return final ? { outcome: { kind: 'error' }, error: ran.error } : { retry: ran.error };
  if (isExplicitResponse(ran.value) || isFetchResponse(ran.value)) {
    const error = invalidResult(
      op,
      `the work returned a response object; return the result itself (the route's status ${op.spec.status} applies) or raise an HttpException.`,
    );
    return { outcome: { kind: 'error' }, error };
  }
  return valueOutcome(op, ran.value);
}

/**
 * Runs the work of operation `id` from `store`: subscribes to its cancel,
 * begins it, runs the work with a signal that aborts on cancel, and records
 * the outcome. Rejects only when the store does.
 */
export async function executeOperation(
  store: OperationStore,
  find: (name: string) => AnyOperation | undefined,
  id: string,
  retentionMs: number,
  options: ExecuteOptions = {},
): Promise<ExecuteResult> {
  const external = options.signal;
  if (external?.aborted) return { kind: 'interrupted' };
  const controller = new AbortController();
  let canceled = false;
  const off = store.onCancel(id, () => {
    canceled = true;
    controller.abort();
  });
  const interrupt = (): void => controller.abort(external?.reason);
  external?.addEventListener('abort', interrupt, { once: true });
  try {
    const record = await store.begin(id);
    if (record === undefined) return { kind: 'skipped' };
    const op = find(record.name);
    let settled: Settled;
    if (op === undefined) {
      const error = new StatuskitError(
        ErrorCode.INVALID_ROUTE,
        `operation ${describeValue(record.name)} (${id}) is not defined in this process; pass its definition to createOperations() here too.`,
      );
      settled = { outcome: { kind: 'error' }, error };
    } else {
      const input = inputOf(record);
      const ctx = {
        id,
        operation: record.name,
        params: input.params,
        query: input.query,
        body: input.body,
        signal: controller.signal,
        progress(progress: JsonValue): void {
          let json: JsonValue;
          try {
            json = JSON.parse(toJsonText(progress)) as JsonValue;
          } catch {
            return; // progress that is no JSON is not shown; the work goes on
          }
          store.progress(id, json).catch(() => {});
        },
      };
      let ran: { ok: true; value: unknown } | { ok: false; error: unknown };
      try {
        ran = { ok: true, value: await (op.work as (c: typeof ctx) => unknown)(ctx) };
      } catch (error) {
        ran = { ok: false, error };
      }
      if (external?.aborted && !canceled) return { kind: 'interrupted' };
      settled = await settle(op, ran, options.final !== false || canceled);
    }
    if ('retry' in settled) return { kind: 'retry', error: settled.retry };
    const done = (await store.finish(id, settled.outcome, retentionMs)) ?? record;
    // What a canceled work throws (an AbortError, mostly) is the cancel itself, not a failure.
    const error = done.status === 'canceled' ? undefined : settled.error;
    return error === undefined
      ? { kind: 'ended', record: done }
      : { kind: 'ended', record: done, error };
  } finally {
    off();
    external?.removeEventListener('abort', interrupt);
  }
}
