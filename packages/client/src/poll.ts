// The poller of an operation: sends the start; a 202 with a `location` is
// followed to `<monitor>/result`, polled every `retry-after` seconds (or
// `interval` ms) until it answers anything but 202. Bounded by `timeout` and
// the caller's signal: either one aborts the request in flight and the wait,
// clears every timer, and rejects with a ClientError.
import type { AnswerHeaders } from './answers.js';
import { ClientError } from './errors.js';
import type { SignalLike } from './request.js';

/** Options of a poll: `client.operation(key, init, options)`. */
export interface OperationOptions {
  /** Aborts the start and every poll: the promise rejects with `STATUSKIT_CLIENT_ABORTED`. */
  readonly signal?: SignalLike;
  /** Milliseconds between polls; default the `retry-after` of each 202 (1 s without one). */
  readonly interval?: number;
  /**
   * Most milliseconds from the start to the final answer; past it the promise
   * rejects with `STATUSKIT_CLIENT_TIMEOUT`. Default 300000 (5 minutes).
   */
  readonly timeout?: number;
  /**
   * Seconds to send as `Prefer: wait=N` with the start: an operation that ends
   * within them is answered at once, without a poll.
   */
  readonly wait?: number;
}

/** An answer as the run time sees it. */
export interface RawAnswer {
  readonly status: number;
  readonly headers: AnswerHeaders;
  readonly body: unknown;
}

/** What the poller calls: the start with extra headers (answered with the URL it went to), a GET. */
export interface PollTransport {
  start(extra: Readonly<Record<string, string>>, signal: SignalLike): Promise<[string, RawAnswer]>;
  get(url: string, signal: SignalLike): Promise<RawAnswer>;
}

// The globals the poller uses, typed here so that no DOM or Node types are needed.
interface Listenable {
  readonly aborted: boolean;
  readonly reason?: unknown;
  addEventListener(type: 'abort', listener: () => void, options?: { once: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}
declare const AbortController: new () => {
  readonly signal: Listenable;
  abort(reason: unknown): void;
};
declare const URL: new (url: string, base: string) => { readonly href: string };
declare function setTimeout(callback: () => void, ms: number): unknown;
declare function clearTimeout(timer: unknown): void;

const DEFAULT_TIMEOUT = 300_000;

function milliseconds(value: number | undefined, name: string, key: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new ClientError(
      'STATUSKIT_CLIENT_INVALID_INIT',
      `${key}: ${name} must be a finite number of milliseconds >= 0, got ${String(value)}.`,
    );
  }
  return value;
}

// The wait a 202 asks for: `retry-after` in seconds (a date or nothing: 1 s).
function retryAfter(headers: AnswerHeaders): number {
  const value = headers.get('retry-after');
  if (value === null || !/^\s*\d+\s*$/.test(value)) return 1000;
  return Number(value) * 1000;
}

// Resolves after `ms`, or rejects when `signal` aborts; its timer never outlives it.
function sleep(ms: number, signal: Listenable): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const stop = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', stop);
      resolve();
    }, ms);
    signal.addEventListener('abort', stop, { once: true });
  });
}

/** Runs an operation to its final answer: see {@link OperationOptions}. */
export async function pollOperation(
  transport: PollTransport,
  key: string,
  options: OperationOptions = {},
): Promise<RawAnswer> {
  const timeout = milliseconds(options.timeout, 'timeout', key) ?? DEFAULT_TIMEOUT;
  const interval = milliseconds(options.interval, 'interval', key);
  const wait = options.wait;
  if (wait !== undefined && (!Number.isInteger(wait) || wait < 0)) {
    throw new ClientError(
      'STATUSKIT_CLIENT_INVALID_INIT',
      `${key}: wait must be a whole number of seconds >= 0, got ${String(wait)}.`,
    );
  }
  let where = 'not started';
  const controller = new AbortController();
  const signal = controller.signal;
  let failure: ClientError | undefined;
  const fail = (error: ClientError): void => {
    if (failure !== undefined) return;
    failure = error;
    controller.abort(error);
  };
  const outer = options.signal as Listenable | undefined;
  const onAbort = (): void =>
    fail(
      new ClientError('STATUSKIT_CLIENT_ABORTED', `${key}: the operation's poll was aborted.`, {
        cause: outer?.reason,
      }),
    );
  if (outer?.aborted) onAbort();
  else outer?.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(
    () =>
      fail(
        new ClientError(
          'STATUSKIT_CLIENT_TIMEOUT',
          `${key}: no final answer within ${timeout} ms; the operation goes on (its monitor: ${where}).`,
        ),
      ),
    timeout,
  );
  try {
    if (failure !== undefined) throw failure;
    const extra = wait === undefined ? {} : { prefer: `wait=${wait}` };
    const [url, started] = await transport.start(extra, signal as SignalLike);
    const location = started.headers.get('location');
    // Not an operation's 202 (a refusal, the final answer of `Prefer: wait`): the answer itself.
    if (started.status !== 202 || location === null) return started;
    where = new URL(location, url).href;
    const result = `${where}/result`;
    let answer = started;
    // Bounded: every turn waits, and the timeout (or the signal) aborts the wait or the request.
    for (;;) {
      await sleep(interval ?? retryAfter(answer.headers), signal);
      answer = await transport.get(result, signal as SignalLike);
      if (answer.status !== 202) return answer;
    }
  } catch (error) {
    throw failure ?? error;
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', onAbort);
  }
}
