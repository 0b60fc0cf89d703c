// Every answer the core gives without a handler, or in its place, is made in this file:
//
// | status    | when                                                                | made by            |
// |-----------|---------------------------------------------------------------------|--------------------|
// | 307       | the path exists only with (or only without) a trailing slash         | slashRedirect      |
// | 400       | a path with bad percent-encoding; a client that aborted its body     | rejected           |
// | 401       | a guarded route whose credentials are missing or not valid; carries  | unauthenticated    |
// |           | the guards' `www-authenticate` challenge (security/guard.ts)         |                    |
// | 404       | no route has the path                                                | rejected           |
// | 405       | a route has the path but not the method; carries `allow`             | methodNotAllowed   |
// | 408       | the body did not arrive within `bodyTimeout`; closes the connection  | rejected           |
// | 413       | the body is over `bodyLimit`; closes the connection                  | rejected           |
// | 415       | a content-coded body, or no JSON where the route requires a body     | rejected           |
// | 422 (400) | invalid params, query, headers or body; malformed JSON answers       | invalidRequest     |
// |           | `malformedJsonStatus` (422 as FastAPI, or 400)                       |                    |
// | 500       | anything thrown that is not an HttpException; a value that broke its | thrown,            |
// |           | response model; an exchange with neither route nor preset answer     | modelMismatch,     |
// |           |                                                                      | unroutable         |
// | 503       | the handler outlived its timeout; carries `retry-after`              | timedOut           |
// | 4xx       | a middleware before statuskit refused the request (a body parser's   | upstreamRefusal    |
// |           | 400, 413, 415, an http-error's status): answered where the handler   |                    |
// |           | would run                                                            |                    |
//
// A guard's 403 is not the core's: the app's `verify` returns `forbidden()`.
// Which status wins when a handler did run is decided in resolve.ts (`statusFor`);
// the HTTP rules every answer obeys are applied in finalize.ts.
import { ErrorCode, StatuskitError } from './errors.js';
import { HttpException, isHttpException } from './http-exception.js';
import { type ExplicitResponse, redirect } from './response.js';
import type { ValidationIssue } from './schema.js';

/** How a request ended before the HTTP rules are applied: what the handler (or the core) decided. */
export type Outcome =
  | { readonly kind: 'value'; readonly value: unknown }
  | {
      readonly kind: 'response';
      readonly response: ExplicitResponse;
      /** Set on the core's slash redirect only: see `Resolved.mountRelative` in resolve.ts. */
      readonly mountRelative?: true;
    }
  | { readonly kind: 'exception'; readonly exception: HttpException }
  | { readonly kind: 'error'; readonly error: unknown };

const rejections = new Map<number, Outcome>();

/**
 * A shared outcome for a rejection the core decides before any handler (400,
 * 404, 408, 413, 415): HttpExceptions are immutable. 408 and 413 close the
 * connection, since the rest of that request's body was never read.
 */
export function rejected(status: number): Outcome {
  let outcome = rejections.get(status);
  if (outcome === undefined) {
    const headers = status === 408 || status === 413 ? { connection: 'close' } : {};
    outcome = { kind: 'exception', exception: new HttpException(status, undefined, { headers }) };
    rejections.set(status, outcome);
  }
  return outcome;
}

/**
 * The answer to an error raised before statuskit that carries a 4xx status:
 * that status, with the headers it asked for (http-errors' `err.headers`);
 * headers HTTP cannot carry are dropped rather than failing the answer.
 */
export function upstreamStatus(
  status: number,
  headers: Record<string, string> | undefined,
): Outcome {
  if (headers === undefined) return rejected(status);
  try {
    return { kind: 'exception', exception: new HttpException(status, undefined, { headers }) };
  } catch {
    return rejected(status);
  }
}

/** The 503 of a handler that outlived its timeout; `retry-after` in seconds. */
export function timedOut(retryAfter: number): Outcome {
  return {
    kind: 'exception',
    exception: new HttpException(503, undefined, {
      headers: { 'retry-after': String(retryAfter) },
    }),
  };
}

/** The 401 of a guarded route: credentials missing or not valid, with the guards' challenge. */
export function unauthenticated(detail: string, challenge: string): Outcome {
  const exception = new HttpException(401, detail, { headers: { 'www-authenticate': challenge } });
  return { kind: 'exception', exception };
}

const notAllowed = new Map<string, Outcome>();
// One entry per distinct allow list; the bound only matters for a router with
// thousands of method combinations, and then the outcome is simply built again.
const NOT_ALLOWED_LIMIT = 1000;

/** The 405 outcome for an allow list, shared between requests. */
export function methodNotAllowed(allow: string): Outcome {
  let outcome = notAllowed.get(allow);
  if (outcome === undefined) {
    outcome = {
      kind: 'exception',
      exception: new HttpException(405, undefined, { headers: { allow } }),
    };
    if (notAllowed.size < NOT_ALLOWED_LIMIT) notAllowed.set(allow, outcome);
  }
  return outcome;
}

/**
 * The trailing-slash redirect (307). Its location is the request's own path
 * with or without the slash, so it is relative to wherever the adapter is
 * mounted: the decided response carries `mountRelative` for that reason.
 */
export function slashRedirect(location: string): Outcome {
  return { kind: 'response', response: redirect(location), mountRelative: true };
}

/** The outcome of a thrown value: an HttpException answers itself, anything else is a 500. */
export function thrown(error: unknown): Outcome {
  return isHttpException(error)
    ? { kind: 'exception', exception: error }
    : { kind: 'error', error };
}

/**
 * The answer to a request that failed validation: 422 with every issue, as
 * FastAPI does; `malformedJsonStatus` (400 or 422) when the body was not JSON.
 */
export function invalidRequest(
  issues: readonly ValidationIssue[],
  malformedJsonStatus: 400 | 422,
): Outcome {
  const status = issues.some((i) => i.type === 'json_invalid') ? malformedJsonStatus : 422;
  return { kind: 'exception', exception: new HttpException(status, issues as never) };
}

/** The 500 of a handler value that broke the response model for `status`. */
export function modelMismatch(route: string, status: number, issues: unknown): Outcome {
  return {
    kind: 'error',
    error: new StatuskitError(
      ErrorCode.RESPONSE_VALIDATION,
      `${route}: the handler's value does not match the response model for ${status}.`,
      { cause: issues },
    ),
  };
}

/** The 500 of an exchange built with neither a route nor a preset answer (a misuse of the core). */
export function unroutable(route: string): Outcome {
  return {
    kind: 'error',
    error: new StatuskitError(
      ErrorCode.INVALID_ROUTE,
      `${route}: an exchange needs a route or a preset outcome; create exchanges through kit.dispatch().`,
    ),
  };
}

/**
 * What stands in for the handler when a middleware before statuskit refused
 * the request: the core still routes and validates it (its 404, 405, 413,
 * 415 and 422 stay its own), and where the handler would run the answer is
 * `status`. Returned, not thrown, by the stand-in handler.
 */
export function upstreamRefusal(status: number): HttpException {
  return new HttpException(status);
}
