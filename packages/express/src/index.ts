import type { AnyRoute, Statuskit } from '@statuskit/core';
import { assertFrameworkVersion, isStatuskit, mountError } from '@statuskit/core/adapter';
import { installedVersion } from '@statuskit/node';
import type { ErrorRequestHandler, NextFunction, RequestHandler } from 'express';
import { kitErrors } from './errors.js';
import { paramsOf, toNeutral } from './request.js';
import { serve } from './response.js';

// Checked where the app mounts the adapter, so a missing or wrong Express fails at start-up.
function assertExpress(): void {
  assertFrameworkVersion({
    adapter: '@statuskit/express',
    framework: 'express',
    major: 5,
    found: installedVersion('express', import.meta.url),
  });
}

/** What `statuskit(kit)` returns: a request middleware and an error middleware, for one `app.use`. */
export type StatuskitMiddleware = [RequestHandler, ErrorRequestHandler];

/** Options of {@link statuskit}. */
export interface MountOptions {
  /**
   * For an app made only of statuskit routes: the core also answers requests
   * no route of the kit serves (its JSON 404) and every error that reaches
   * the mount. Default false: what the kit does not own goes on to the app.
   */
  readonly notFound?: boolean;
}

const USAGE = 'app.use(statuskit(kit))';
let warned = false;

/**
 * Serves the kit's routes inside an Express app. A request is the kit's when
 * one of its routes serves the path: the core then answers it (405 with
 * `allow`, HEAD and the trailing-slash 307 of such a path included), and the
 * error middleware answers failures of middleware in front of it
 * (express.json()'s malformed or oversized bodies, an auth middleware's
 * http-error) the same way. Every other request and every other error goes
 * on to the app untouched. `{ notFound: true }`: the core answers everything
 * that reaches it, for an app made only of statuskit routes.
 *
 * @example
 * app.use(statuskit(kit));                     // in an existing app
 * express().use(statuskit(kit, { notFound: true })); // a statuskit-only app
 */
export function statuskit(kit: Statuskit, options?: MountOptions): StatuskitMiddleware;
export function statuskit(kit: unknown, options?: unknown, next?: unknown): StatuskitMiddleware {
  if (!isStatuskit(kit)) {
    // `app.use(statuskit)`: Express calls this with (req, res, next) on every request, which
    // would hang. Nothing runs at app.use() time, so the mistake surfaces on the first request:
    // a 500 through the app's error path, and the fix on the console once.
    const error = mountError(kit, USAGE);
    if (typeof next !== 'function') throw error;
    if (!warned) console.error(error.message);
    warned = true;
    (next as NextFunction)(error);
    return undefined as never;
  }
  assertExpress();
  const answersAll = (options as MountOptions | undefined)?.notFound === true;
  const handle: RequestHandler = answersAll
    ? (req, res, next) => serve(kit.dispatch(toNeutral(req, res)), req, res, next)
    : (req, res, next) => {
        const pending = kit.claim(toNeutral(req, res));
        if (pending === undefined) return next();
        serve(pending, req, res, next);
      };
  return [handle, kitErrors(kit, answersAll ? undefined : (req) => kit.owns(req.url))];
}

/**
 * One route inside Express's own router, for apps that adopt statuskit route
 * by route: Express matches, the core validates, runs and answers.
 *
 * @example router.get('/items/:id', handler(kit, getItem));
 */
export function handler(kit: Statuskit, route: AnyRoute): RequestHandler {
  if (!isStatuskit(kit)) throw mountError(kit, 'handler(kit, route)');
  assertExpress();
  return (req, res, next) => {
    const params = paramsOf(req.params as Record<string, string | string[]>);
    serve(kit.handleRoute(route, params, toNeutral(req, res)), req, res, next);
  };
}

/**
 * For apps that adopt statuskit route by route with `handler()`: answers
 * failures of middleware mounted before the routes (express.json()'s
 * malformed or oversized bodies) the statuskit way, for requests whose path
 * one of the kit's routes serves; other errors go on to `next`.
 *
 * @example app.use(errorHandler(kit));
 */
export function errorHandler(kit: Statuskit): ErrorRequestHandler {
  if (!isStatuskit(kit)) throw mountError(kit, 'app.use(errorHandler(kit))');
  assertExpress();
  return kitErrors(kit, (req) => kit.owns(req.url));
}
