import { type CompiledRoute, compileRoute } from './compile.js';
import { ErrorCode, StatuskitError } from './errors.js';
import { type Exchange, RequestExchange } from './exchange/exchange.js';
import { type ResolvedOptions, resolveOptions, type StatuskitOptions } from './options.js';
import {
  methodNotAllowed,
  type Outcome,
  rejected,
  slashRedirect,
  thrown,
  upstreamRefusal,
  upstreamStatus,
} from './outcome.js';
import { type NeutralRequest, splitUrl } from './request.js';
import { type AnyRoute, defineRoute } from './route.js';
import { type Match, Router } from './router.js';
import type { Schema } from './schema.js';
import { type UpstreamHints, upstreamAnswer, upstreamHeaders } from './upstream.js';

/**
 * An app: the routes, compiled once, and the three entry points adapters call.
 * Each returns the exchange itself when the answer was decided at once, else
 * a promise of it; the adapter then commits and writes it.
 */
export interface Statuskit {
  /** The routes, in the order given. */
  readonly routes: readonly AnyRoute[];
  /** The settings in force (adapters read `bodyLimit`, `maxJsonDepth`). */
  readonly options: ResolvedOptions;
  /**
   * Routes, validates and runs one request. Returns the exchange itself when
   * the status was decided without waiting (a synchronous handler, no body to
   * read), sparing a hot path its microtask hops; a promise of it otherwise.
   */
  dispatch(request: NeutralRequest): Exchange | Promise<Exchange>;
  /**
   * True when the kit owns requests to this target: one of its routes serves
   * the path (any method: the core answers 405 with `allow`, HEAD, and the
   * trailing-slash 307 of such a path too). A path no route serves, or one
   * with a malformed percent-encoding, belongs to the app around the kit.
   */
  owns(url: string): boolean;
  /**
   * `dispatch` for a kit that lives inside an app: the exchange when the kit
   * owns the request (see {@link Statuskit.owns}), `undefined` when it does
   * not, so the adapter hands it on to the app untouched. One route lookup.
   */
  claim(request: NeutralRequest): Exchange | Promise<Exchange> | undefined;
  /** Runs one route with params from the framework's router (route-by-route adoption). */
  handleRoute(
    route: AnyRoute,
    params: Record<string, string>,
    request: NeutralRequest,
  ): Exchange | Promise<Exchange>;
  /**
   * Answers a failure raised before statuskit ran (a body parser, a
   * middleware, a framework hook) the same on every framework: an
   * HttpException as if a handler threw it, a body parser's refusal where the
   * handler would run, another 4xx with its status, anything else a 500
   * (upstream.ts has the ladder). `hints` say what the adapter knows.
   */
  answerUpstream(
    error: unknown,
    request: NeutralRequest,
    hints?: UpstreamHints,
  ): Exchange | Promise<Exchange>;
}

// Reads a body as a route that requires JSON would, for failures the core does not route.
const ANY_BODY: Schema = {
  '~standard': { version: 1, vendor: 'statuskit', validate: (value) => ({ value }) },
};

function assertRoutes(routes: readonly AnyRoute[]): void {
  for (const route of routes) {
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
  }
}

