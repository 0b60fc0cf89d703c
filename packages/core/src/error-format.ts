import type { JsonValue } from './json.js';
import { reasonPhrase } from './status.js';

/** FastAPI's `{"detail": ...}` (default) or RFC 9457 `application/problem+json`. */
export type ErrorFormat = 'detail' | 'problem';

/** A rendered error body. */
export interface ErrorPayload {
  readonly contentType: string;
  readonly text: string;
}

/** What a debug-mode 500 adds: never sent unless `debug: true` was set explicitly. */
export interface DebugInfo {
  readonly name: string;
  readonly message: string;
  readonly stack: string | undefined;
}

// Anything can be thrown, including values String() refuses (Object.create(null),
// `{ toString: false }`) and errors with throwing getters: the resolver never throws.

/** String(value), or its type when String() refuses it. */
export function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    return typeof value;
  }
}

/** The debug info of anything thrown; never throws itself. */
export function debugInfo(error: unknown): DebugInfo {
  try {
    if (error instanceof Error)
      return { name: String(error.name), message: String(error.message), stack: error.stack };
  } catch {
    /* a hostile getter: describe it like any other value */
  }
  return { name: typeof error, message: safeString(error), stack: undefined };
}

// Most error bodies repeat ("Not Found", "Item not found"): each distinct string
// detail is serialised once. Bounded, so details built from input cannot grow it.
const MEMO_LIMIT = 512;
const memo = new Map<string, ErrorPayload>();

/**
 * Renders an error body. With `problem`, a string detail is RFC 9457's
 * `detail`, an array (validation issues) goes to `errors`, and an object's
 * members become extension members.
 */
export function renderError(
  format: ErrorFormat,
  status: number,
  detail: JsonValue,
  debug?: DebugInfo,
): ErrorPayload {
  if (typeof detail === 'string' && debug === undefined) {
    const key = `${format === 'detail' ? 0 : status} ${detail}`;
    let payload = memo.get(key);
    if (payload === undefined) {
      payload = render(format, status, detail, undefined);
      if (memo.size < MEMO_LIMIT) memo.set(key, payload);
    }
    return payload;
  }
  return render(format, status, detail, debug);
}

function render(
  format: ErrorFormat,
  status: number,
  detail: JsonValue,
  debug: DebugInfo | undefined,
): ErrorPayload {
  if (format === 'detail') {
    const body: Record<string, unknown> = { detail };
    if (debug) body.debug = debug;
    return { contentType: 'application/json', text: JSON.stringify(body) };
  }
  const body: Record<string, unknown> = {
    type: 'about:blank',
    title: reasonPhrase(status),
    status,
  };
  if (typeof detail === 'string') body.detail = detail;
  else if (Array.isArray(detail)) body.errors = detail;
  else if (detail !== null && typeof detail === 'object') {
    for (const key of Object.keys(detail)) {
      if (!(key in body)) body[key] = detail[key];
    }
  } else body.detail = detail;
  if (debug) body.debug = debug;
  return { contentType: 'application/problem+json', text: JSON.stringify(body) };
}
