import { MAX_JSON_DEPTH } from './body.js';
import type { Diagnostic } from './diagnostic.js';
import type { ErrorFormat } from './error-format.js';
import { assertFinalStatus, ErrorCode, StatuskitError } from './errors.js';
import {
  type CompiledRoute,
  Exchange,
  type ExchangeConfig,
  type ExchangeInfo,
  type Hooks,
  methodNotAllowed,
  rejected,
  slashRedirect,
  thrown,
} from './exchange.js';
import { HttpException } from './http-exception.js';
import { type MethodDefaultPolicy, type PolicyInput, toPolicy } from './policy.js';
import { type NeutralRequest, splitUrl } from './request.js';
import type { AnyRoute } from './route.js';
import { Router } from './router.js';
import type { Schema } from './schema.js';

/** Options of {@link createStatuskit}. */
export interface StatuskitOptions {
  /** Method-default policy: 'rest' (default), 'fastapi' or definePolicy(...). */
  policy?: PolicyInput;
  /** Error bodies: FastAPI's `{"detail": ...}` (default) or RFC 9457 'problem'. */
  errorFormat?: ErrorFormat;
  /** Largest request body read, in bytes; more answers 413. Default 1 MiB. */
  bodyLimit?: number;
  /** Milliseconds the whole request body may take to arrive; slower answers 408. Default 30 s. */
  bodyTimeout?: number;
  /** Milliseconds every handler may take (a route's `timeout` wins); slower answers 503. Default: no limit. */
  handlerTimeout?: number;
  /** Seconds in the `retry-after` of a timed-out handler's 503. Default 1. */
  retryAfter?: number;
  /** Deepest JSON nesting accepted; deeper answers 422 json_invalid. Default 128. */
  maxJsonDepth?: number;
  /** Status for malformed JSON: 422 (FastAPI, default) or 400. */
  malformedJsonStatus?: 400 | 422;
  /** Redirect `/a/` to `/a` (and back) when only the other exists, as FastAPI does. Default true. */
  redirectSlashes?: boolean;
  /** Run background tasks even when the handler raised. Default false, as FastAPI. */
  backgroundOnError?: boolean;
  /** Put error names, messages and stacks in 500 bodies. Never on unless set; never in production. */
  debug?: boolean;
  /** Receives every error a handler threw; default: console.error. */
  onError?: (error: unknown, info: ExchangeInfo) => void;
  /** Receives diagnostics (response model failures, dropped bodies, missing headers). */
  onDiagnostic?: (diagnostic: Diagnostic) => void;
  /** Receives background task failures; default: console.error. */
  onBackgroundError?: (error: unknown, info: ExchangeInfo & { readonly task: number }) => void;
}

/** The settings in force, defaults filled in. */
export interface ResolvedOptions extends ExchangeConfig {
  readonly policy: MethodDefaultPolicy;
  readonly redirectSlashes: boolean;
  readonly backgroundOnError: boolean;
  readonly handlerTimeout: number | undefined;
}

/** An app: the routes, compiled once, and the entry points adapters call. */
export interface Statuskit {
  readonly routes: readonly AnyRoute[];
  readonly options: ResolvedOptions;
  /** Routes, validates and runs one request; resolves when the status is decided. */
  handle(request: NeutralRequest): Promise<Exchange>;
  /**
   * As {@link Statuskit.handle}, but returns the exchange itself when the
   * status was decided without waiting (a synchronous handler, no body to
   * read), sparing a hot path its microtask hops; a promise otherwise.
   */
  dispatch(request: NeutralRequest): Exchange | Promise<Exchange>;
  /** Runs one route with params from the framework's router (route-by-route adoption). */
  handleRoute(
    route: AnyRoute,
    params: Record<string, string>,
    request: NeutralRequest,
  ): Promise<Exchange>;
  /** Answers a failure the framework detected before the core ran (400, 408, 413, 415, ...). */
  reject(status: number, request: NeutralRequest): Promise<Exchange>;
  /**
   * Answers a request a middleware before statuskit refused (a body parser's 400, 413 or
   * 415): routed, validated and its body read as by {@link Statuskit.handle} (404, 405,
   * redirects, 413, 415, 422 stay the core's), but where the handler would run the answer
   * is `status`. The handler never runs: the middleware between the refusal and statuskit
   * (authentication, ...) did not run either.
   */
  refuse(status: number, request: NeutralRequest): Promise<Exchange>;
  /**
   * Answers a value thrown outside any handler (a framework hook, a middleware) exactly as
   * if a handler had thrown it: an HttpException keeps its status, detail and headers;
   * anything else is the core's 500, reported to onError.
   */
  fail(error: unknown, request: NeutralRequest): Promise<Exchange>;
}

