// Which status a response gets, and what HTTP then allows it to carry. The six
// precedence levels, highest first:
//   1. an HttpException (thrown or returned)          -> its status
//   2. any other error                                -> 500
//   3. an explicit response with a status             -> that status
//   4. setStatus() during the handler                 -> that status
//   5. the route's declared `status`                  -> defaultStatuses()
//   6. the method-default policy ('rest', 'fastapi')  -> defaultStatuses()
// Levels 5 and 6 are folded once per route at start-up; 1-4 per request in
// statusFor(). finalize() then applies the HTTP rules every response obeys.
// What the core answers without a handler is in outcome.ts.
import { type Diagnostic, DiagnosticCode } from './diagnostic.js';
import { debugInfo, type ErrorFormat, renderError, safeString } from './error-format.js';
import { type Body, finalize } from './finalize.js';
import type { HeaderList } from './headers.js';
import { toJsonText } from './json.js';
import type { Outcome } from './outcome.js';
import { type MethodDefaultPolicy, toPolicy } from './policy.js';
import type { AnyRoute } from './route.js';
import { statusAllowsBody } from './status.js';

/** What the resolver needs of a route, computed once when the app is created. */
export interface RoutePlan {
  /** `GET /items/{id}`; names the route in diagnostics. */
  readonly id: string;
  /** Status of a returned value: the declared status, else the policy's. */
  readonly valueStatus: number;
  /** Status of a returned nothing (`undefined`/`null`): the declared status, else the policy's. */
  readonly emptyStatus: number;
}

/** What the handler set on the exchange: `setStatus` and `setHeader`. */
export interface ResolveState {
  readonly status: number | undefined;
  readonly headers: HeaderList | undefined;
}

/** App-wide settings the resolver reads. */
export interface ResolveOptions {
  readonly errorFormat: ErrorFormat;
  /** Show error names, messages and stacks in 500 bodies. Off unless set explicitly. */
  readonly debug: boolean;
}

/** The decided response: what the adapter writes, byte for byte. */
export interface Resolved {
  readonly status: number;
  readonly headers: HeaderList;
  /**
   * null: write no body at all (204, 205, 304, HEAD, empty responses). A string
   * is written as UTF-8; content-length already says its byte length.
   */
  readonly body: string | Uint8Array | AsyncIterable<Uint8Array> | null;
  /** Reports for `onDiagnostic`; undefined when there are none. */
  readonly diagnostics: Diagnostic[] | undefined;
  /**
   * True on the core's own trailing-slash redirect: its `location` is the
   * request's path as the adapter handed it over, so an adapter mounted under
   * a prefix (Express's `app.use('/api', ...)`) puts the prefix in front.
   */
  readonly mountRelative?: true;
}

const EMPTY_STATE: ResolveState = { status: undefined, headers: undefined };

/**
 * Levels 5 and 6, decided once per route at start-up: the route's declared
 * status, else its policy's (the route's own `policy`, else the app's). HEAD is
 * served by GET routes, so a policy sees the route's own method.
 */
export function defaultStatuses(
  route: AnyRoute,
  appPolicy: MethodDefaultPolicy,
): Pick<RoutePlan, 'valueStatus' | 'emptyStatus'> {
  const declared = route.spec.status;
  const policy = route.spec.policy === undefined ? appPolicy : toPolicy(route.spec.policy);
  return {
    valueStatus: declared ?? policy.status(route.method, true),
    emptyStatus: declared ?? policy.status(route.method, false),
  };
}

/**
 * The status an outcome gets, levels 1-4 of the precedence (exception > error
 * > explicit response > setStatus), falling back on the route's levels 5-6
 * from {@link defaultStatuses}.
 */
export function statusFor(
  plan: RoutePlan,
  outcome: Outcome,
  state: ResolveState = EMPTY_STATE,
): number {
  return statusOf(plan, outcome, state.status);
}

/** {@link statusFor} with what `setStatus` set as a number: no state object on the hot path. */
export function statusOf(plan: RoutePlan, outcome: Outcome, setStatus: number | undefined): number {
  switch (outcome.kind) {
    case 'exception':
      return outcome.exception.status;
    case 'error':
      return 500;
    case 'response':
      return outcome.response.status ?? setStatus ?? plan.valueStatus;
    case 'value':
      return setStatus ?? (outcome.value == null ? plan.emptyStatus : plan.valueStatus);
  }
}

