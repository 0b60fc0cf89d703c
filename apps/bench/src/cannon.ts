import autocannon from 'autocannon';

/** What an autocannon run resolves to. */
export type CannonResult = autocannon.Result;

// autocannon emits (client, status, bytes, ms) on 'response'; its typings omit the client.
type ResponseListener = (client: unknown, status: number, bytes: number, ms: number) => void;

/** A running autocannon: awaitable, stoppable, and observable per response. */
export interface Cannon extends PromiseLike<CannonResult> {
  stop(): void;
  onResponse(listener: ResponseListener): void;
}

/**
 * Starts autocannon as a library. Without a callback it returns its tracker,
 * which is both the EventEmitter (with stop()) and a thenable; the typings
 * only show one of the two, so this wrapper states both.
 */
export function cannon(options: autocannon.Options): Cannon {
  const tracker = autocannon(options) as unknown as autocannon.Instance & PromiseLike<CannonResult>;
  return {
    // biome-ignore lint/suspicious/noThenProperty: the wrapper is meant to be awaited.
    then: (ok, fail) => tracker.then(ok, fail),
    stop: () => tracker.stop(),
    onResponse: (listener) => {
      (tracker as unknown as { on(e: 'response', l: ResponseListener): void }).on(
        'response',
        listener,
      );
    },
  };
}
