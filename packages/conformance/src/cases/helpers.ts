import type { CaseRequest, Expectation, HeadStep, Policy, PollStep, RequestStep } from '../case.js';

// Small builders so the case files read as tables. What they return is plain
// data: JSON-serialisable, no functions.

const encoder = new TextEncoder();

/** UTF-8 length of a string, as a header value. */
export function lengthOf(text: string): string {
  return String(encoder.encode(text).byteLength);
}

/** `application/json`, without a charset parameter (RFC 8259 defines none). */
export const JSON_TYPE = 'application/json';
/** What `text()` sends. */
export const TEXT_TYPE = 'text/plain; charset=utf-8';

/** A JSON answer: content-type, exact content-length and deep-equal body. */
export function jsonAnswer(
  status: number,
  value: unknown,
  headers: Record<string, string | null> = {},
  contentType: string = JSON_TYPE,
): Expectation {
  return {
    status,
    headers: {
      'content-type': contentType,
      'content-length': lengthOf(JSON.stringify(value)),
      ...headers,
    },
    body: { json: value },
  };
}

/** FastAPI's error body `{"detail": ...}`. */
export function detailAnswer(
  status: number,
  detail: unknown,
  headers: Record<string, string | null> = {},
): Expectation {
  return jsonAnswer(status, { detail }, headers);
}

/** RFC 9457 problem details, as the `problem` error format renders them. */
export function problemAnswer(
  status: number,
  title: string,
  members: Record<string, unknown>,
  headers: Record<string, string | null> = {},
): Expectation {
  return jsonAnswer(
    status,
    { type: 'about:blank', title, status, ...members },
    headers,
    'application/problem+json',
  );
}

/** A plain-text answer. */
export function textAnswer(
  status: number,
  text: string,
  headers: Record<string, string | null> = {},
): Expectation {
  return {
    status,
    headers: { 'content-type': TEXT_TYPE, 'content-length': lengthOf(text), ...headers },
    body: { text },
  };
}

/**
 * A status without content (RFC 9110 15.3.5, 15.3.6, 15.4.5): no body, no
 * content-type; 204 and 304 carry no content-length, 205 carries `0`.
 */
export function noContent(
  status: 204 | 205 | 304,
  headers: Record<string, string | null> = {},
): Expectation {
  return {
    status,
    headers: {
      'content-type': null,
      'content-length': status === 205 ? '0' : null,
      ...headers,
    },
    body: { empty: true },
  };
}

/** An answer with an empty body and `content-length: 0` (`empty(404)`, redirects). */
export function emptyAnswer(
  status: number,
  headers: Record<string, string | null> = {},
): Expectation {
  return {
    status,
    headers: { 'content-type': null, 'content-length': '0', ...headers },
    body: { empty: true },
  };
}

/** A redirect: location, empty body, content-length 0. */
export function redirectAnswer(status: number, location: string): Expectation {
  return emptyAnswer(status, { location });
}

/** A request without a body. */
export function req(method: string, path: string, headers?: Record<string, string>): CaseRequest {
  return headers === undefined ? { method, path } : { method, path, headers };
}

/** A request with a JSON body (a value, or raw text for malformed JSON). */
export function jsonRequest(
  method: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): CaseRequest {
  return {
    method,
    path,
    headers: { 'content-type': JSON_TYPE, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  };
}

/** One request step; `expectFor` replaces `expect` under the policies it names. */
export function step(
  request: CaseRequest,
  expect: Expectation,
  expectFor?: Partial<Record<Policy, Expectation>>,
): RequestStep {
  return expectFor === undefined
    ? { kind: 'request', request, expect }
    : { kind: 'request', request, expect, expectFor };
}

/** GET and HEAD to the same target must agree, HEAD without a body. */
export function head(path: string): HeadStep {
  return { kind: 'head', path };
}

/** Polls `/process/log` until the background log matches. */
export function logUntil(tasks: string[], errors: string[] = []): PollStep {
  return {
    kind: 'poll',
    request: req('GET', '/process/log'),
    until: jsonAnswer(200, { tasks, errors }),
    attempts: 100,
    intervalMs: 20,
  };
}

/** A JSON item body padded with an ignored member to exactly `size` bytes. */
export function paddedItem(size: number): string {
  const head = '{"name":"Padded","price":1,"pad":"';
  const tail = '"}';
  return head + 'x'.repeat(size - head.length - tail.length) + tail;
}
