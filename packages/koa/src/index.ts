import type { AnyRoute, Statuskit } from '@statuskit/core';
import { assertFrameworkVersion, isStatuskit, mountError } from '@statuskit/core/adapter';
import { installedVersion } from '@statuskit/node';
import type { Context, Middleware, Next } from 'koa';
import { answerError } from './errors.js';
import { bodyOf, toNeutral } from './request.js';
import { write } from './response.js';

/** The packages this adapter checks, with the major version it supports. */
const SUPPORTED = { koa: 3, '@koa/router': 15 } as const;

// Checked where the app mounts the adapter, so a missing or wrong version fails at start-up.
function assertInstalled(name: keyof typeof SUPPORTED): void {
  assertFrameworkVersion({
    adapter: '@statuskit/koa',
    framework: name,
    major: SUPPORTED[name],
    found: installedVersion(name, import.meta.url),
  });
}

/** Options of {@link StatuskitKoa}: `statuskit(kit, options)`. */
export interface MountOptions {
  /**
   * For an app made only of statuskit routes: the core also answers requests
   * no route of the kit serves (its JSON 404), and `statuskit.errors(kit)`
   * every error. Default false: what the kit does not own goes on (`next()`).
   */
  readonly notFound?: boolean;
}

/** The `statuskit` verb: the main middleware, plus `statuskit.errors` for failures upstream. */
export interface StatuskitKoa {
  /**
   * Answers the requests the kit owns (routing, 405, HEAD, 307, validation)
   * and hands every other one on with `next()`; `{ notFound: true }` answers
   * them all (the core's 404).
   */
  (kit: Statuskit, options?: MountOptions): Middleware;
  /**
   * Answers what the middleware after it throws (body parser, auth) on the
   * requests `statuskit(kit)` owns the core's way, and rethrows the rest for
   * the app; mount it before them. With handler() routes and no
   * `statuskit(kit)`, it answers every error that reaches it.
   */
  errors(kit: Statuskit): Middleware;
}

// How each kit was mounted: routed by the core, and whether it answers every request.
const mounts = new WeakMap<Statuskit, { readonly notFound: boolean }>();
let warned = false;

// `app.use(statuskit)`: Koa calls it with (ctx, next) on every request. Koa's app.use()
// only checks for a function, so the mistake surfaces on the first request: thrown into
// the app's error path (a 500), and the fix on the console once.
function checked(kit: unknown, usage: string, next: unknown): asserts kit is Statuskit {
  if (isStatuskit(kit)) return;
  const error = mountError(kit, usage);
  if (typeof next === 'function' && !warned) {
    warned = true;
    console.error(error.message);
  }
  throw error;
}

function main(kit: Statuskit, options?: MountOptions): Middleware {
  checked(kit, 'app.use(statuskit(kit))', options);
  assertInstalled('koa');
  const notFound = options?.notFound === true;
  mounts.set(kit, { notFound });
  return (ctx: Context, next: Next): Promise<void> | undefined => {
    const request = toNeutral(ctx, bodyOf(ctx, kit.options));
    const pending = notFound ? kit.dispatch(request) : kit.claim(request);
    if (pending === undefined) return next();
    // Decided synchronously: written at once, no promise for Koa to await.
    if (!(pending instanceof Promise)) {
      write(ctx, pending);
      return undefined;
    }
    return pending.then((exchange) => write(ctx, exchange));
  };
}

// `next` is only ever given by mistake: Koa calling `app.use(statuskit.errors)` itself.
function errors(kit: Statuskit, next?: unknown): Middleware {
  checked(kit, 'app.use(statuskit.errors(kit))', next);
  assertInstalled('koa');
  return async (ctx: Context, next: Next): Promise<void> => {
    try {
      await next();
    } catch (error) {
      const mount = mounts.get(kit);
      // Too late to answer (Koa reports it on app.on('error') and ends the response), or
      // not the kit's request: the app's error handling takes it, untouched. Without
      // statuskit(kit) (handler() routes only), every error that reaches it is answered.
      const ours = mount === undefined || mount.notFound || kit.owns(ctx.url);
      if (ctx.headerSent || !ours) throw error;
      write(ctx, await answerError(kit, ctx, error, mount !== undefined));
    }
  };
}

/**
 * Mounts a statuskit app on Koa 3 (README: "Body parsers and errors").
 * @example
 * const app = new Koa();
 * app.use(statuskit.errors(kit)); // before the middleware whose failures it answers
 * app.use(bodyParser());          // optional: statuskit reads ctx.request.body
 * app.use(statuskit(kit));        // the kit's routes; the rest goes on to the app
 * // a statuskit-only app: new Koa().use(statuskit(kit, { notFound: true }))
 */
export const statuskit: StatuskitKoa = Object.assign(main, { errors });

/**
 * One statuskit route inside @koa/router: the router matches, statuskit does the rest.
 * @example router.get('/items/:id', handler(kit, getItem));
 */
export function handler(kit: Statuskit, route: AnyRoute): Middleware {
  if (!isStatuskit(kit)) throw mountError(kit, 'handler(kit, route)');
  assertInstalled('koa');
  assertInstalled('@koa/router');
  return async (ctx: Context): Promise<void> => {
    const given = (ctx as { params?: Record<string, string | undefined> }).params ?? {};
    const params = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined));
    const request = toNeutral(ctx, bodyOf(ctx, kit.options));
    write(ctx, await kit.handleRoute(route, params as Record<string, string>, request));
  };
}
