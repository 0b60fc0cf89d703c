import { assertFinalStatus } from './errors.js';
import { type HeaderList, type HeadersInit, normalizeHeaders } from './headers.js';
import type { JsonValue } from './json.js';
import { reasonPhrase } from './status.js';

const BRAND: unique symbol = Symbol.for('statuskit.http-exception') as never;

/** Options of {@link HttpException}. */
export interface HttpExceptionOptions {
  /** Headers sent with the error response (`www-authenticate`, `retry-after`, ...). */
  headers?: HeadersInit;
  /** The underlying error, kept for logs; never sent to the client. */
  cause?: unknown;
}

/** An HttpException has every member of an Error. */
export interface HttpException extends Error {}

/**
 * Raise it from a handler to answer with `status` and `{"detail": detail}`.
 * The status and headers are checked here, where they are written.
 *
 * An HTTP exception is control flow, not a bug, and a raise must cost no more
 * than a return: it is an Error by its prototype chain (`instanceof Error`,
 * `name`, `message`, `cause`, `toString()`), but it is not built by Error's
 * constructor, whose runtime call and stack capture cost several microseconds
 * per raise even with `Error.stackTraceLimit` at 0. `stack` is the first line
 * only, as a stack captured with a limit of 0 would be.
 *
 * @example throw new HttpException(404, 'Item not found');
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: see the interface above.
export class HttpException {
  /** The status the client gets. */
  readonly status: number;
  /** The JSON detail; the reason phrase when none was given. */
  readonly detail: JsonValue;
  /** Validated, lower-cased headers. */
  readonly headers: HeaderList;

  constructor(status: number, detail?: JsonValue, options?: HttpExceptionOptions) {
    assertFinalStatus(status, 'HttpException');
    const headers = normalizeHeaders(options?.headers, `HttpException(${status})`);
    const phrase =
      detail === undefined || typeof detail !== 'string' ? reasonPhrase(status) : detail;
    this.message = phrase as string;
    this.status = status;
    this.detail = detail === undefined ? (reasonPhrase(status) as string) : detail;
    this.headers = headers;
    if (options !== undefined && 'cause' in options) this.cause = options.cause;
  }
}
Object.setPrototypeOf(HttpException.prototype, Error.prototype);
Object.defineProperties(HttpException.prototype, {
  name: { value: 'HttpException', writable: true, configurable: true },
  stack: {
    get(this: HttpException): string {
      return `${this.name}: ${this.message}`;
    },
    // Loggers and test runners sometimes rewrite a stack: let them, on the instance.
    set(this: HttpException, value: unknown): void {
      Object.defineProperty(this, 'stack', { value, writable: true, configurable: true });
    },
    configurable: true,
  },
  [BRAND]: { value: true },
});

/**
 * True for an HttpException, also one from another copy of @statuskit/core
 * (a brand check, so dual installs do not break `instanceof`).
 */
export function isHttpException(value: unknown): value is HttpException {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<symbol, unknown>)[BRAND] === true
  );
}
