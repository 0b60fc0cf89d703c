import type { RequestBody } from './body.js';
import type { NativeObjects } from './route.js';

/** The request as every adapter hands it to the core, whatever the framework. */
export interface NeutralRequest {
  /** Upper-case method as received. */
  readonly method: string;
  /** The raw request target: path (still percent-encoded) and query. */
  readonly url: string;
  /** Lower-case header names, as Node's IncomingMessage has them. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The body source; the core reads it only when the route needs it. */
  readonly body: RequestBody;
  readonly native: NativeObjects;
}

/** First value of a header, however the framework stored it. */
export function headerValue(
  headers: Readonly<Record<string, string | string[] | undefined>>,
  name: string,
): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * True when the body is content-coded (gzip, br, ...): the core decodes none.
 * `identity` and an empty value are no coding (RFC 9110 8.4).
 */
export function hasContentCoding(
  headers: Readonly<Record<string, string | string[] | undefined>>,
): boolean {
  const coding = headerValue(headers, 'content-encoding')?.trim().toLowerCase();
  return coding !== undefined && coding !== '' && coding !== 'identity';
}

/** True when the request says it carries a body (RFC 9112 6.3). */
export function carriesBody(
  headers: Readonly<Record<string, string | string[] | undefined>>,
): boolean {
  if (headers['transfer-encoding'] !== undefined) return true;
  const length = headerValue(headers, 'content-length');
  return length !== undefined && length !== '0';
}

/** Splits a request target into raw path and query string (without "?"). */
export function splitUrl(url: string): { path: string; query: string } {
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  const query = q === -1 ? '' : url.slice(q + 1);
  // An absolute-form target (GET http://host/x HTTP/1.1) routes by its path.
  if (!path.startsWith('/')) {
    const scheme = path.indexOf('://');
    if (scheme !== -1) {
      const slash = path.indexOf('/', scheme + 3);
      return { path: slash === -1 ? '/' : path.slice(slash), query };
    }
  }
  return { path, query };
}

/** Parses a query string; a repeated key becomes an array. */
export function parseQuery(query: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = Object.create(null);
  if (query === '') return out;
  new URLSearchParams(query).forEach((value, key) => {
    const prev = out[key];
    if (prev === undefined) out[key] = value;
    else if (Array.isArray(prev)) prev.push(value);
    else out[key] = [prev, value];
  });
  return out;
}
