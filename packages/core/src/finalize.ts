// The HTTP rules every response obeys, whatever decided it (resolve.ts): no
// body on 204/304, an empty 205, HEAD without a body, framing headers that are
// the core's alone, and the header a 401, 405 or redirect must carry.
import { type Diagnostic, DiagnosticCode } from './diagnostic.js';
import { contentLengthHeader, contentTypeHeader, type HeaderList, hasHeader } from './headers.js';
import { utf8Length } from './json.js';
import type { Resolved, RoutePlan } from './resolve.js';
import { isRedirectStatus, statusAllowsBody } from './status.js';

/** A body before the HTTP rules: a string, bytes or a stream; null for none. */
export type Body = string | Uint8Array | AsyncIterable<Uint8Array>;

/** Adds a diagnostic to a list made on first use. */
export function push(list: Diagnostic[] | undefined, diagnostic: Diagnostic): Diagnostic[] {
  if (list === undefined) return [diagnostic];
  list.push(diagnostic);
  return list;
}

function isFraming(name: string): boolean {
  return name === 'content-length' || name === 'transfer-encoding';
}

// A fresh copy of the given headers without framing (and without content-type when `type`).
function copyHeaders(given: HeaderList, dropType: boolean): HeaderList {
  const out: HeaderList = [];
  for (const pair of given) {
    const name = pair[0];
    if (!isFraming(name) && !(dropType && name === 'content-type')) out.push(pair);
  }
  return out;
}

/**
 * Applies the HTTP rules that hold for every source of a response: no body,
 * content-type or content-length on 204 and 304; an empty body with
 * `content-length: 0` on 205; HEAD keeps GET's headers without the body.
 * `given` is never written to: the answer gets a fresh list (shared pairs).
 */
export function finalize(
  plan: RoutePlan,
  method: string,
  status: number,
  given: HeaderList | undefined,
  payload: Body | null,
  contentType: string | undefined,
  diagnostics: Diagnostic[] | undefined,
): Resolved {
  const own = given !== undefined && given.length > 0 ? given : undefined;
  let out: HeaderList;
  let body: Body | null = null;
  if (!statusAllowsBody(status)) {
    if (payload !== null) {
      diagnostics = push(diagnostics, {
        code: DiagnosticCode.BODY_DROPPED,
        route: plan.id,
        status,
        message: `[statuskit] ${plan.id}: a ${status} response has no body; the handler's body was dropped.`,
      });
    }
    out = own === undefined ? [] : copyHeaders(own, true);
    if (status === 205) out.push(contentLengthHeader(0));
  } else if (payload === null) {
    out = own === undefined ? [contentLengthHeader(0)] : copyHeaders(own, false);
    if (own !== undefined) out.push(contentLengthHeader(0));
  } else {
    const length =
      typeof payload === 'string'
        ? utf8Length(payload)
        : payload instanceof Uint8Array
          ? payload.byteLength
          : undefined;
    if (own === undefined) {
      // The common answer: the core's own type and length, in a list of exactly their size.
      if (contentType === undefined)
        out = length === undefined ? [] : [contentLengthHeader(length)];
      else if (length === undefined) out = [contentTypeHeader(contentType)];
      else out = [contentTypeHeader(contentType), contentLengthHeader(length)];
    } else {
      out = copyHeaders(own, false);
      if (contentType !== undefined && !hasHeader(out, 'content-type')) {
        out.push(contentTypeHeader(contentType));
      }
      if (length !== undefined) out.push(contentLengthHeader(length));
    }
    body = payload;
  }
  if (method === 'HEAD') body = null;
  if (status === 401 || status === 405 || isRedirectStatus(status)) {
    diagnostics = checkRequiredHeader(plan, status, out, diagnostics);
  }
  return { status, headers: out, body, diagnostics };
}

function checkRequiredHeader(
  plan: RoutePlan,
  status: number,
  headers: HeaderList,
  diagnostics: Diagnostic[] | undefined,
): Diagnostic[] | undefined {
  const [name, code] =
    status === 401
      ? (['www-authenticate', DiagnosticCode.MISSING_WWW_AUTHENTICATE] as const)
      : status === 405
        ? (['allow', DiagnosticCode.MISSING_ALLOW] as const)
        : (['location', DiagnosticCode.MISSING_LOCATION] as const);
  if (hasHeader(headers, name)) return diagnostics;
  return push(diagnostics, {
    code,
    route: plan.id,
    status,
    message: `[statuskit] ${plan.id}: a ${status} response should carry a ${name} header; add it to the exception or response.`,
  });
}
