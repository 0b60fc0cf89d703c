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
import { type HeaderList, hasHeader } from './headers.js';
import { toJsonText, utf8Length } from './json.js';
import type { Outcome } from './outcome.js';
import { type MethodDefaultPolicy, toPolicy } from './policy.js';
import type { ExplicitResponse } from './response.js';
import type { AnyRoute } from './route.js';
import { isRedirectStatus, statusAllowsBody } from './status.js';

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
  switch (outcome.kind) {
    case 'exception':
      return outcome.exception.status;
    case 'error':
      return 500;
    case 'response':
      return outcome.response.status ?? state.status ?? plan.valueStatus;
    case 'value':
      return state.status ?? (outcome.value == null ? plan.emptyStatus : plan.valueStatus);
  }
}

type Payload =
  | { readonly kind: 'none' }
  | { readonly kind: 'text'; readonly text: string; readonly contentType: string }
  | { readonly kind: 'bytes'; readonly bytes: Uint8Array; readonly contentType: string | undefined }
  | {
      readonly kind: 'stream';
      readonly stream: AsyncIterable<Uint8Array>;
      readonly contentType: string | undefined;
    };

const NONE: Payload = { kind: 'none' };

function textPayload(text: string, contentType: string): Payload {
  return { kind: 'text', text, contentType };
}

function explicitPayload(response: ExplicitResponse): Payload {
  const body = response.body;
  switch (body.kind) {
    case 'json':
      return textPayload(toJsonText(body.value), 'application/json');
    case 'text':
      return textPayload(body.text, body.contentType);
    case 'bytes':
      return { kind: 'bytes', bytes: body.bytes, contentType: body.contentType };
    case 'stream':
      return { kind: 'stream', stream: body.stream, contentType: body.contentType };
    case 'empty':
      return NONE;
  }
}

function mergeHeaders(first: HeaderList | undefined, second: HeaderList): HeaderList {
  if (first === undefined || first.length === 0) return second.slice();
  if (second.length === 0) return first.slice();
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
  return finalize(
    plan,
    method,
    500,
    [],
    textPayload(payload.text, payload.contentType),
    diagnostics,
  );
}

function push(list: Diagnostic[] | undefined, diagnostic: Diagnostic): Diagnostic[] {
  if (list === undefined) return [diagnostic];
  list.push(diagnostic);
  return list;
}

const FRAMING = new Set(['content-length', 'transfer-encoding']);

/**
 * Applies the HTTP rules that hold for every source of a response: no body,
 * content-type or content-length on 204 and 304; an empty body with
 * `content-length: 0` on 205; HEAD keeps GET's headers without the body.
 */
function finalize(
  plan: RoutePlan,
  method: string,
  status: number,
  headers: HeaderList,
  payload: Payload,
  diagnostics: Diagnostic[] | undefined,
): Resolved {
  let out = headers;
  if (out.some(([name]) => FRAMING.has(name))) out = out.filter(([name]) => !FRAMING.has(name));
  let body: string | Uint8Array | AsyncIterable<Uint8Array> | null = null;
  if (!statusAllowsBody(status)) {
    if (payload.kind !== 'none') {
      diagnostics = push(diagnostics, {
        code: DiagnosticCode.BODY_DROPPED,
        route: plan.id,
        status,
        message: `[statuskit] ${plan.id}: a ${status} response has no body; the handler's body was dropped.`,
      });
    }
    out = out.filter(([name]) => name !== 'content-type');
    if (status === 205) out.push(['content-length', '0']);
  } else if (payload.kind === 'none') {
    out.push(['content-length', '0']);
  } else {
    if (payload.contentType !== undefined && !hasHeader(out, 'content-type')) {
      out.push(['content-type', payload.contentType]);
    }
    if (payload.kind === 'text') {
      out.push(['content-length', String(utf8Length(payload.text))]);
      body = payload.text;
    } else if (payload.kind === 'bytes') {
      out.push(['content-length', String(payload.bytes.byteLength)]);
      body = payload.bytes;
    } else {
      body = payload.stream;
    }
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
  const status = statusFor(plan, outcome, state);
  switch (outcome.kind) {
    case 'exception': {
      const e = outcome.exception;
      const payload = statusAllowsBody(status)
        ? renderError(options.errorFormat, status, e.detail)
        : undefined;
      return finalize(
        plan,
        method,
        status,
        e.headers.slice(),
        payload ? textPayload(payload.text, payload.contentType) : NONE,
        undefined,
      );
    }
    case 'error':
      return errorResolution(plan, method, outcome.error, options, undefined);
    case 'response': {
      let payload: Payload;
      try {
        payload = explicitPayload(outcome.response);
      } catch (error) {
        return serializationFailure(plan, method, error, options);
      }
      const headers = mergeHeaders(state.headers, outcome.response.headers);
      const out = finalize(plan, method, status, headers, payload, undefined);
      return outcome.mountRelative === true ? { ...out, mountRelative: true } : out;
    }
    case 'value': {
      if (!statusAllowsBody(status)) {
        const dropped =
          outcome.value == null
            ? NONE
            : { kind: 'bytes' as const, bytes: new Uint8Array(0), contentType: undefined };
        return finalize(plan, method, status, state.headers?.slice() ?? [], dropped, undefined);
      }
      let text: string;
      try {
        text = toJsonText(outcome.value);
      } catch (error) {
        return serializationFailure(plan, method, error, options);
      }
      return finalize(
        plan,
        method,
        status,
        state.headers?.slice() ?? [],
        textPayload(text, 'application/json'),
        undefined,
      );
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