const MiB = 1024 * 1024;

function defaultHooks(options: StatuskitOptions): Hooks {
  return {
    onError:
      options.onError ??
      ((error, info) =>
        console.error(`[statuskit] ${info.route}: unhandled error, answered 500:`, error)),
    onDiagnostic: options.onDiagnostic ?? (() => {}),
    onBackgroundError:
      options.onBackgroundError ??
      ((error, info) =>
        console.error(`[statuskit] ${info.route}: background task ${info.task} failed:`, error)),
  };
}

function positiveInteger(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value <= 0) {
    throw new StatuskitError(
      ErrorCode.INVALID_OPTION,
      `option ${name} must be a positive integer, got ${String(value)}.`,
    );
  }
  return value;
}

/** Resolves options, filling in defaults and refusing nonsense at start-up. */
export function resolveOptions(options: StatuskitOptions = {}): ResolvedOptions {
  const errorFormat = options.errorFormat ?? 'detail';
  if (errorFormat !== 'detail' && errorFormat !== 'problem') {
    throw new StatuskitError(
      ErrorCode.INVALID_OPTION,
      `errorFormat must be 'detail' or 'problem', got ${String(errorFormat)}.`,
    );
  }
  const malformed = options.malformedJsonStatus ?? 422;
  if (malformed !== 400 && malformed !== 422) {
    throw new StatuskitError(
      ErrorCode.INVALID_OPTION,
      `malformedJsonStatus must be 400 or 422, got ${String(malformed)}.`,
    );
  }
  return {
    policy: toPolicy(options.policy),
    errorFormat,
    debug: options.debug === true,
    bodyLimit: positiveInteger(options.bodyLimit, MiB, 'bodyLimit'),
    maxJsonDepth: positiveInteger(options.maxJsonDepth, MAX_JSON_DEPTH, 'maxJsonDepth'),
    bodyTimeout: positiveInteger(options.bodyTimeout, 30_000, 'bodyTimeout'),
    handlerTimeout:
      options.handlerTimeout === undefined
        ? undefined
        : positiveInteger(options.handlerTimeout, 1, 'handlerTimeout'),
    retryAfter: positiveInteger(options.retryAfter, 1, 'retryAfter'),
    malformedJsonStatus: malformed,
    redirectSlashes: options.redirectSlashes !== false,
    backgroundOnError: options.backgroundOnError === true,
    hooks: defaultHooks(options),
  };
}

/** Compiles a route once: statuses from declaration or policy, models by status. */
export function compileRoute(route: AnyRoute, options: ResolvedOptions): CompiledRoute {
  const spec = route.spec;
  const policy = spec.policy === undefined ? options.policy : toPolicy(spec.policy);
  // HEAD is served by GET routes, so policies see the route's own method.
  const valueStatus = spec.status ?? policy.status(route.method, true);
  const emptyStatus = spec.status ?? policy.status(route.method, false);
  const models = new Map<number, Schema>();
  for (const [key, doc] of Object.entries(spec.responses ?? {})) {
    const code = Number(key);
    if (Number.isInteger(code) && typeof doc === 'object' && doc.model !== undefined)
      models.set(code, doc.model);
  }
  return {
    id: route.id,
    route,
    valueStatus,
    emptyStatus,
    models,
    successModel: spec.response,
    backgroundOnError: spec.backgroundOnError ?? options.backgroundOnError,
    timeout: spec.timeout ?? options.handlerTimeout,
  };
}

