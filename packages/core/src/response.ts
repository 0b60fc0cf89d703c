import type { BodyAt, DeclaredStatus, RedirectStatus } from './contract/types.js';
import { assertFinalStatus, describeValue, ErrorCode, StatuskitError } from './errors.js';
import { assertHeader, type HeaderList, type HeadersInit, normalizeHeaders } from './headers.js';

const BRAND: unique symbol = Symbol.for('statuskit.response') as never;
// Types only: the route declaration an explicit response was checked against.
declare const DECLARATION: unique symbol;

/** What an explicit response carries, before the HTTP rules are applied. */
export type ResponseBody =
  | { readonly kind: 'json'; readonly value: unknown }
  | { readonly kind: 'text'; readonly text: string; readonly contentType: string }
  | { readonly kind: 'bytes'; readonly bytes: Uint8Array; readonly contentType: string | undefined }
  | {
      readonly kind: 'stream';
      readonly stream: AsyncIterable<Uint8Array>;
      readonly contentType: string | undefined;
    }
  | { readonly kind: 'empty' };

/**
 * A response the handler built itself; its status beats everything but an
 * exception. `D` is the declaration of the route it was built for (types only):
 * the helpers infer it from the handler's return type and check their status
 * and body against it; `never` when built outside a `return` (not checked by
 * the types, checked at run time).
 */
export interface ExplicitResponse<D = never> {
  readonly [BRAND]: true;
  readonly [DECLARATION]?: D;
  /** The status it asks for; undefined lets the exchange's, declared or default status apply. */
  readonly status: number | undefined;
  readonly headers: HeaderList;
  readonly body: ResponseBody;
}

/** Status and headers of an explicit response; `S`: the statuses it may take. */
export interface ResponseInit<S extends number = number> {
  status?: S;
  headers?: HeadersInit;
}

/** A status the route of `D` does not declare, said in the type a wrong call is shown. */
type Undeclared<Status extends number> = `status ${Status} is not declared by this route`;

function build(
  where: string,
  body: ResponseBody,
  init: ResponseInit | undefined,
): ExplicitResponse {
  const status = init?.status;
  if (status !== undefined) assertFinalStatus(status, where);
  return { [BRAND]: true, status, headers: normalizeHeaders(init?.headers, where), body };
}

/** True for a value made by json(), text(), redirect() and the other response helpers. */
export function isExplicitResponse(value: unknown): value is ExplicitResponse {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<symbol, unknown>)[BRAND] === true
  );
}

/**
 * A JSON response (`application/json`). Returned from a handler, its status
 * must be one the route declares and the value must match that status's model.
 * @example return json({ msg: 'ok' }, { status: 202 });
 */
export function json<D = never, const S extends DeclaredStatus<D> = never>(
  value: NoInfer<BodyAt<D, S>>,
  init?: ResponseInit<S>,
): ExplicitResponse<D> {
  return build('json()', { kind: 'json', value }, init);
}

/** A plain-text response (`text/plain; charset=utf-8`). @example return text('ok'); */
export function text<D = never, const S extends DeclaredStatus<D> = never>(
  body: string,
  init?: ResponseInit<S>,
): ExplicitResponse<D> {
  return build(
    'text()',
    { kind: 'text', text: String(body), contentType: 'text/plain; charset=utf-8' },
    init,
  );
}

/** An HTML response (`text/html; charset=utf-8`). */
export function html<D = never, const S extends DeclaredStatus<D> = never>(
  body: string,
  init?: ResponseInit<S>,
): ExplicitResponse<D> {
  return build(
    'html()',
    { kind: 'text', text: String(body), contentType: 'text/html; charset=utf-8' },
    init,
  );
}

/** Raw bytes with an optional content type (`application/octet-stream` when omitted). */
export function bytes<D = never, const S extends DeclaredStatus<D> = never>(
  data: Uint8Array,
  init?: ResponseInit<S> & { contentType?: string },
): ExplicitResponse<D> {
  const contentType = init?.contentType ?? 'application/octet-stream';
  assertHeader('content-type', contentType, 'bytes()');
  return build('bytes()', { kind: 'bytes', bytes: data, contentType }, init);
}

/** A streamed body, sent as it is produced (no content-length). */
export function stream<D = never, const S extends DeclaredStatus<D> = never>(
  source: AsyncIterable<Uint8Array>,
  init?: ResponseInit<S> & { contentType?: string },
): ExplicitResponse<D> {
  const contentType = init?.contentType ?? 'application/octet-stream';
  assertHeader('content-type', contentType, 'stream()');
  return build('stream()', { kind: 'stream', stream: source, contentType }, init);
}

/** A response with no content at all, e.g. `empty(404)` or `empty(204)`. */
export function empty<D = never, const S extends DeclaredStatus<D> = never>(
  status: S,
  init?: Omit<ResponseInit, 'status'>,
): ExplicitResponse<D> {
  return build('empty()', { kind: 'empty' }, { ...init, status });
}

// Characters a location header cannot carry raw are percent-encoded, as
// Starlette's RedirectResponse does ("/a b" -> "/a%20b"); "%" is kept so an
// already-encoded URL is not encoded twice.
const UNSAFE_IN_LOCATION = /[^\x21-\x7e]+/g;

/**
 * A redirect: 307 unless told, only 3xx, and a location is required; returned
 * from a handler, its status (307 too) must be a 3xx the route declares.
 * @example return redirect('/items/1', { status: 301 });
 */
export function redirect<D = never, const S extends RedirectStatus<D> = never>(
  location: [S] extends [never]
    ? 307 extends RedirectStatus<D>
      ? string
      : Undeclared<307>
    : string,
  init?: ResponseInit<S>,
): ExplicitResponse<D> {
  const status = init?.status ?? 307;
  assertFinalStatus(status, 'redirect()');
  if (status < 300 || status > 399) {
    throw new StatuskitError(
      ErrorCode.INVALID_REDIRECT,
      `redirect(): status ${status} is not a redirection; use 301, 302, 303, 307 or 308.`,
    );
  }
  if (typeof location !== 'string' || location.length === 0) {
    throw new StatuskitError(
      ErrorCode.INVALID_REDIRECT,
      `redirect(): location ${describeValue(location)} is empty; pass the URL to redirect to.`,
    );
  }
  const encoded = location.replace(UNSAFE_IN_LOCATION, (run) => encodeURIComponent(run));
  const base = build('redirect()', { kind: 'empty' }, { ...init, status });
  const headers = base.headers.filter(([name]) => name !== 'location');
  headers.push(['location', encoded]);
  return { ...base, headers };
}

/** The parts of a WHATWG `Response` statuskit reads; returned as is from a handler. */
export interface FetchResponseLike {
  readonly status: number;
  readonly headers: { forEach(callback: (value: string, name: string) => void): void };
  readonly body: AsyncIterable<Uint8Array> | null;
}

/** True for a WHATWG `Response` (from undici, Node's global fetch, or a polyfill). */
export function isFetchResponse(value: unknown): value is FetchResponseLike {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.prototype.toString.call(value) === '[object Response]'
  );
}

/** Turns a WHATWG Response into an explicit response, streaming its body. */
export function fromFetchResponse(response: FetchResponseLike): ExplicitResponse {
  const headers: HeaderList = [];
  let contentType: string | undefined;
  response.headers.forEach((value, name) => {
    if (name === 'content-type') contentType = value;
    else if (name !== 'content-length') headers.push([name, value]);
  });
  const body: ResponseBody =
    response.body === null
      ? { kind: 'empty' }
      : { kind: 'stream', stream: response.body, contentType };
  return { ...build('Response', body, { status: response.status }), headers };
}
