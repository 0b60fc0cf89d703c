// Calling the handler: its return value becomes an outcome, and a handler with
// a timeout races it (503 when it loses).
import { DiagnosticCode } from '../diagnostic.js';
import { isHttpException } from '../http-exception.js';
import { callHook, type ExchangeConfig } from '../options.js';
import { type Outcome, timedOut } from '../outcome.js';
import { fromFetchResponse, isExplicitResponse, isFetchResponse } from '../response.js';

/** The outcome of a value a handler returned (an HttpException returned answers as if thrown). */
export function toOutcome(value: unknown): Outcome {
  if (isHttpException(value)) return { kind: 'exception', exception: value };
  if (isExplicitResponse(value)) return { kind: 'response', response: value };
  if (isFetchResponse(value)) return { kind: 'response', response: fromFetchResponse(value) };
  return { kind: 'value', value };
}

/** True for a promise or any other thenable a handler may return. */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/**
 * Races a handler's pending result against its timeout. The loser is not
 * cancelled (JS cannot), so a late result or failure is reported as a
 * diagnostic and never sent. A rejection before the timeout rejects.
 */
export function withinTimeout(
  pending: PromiseLike<unknown>,
  ms: number,
  route: string,
  config: ExchangeConfig,
): Promise<Outcome> {
  return new Promise<Outcome>((settle, fail) => {
    let done = false;
    const late = (what: string, error?: unknown): void =>
      callHook(() =>
        config.hooks.onDiagnostic({
          code: DiagnosticCode.LATE_RESULT,
          route,
          status: 503,
          message: `[statuskit] ${route}: the handler ${what} after its ${ms} ms timeout; the client already got 503 and the result was dropped.`,
          ...(error === undefined ? {} : { error }),
        }),
      );
    const timer = setTimeout(() => {
      done = true;
      settle(timedOut(config.retryAfter));
      pending.then(
        () => late('finished'),
        (error: unknown) => late('failed', error),
      );
    }, ms);
    pending.then(
      (value) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        settle(toOutcome(value));
      },
      (error: unknown) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        fail(error);
      },
    );
  });
}