const NO_BYTES = new Uint8Array(0);

// Merges the handler's setHeader() list with an explicit response's headers
// (the response's names win). Neither list is written to: finalize copies.
function mergeHeaders(first: HeaderList | undefined, second: HeaderList): HeaderList {
  if (first === undefined || first.length === 0) return second;
  if (second.length === 0) return first;
  const overridden = new Set(second.map(([name]) => name));
  const out = first.filter(([name]) => !overridden.has(name));
  for (const pair of second) out.push(pair);
  return out;
}

function errorResolution(
  plan: RoutePlan,
  method: string,
  error: unknown,
  options: ResolveOptions,
  diagnostics: Diagnostic[] | undefined,
): Resolved {
  const payload = renderError(
    options.errorFormat,
    500,
    'Internal Server Error',
    options.debug ? debugInfo(error) : undefined,
  );
  return finalize(plan, method, 500, undefined, payload.text, payload.contentType, diagnostics);
}

/**
 * The pure heart of statuskit: decides status, headers and body for one
 * outcome of one route. It never throws; a value that cannot be serialised
 * becomes a 500 with a diagnostic.
 */
export function resolve(
  plan: RoutePlan,
  method: string,
  outcome: Outcome,
  state: ResolveState,
  options: ResolveOptions,
): Resolved {
  return resolveWith(plan, method, outcome, state.status, state.headers, options);
}

/** {@link resolve} with the handler's status and headers as they are (the exchange's hot path). */
export function resolveWith(
  plan: RoutePlan,
  method: string,
  outcome: Outcome,
  setStatus: number | undefined,
  setHeaders: HeaderList | undefined,
  options: ResolveOptions,
): Resolved {
  const status = statusOf(plan, outcome, setStatus);
  switch (outcome.kind) {
    case 'exception': {
      const e = outcome.exception;
      if (!statusAllowsBody(status)) {
        return finalize(plan, method, status, e.headers, null, undefined, undefined);
      }
      const payload = renderError(options.errorFormat, status, e.detail);
      return finalize(
        plan,
        method,
        status,
        e.headers,
        payload.text,
        payload.contentType,
        undefined,
      );
    }
    case 'error':
      return errorResolution(plan, method, outcome.error, options, undefined);
    case 'response': {
      const response = outcome.response;
      const body = response.body;
      let payload: Body | null;
      let contentType: string | undefined;
      try {
        switch (body.kind) {
          case 'json':
            payload = toJsonText(body.value);
            contentType = 'application/json';
            break;
          case 'text':
            payload = body.text;
            contentType = body.contentType;
            break;
          case 'bytes':
            payload = body.bytes;
            contentType = body.contentType;
            break;
          case 'stream':
            payload = body.stream;
            contentType = body.contentType;
            break;
          case 'empty':
            payload = null;
            break;
        }
      } catch (error) {
        return serializationFailure(plan, method, error, options);
      }
      const headers = mergeHeaders(setHeaders, response.headers);
      const out = finalize(plan, method, status, headers, payload, contentType, undefined);
      return outcome.mountRelative === true ? { ...out, mountRelative: true } : out;
    }
    case 'value': {
      if (!statusAllowsBody(status)) {
        // A value on a bodiless status is dropped (with a diagnostic); nothing is not.
        const dropped = outcome.value == null ? null : NO_BYTES;
        return finalize(plan, method, status, setHeaders, dropped, undefined, undefined);
      }
      let text: string;
      try {
        text = toJsonText(outcome.value);
      } catch (error) {
        return serializationFailure(plan, method, error, options);
      }
      return finalize(plan, method, status, setHeaders, text, 'application/json', undefined);
    }
  }
}

function serializationFailure(
  plan: RoutePlan,
  method: string,
  error: unknown,
  options: ResolveOptions,
): Resolved {
  return errorResolution(plan, method, error, options, [
    {
      code: DiagnosticCode.SERIALIZATION,
      route: plan.id,
      status: 500,
      message: `[statuskit] ${plan.id}: the response could not be serialised as JSON (${error instanceof Error ? error.message : safeString(error)}); return plain JSON data.`,
      error,
    },
  ]);
}
