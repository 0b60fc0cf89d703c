// What the operation routes share: the store, where the monitor is, and how a
// store failure is answered (503 with retry-after, the error to onError).
import type { ErrorFormat } from '../error-format.js';
import { RequestExchange } from '../exchange/exchange.js';
import { HttpException } from '../http-exception.js';
import { callHook, type Hooks } from '../options.js';
import type { HandlerContext } from '../route.js';
import type { AnyOperation } from './define.js';
import type { ExecuteOptions, ExecuteResult } from './execute.js';
import type { MonitorPlace } from './replay.js';
import type { OperationStore } from './store.js';

/** Everything the operation routes need of their `createOperations`. */
export interface OperationsRuntime extends MonitorPlace {
  readonly store: OperationStore;
  /** Where the monitor routes are, relative to the kit. */
  readonly basePath: string;
  /** Milliseconds an ended operation is kept. */
  readonly retention: number;
  /** Most seconds of `Prefer: wait` honoured. */
  readonly maxWait: number;
  find(name: string): AnyOperation | undefined;
  execute(id: string, options?: ExecuteOptions): Promise<ExecuteResult>;
}

/** What an operation handler reads of the kit behind its context. */
export interface KitView {
  readonly format: ErrorFormat;
  readonly hooks: Hooks | undefined;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly info: { readonly route: string; readonly method: string; readonly url: string };
}

/** The kit's error format and hooks, and the raw request headers, behind a handler context. */
export function kitView(ctx: HandlerContext): KitView {
  const internals = RequestExchange.internalsOf(ctx);
  return {
    format: internals?.settings.errorFormat ?? 'detail',
    hooks: internals?.settings.hooks,
    headers: internals?.request.headers ?? (ctx.headers as KitView['headers']),
    info: { route: ctx.route.id, method: ctx.method, url: ctx.url },
  };
}

/** Runs a store call; a failure answers 503 with retry-after and goes to onError. */
export async function guarded<T>(
  rt: OperationsRuntime,
  kit: KitView,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    callHook(() => kit.hooks?.onError(error, kit.info));
    throw new HttpException(503, undefined, {
      headers: { 'retry-after': String(rt.retryAfter) },
      cause: error,
    });
  }
}

/** `{"detail":"Operation not found"}`: an unknown or expired id. */
export function notFound(): HttpException {
  return new HttpException(404, 'Operation not found');
}
