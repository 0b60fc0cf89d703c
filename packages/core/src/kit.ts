import { type CompiledRoute, compileRoute } from './compile.js';
import { assertFinalStatus, ErrorCode, StatuskitError } from './errors.js';
import { Exchange } from './exchange/exchange.js';
import { HttpException } from './http-exception.js';
import { type ResolvedOptions, resolveOptions, type StatuskitOptions } from './options.js';
import { methodNotAllowed, rejected, slashRedirect, thrown } from './outcome.js';
import { type NeutralRequest, splitUrl } from './request.js';
import type { AnyRoute } from './route.js';
import { Router } from './router.js';

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