/**
 * Creates an app from routes. Every route is checked and compiled here, so a
 * bad declaration fails at start-up, never on a request.
 *
 * @example
 * const kit = createStatuskit([getItem, createItem], { policy: 'rest' });
 * app.use(statuskit(kit)); // @statuskit/express
 */
export function createStatuskit(
  // AnyRoute, not Route<...>: lists of routes (kit.routes, fixtures) are AnyRoute[].
  routes: readonly AnyRoute[],
  options?: StatuskitOptions,
): Statuskit {
  const resolved = resolveOptions(options);
  const list = [...routes];
  const compiled = new Map<AnyRoute, CompiledRoute>();
  for (const route of list) {
    if (
      typeof route !== 'object' ||
      route === null ||
      typeof route.handler !== 'function' ||
      !Array.isArray(route.segments)
    ) {
      throw new StatuskitError(
        ErrorCode.INVALID_ROUTE,
        `createStatuskit: ${String(route)} is not a route; make routes with defineRoute().`,
      );
    }
    compiled.set(route, compileRoute(route, resolved));
  }
  const router = new Router(list);
  // A route whose handler is a refusal, compiled once per route, status and body state.
  const refusals = new Map<string, CompiledRoute>();
  const refusal = (route: AnyRoute, status: number, bodyKnown: boolean): CompiledRoute => {
    const key = `${list.indexOf(route)} ${status} ${bodyKnown}`;
    let plan = refusals.get(key);
    if (plan === undefined) {
      // Without the body schema when the body is gone (the refusing middleware read it and
      // kept nothing): the core then asks for no body it cannot have.
      const { body: _, ...rest } = route.spec.request ?? {};
      const spec = bodyKnown ? route.spec : { ...route.spec, request: rest };
      const handler = (): never => {
        throw new HttpException(status);
      };
      plan = compileRoute({ ...route, spec, handler } as AnyRoute, resolved);
      refusals.set(key, plan);
    }
    return plan;
  };
  const run = (exchange: Exchange): Promise<Exchange> => exchange.run().then(() => exchange);
  const exchangeFor = (request: NeutralRequest): Exchange => {
    const { path, query } = splitUrl(request.url);
    const match = router.match(request.method, path, query, resolved.redirectSlashes);
    switch (match.kind) {
      case 'route':
        return new Exchange(compiled.get(match.route), request, match.params, resolved);
      case 'method-not-allowed':
        return new Exchange(undefined, request, {}, resolved, methodNotAllowed(match.allow));
      case 'redirect':
        return new Exchange(undefined, request, {}, resolved, slashRedirect(match.location));
      case 'not-found':
        return new Exchange(undefined, request, {}, resolved, rejected(404));
      case 'bad-path':
        return new Exchange(undefined, request, {}, resolved, rejected(400));
    }
  };
  return {
    routes: list,
    options: resolved,
    handle(request) {
      try {
        return run(exchangeFor(request));
      } catch (error) {
        return Promise.reject(error);
      }
    },
    dispatch(request) {
      const exchange = exchangeFor(request);
      const r = exchange.runSync();
      return r instanceof Promise ? r.then(() => exchange) : exchange;
    },
    handleRoute(route, params, request) {
      let plan = compiled.get(route);
      if (plan === undefined) {
        plan = compileRoute(route, resolved);
        compiled.set(route, plan);
      }
      return run(new Exchange(plan, request, params, resolved));
    },
    reject(status, request) {
      return run(new Exchange(undefined, request, {}, resolved, rejected(status)));
    },
    refuse(status, request) {
      assertFinalStatus(status, 'kit.refuse');
      const { path, query } = splitUrl(request.url);
      const match = router.match(request.method, path, query, resolved.redirectSlashes);
      if (match.kind !== 'route') return run(exchangeFor(request));
      const plan = refusal(match.route, status, request.body.kind !== 'none');
      return run(new Exchange(plan, request, match.params, resolved));
    },
    fail(error, request) {
      return run(new Exchange(undefined, request, {}, resolved, thrown(error)));
    },
  };
}
