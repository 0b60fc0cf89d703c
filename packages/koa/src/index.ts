import type { AnyRoute, Statuskit } from '@statuskit/core';
import { assertFrameworkVersion } from '@statuskit/core/adapter';
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

/** The `statuskit` verb: the main middleware, plus `statuskit.errors` for failures upstream. */
export interface StatuskitKoa {
  /** Hands every request to the core (routing, 404/405, HEAD, validation); mount it last. */
  (kit: Statuskit): Middleware;
  /** Answers what the middleware after it throws (body parser, app) the core's way; mount it first. */
  errors(kit: Statuskit): Middleware;
}

// Kits the core routes (statuskit(kit) is mounted): a refused body is answered for its match.
const routed = new WeakSet<Statuskit>();

function main(kit: Statuskit): Middleware {
  assertInstalled('koa');
  routed.add(kit);
  return (ctx: Context): Promise<void> | undefined => {
    const pending = kit.dispatch(toNeutral(ctx, bodyOf(ctx, kit.options)));
    // Decided synchronously: written at once, no promise for Koa to await.
    if (!(pending instanceof Promise)) {
      write(ctx, pending);
      return undefined;
    }
    return pending.then((exchange) => write(ctx, exchange));
  };
}

function errors(kit: Statuskit): Middleware {
  assertInstalled('koa');
  return async (ctx: Context, next: Next): Promise<void> => {
    try {
      await next();
    } catch (error) {
      // Too late to answer: Koa reports it on app.on('error') and ends the response.
      if (ctx.headerSent) throw error;
      write(ctx, await answerError(kit, ctx, error, routed.has(kit)));
    }
  };
}

/**
 * Mounts a statuskit app on Koa 3 (README: "Body parsers and errors").
 * @example
 * const app = new Koa();
 * app.use(statuskit.errors(kit)); // first: failures of the middleware below
 * app.use(bodyParser());          // optional: statuskit reads ctx.request.body
 * app.use(statuskit(kit));        // last: answers every request
 */
export const statuskit: StatuskitKoa = Object.assign(main, { errors });

/**
 * One statuskit route inside @koa/router: the router matches, statuskit does the rest.
 * @example router.get('/items/:id', handler(kit, getItem));
 */
export function handler(kit: Statuskit, route: AnyRoute): Middleware {
  assertInstalled('koa');
  assertInstalled('@koa/router');
  return async (ctx: Context): Promise<void> => {
    const given = (ctx as { params?: Record<string, string | undefined> }).params ?? {};
    const params = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined));
    const request = toNeutral(ctx, bodyOf(ctx, kit.options));
    write(ctx, await kit.handleRoute(route, params as Record<string, string>, request));
  };
}