// Runs an exchange; the exchange itself when it was decided without waiting.
function settled(exchange: RequestExchange): RequestExchange | Promise<RequestExchange> {
  const r = exchange.run();
  return r instanceof Promise ? r.then(() => exchange) : exchange;
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
  assertRoutes(list);
  const compiled = new Map<AnyRoute, CompiledRoute>();
  for (const route of list) compiled.set(route, compileRoute(route, resolved));
  const router = new Router(list);
  const planOf = (route: AnyRoute): CompiledRoute => {
    let plan = compiled.get(route);
    if (plan === undefined) {
      plan = compileRoute(route, resolved);
      compiled.set(route, plan);
    }
    return plan;
  };
  const answer = (
    request: NeutralRequest,
    outcome: Outcome,
  ): RequestExchange | Promise<RequestExchange> =>
    settled(new RequestExchange(undefined, request, {}, resolved, outcome));

  // A route whose handler is an upstream refusal, compiled once per route, status and body state.
  const refusals = new Map<string, CompiledRoute>();
  const refusal = (route: AnyRoute | undefined, status: number, bodyKnown: boolean) => {
    const key = `${route === undefined ? -1 : list.indexOf(route)} ${status} ${bodyKnown}`;
    let plan = refusals.get(key);
    if (plan === undefined) {
      const handler = () => upstreamRefusal(status);
      if (route === undefined) {
        // Not routed by the core: the body is read as a route requiring JSON reads it.
        const reader = defineRoute(
          { method: 'POST', path: '/', request: { body: ANY_BODY } },
          handler,
        );
        plan = compileRoute(reader, resolved, false);
      } else {
        // Without the body schema when the body is gone (the refusing middleware read it and
        // kept nothing): the core then asks for no body it cannot have.
        const { body: _, ...rest } = route.spec.request ?? {};
        const spec = bodyKnown ? route.spec : { ...route.spec, request: rest };
        plan = compileRoute({ ...route, spec, handler } as AnyRoute, resolved, false);
      }
      refusals.set(key, plan);
    }
    return plan;
  };

  const matchOf = (request: NeutralRequest): Match => {
    const url = request.url;
    // An origin-form target (nearly all) is split in place, without splitUrl's object.
    if (url.charCodeAt(0) === 47) {
      const q = url.indexOf('?');
      const path = q === -1 ? url : url.slice(0, q);
      return router.match(
        request.method,
        path,
        q === -1 ? '' : url.slice(q + 1),
        resolved.redirectSlashes,
      );
    }
    const { path, query } = splitUrl(url);
    return router.match(request.method, path, query, resolved.redirectSlashes);
  };
  const exchangeFor = (
    request: NeutralRequest,
    match: Match = matchOf(request),
  ): RequestExchange => {
    switch (match.kind) {
      case 'route':
        return new RequestExchange(compiled.get(match.route), request, match.params, resolved);
      case 'method-not-allowed':
        return new RequestExchange(undefined, request, {}, resolved, methodNotAllowed(match.allow));
      case 'redirect':
        return new RequestExchange(undefined, request, {}, resolved, slashRedirect(match.location));
      case 'not-found':
        return new RequestExchange(undefined, request, {}, resolved, rejected(404));
      case 'bad-path':
        return new RequestExchange(undefined, request, {}, resolved, rejected(400));
    }
  };

  // A refused request: the core's routing and validation, `status` where the handler would run.
  const refuse = (status: number, request: NeutralRequest, routed: boolean) => {
    const bodyKnown = request.body.kind !== 'none';
    if (!routed)
      return settled(new RequestExchange(refusal(undefined, status, true), request, {}, resolved));
    const match = matchOf(request);
    if (match.kind !== 'route') return settled(exchangeFor(request, match));
    const plan = refusal(match.route, status, bodyKnown);
    return settled(new RequestExchange(plan, request, match.params, resolved));
  };

  return {
    routes: list,
    options: resolved,
    dispatch: (request) => settled(exchangeFor(request)),
    owns: (url) => router.owns(splitUrl(url).path, resolved.redirectSlashes),
    claim(request) {
      const match = matchOf(request);
      if (match.kind === 'not-found' || match.kind === 'bad-path') return undefined;
      return settled(exchangeFor(request, match));
    },
    handleRoute: (route, params, request) =>
      settled(new RequestExchange(planOf(route), request, params, resolved)),
    answerUpstream(error, request, hints = {}) {
      const decided = upstreamAnswer(error, request, hints, resolved.maxJsonDepth);
      switch (decided.kind) {
        case 'thrown':
          return answer(request, thrown(error));
        case 'status':
          return answer(request, upstreamStatus(decided.status, upstreamHeaders(error)));
        case 'refusal': {
          const body = decided.body;
          // Spelled out, not spread: an adapter's request may keep `native` behind a getter.
          const refused: NeutralRequest =
            body === request.body
              ? request
              : {
                  method: request.method,
                  url: request.url,
                  headers: request.headers,
                  body,
                  native: request.native,
                };
          return refuse(decided.status, refused, hints.routed !== false);
        }
      }
    },
  };
}
