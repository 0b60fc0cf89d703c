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

type StackLimited = { stackTraceLimit: number | undefined };

/**
 * Raise it from a handler to answer with `status` and `{"detail": detail}`.
 * The status and headers are checked here, where they are written.
 *
 * @example throw new HttpException(404, 'Item not found');
 */
export class HttpException extends Error {
  /** The status the client gets. */
  readonly status: number;
  /** The JSON detail; the reason phrase when none was given. */
  readonly detail: JsonValue;
  /** Validated, lower-cased headers. */
  readonly headers: HeaderList;

  constructor(status: number, detail?: JsonValue, options?: HttpExceptionOptions) {
    // An HTTP exception is control flow, not a bug: skip the stack capture, which
    // costs more than the rest of the raise path together.
    assertFinalStatus(status, 'HttpException');
    const headers = normalizeHeaders(options?.headers, `HttpException(${status})`);
    const E = Error as unknown as StackLimited;
    const limit = E.stackTraceLimit;
    E.stackTraceLimit = 0;
    super(typeof detail === 'string' ? detail : (reasonPhrase(status) as string), {
      cause: options?.cause,
    });
    E.stackTraceLimit = limit;
    this.name = 'HttpException';
    this.status = status;
    this.detail = detail === undefined ? (reasonPhrase(status) as string) : detail;
    this.headers = headers;
  }
}
Object.defineProperty(HttpException.prototype, BRAND, { value: true });

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
