import type { AnyRoute, Statuskit } from '@statuskit/core';
import { assertFrameworkVersion, Router, splitUrl } from '@statuskit/core/adapter';
import { installedVersion } from '@statuskit/node';
import type { ErrorRequestHandler, RequestHandler } from 'express';
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

/**
 * Serves every route of the kit. The core matches, so 404, 405 with `allow`,
 * HEAD and trailing-slash redirects answer the same as on any framework; the
 * error middleware answers failures of middleware mounted before it
 * (express.json()'s malformed or oversized bodies) the same way.
 *
 * @example
 * const app = express();
 * app.use(express.json()); // optional
 * app.use(statuskit(createStatuskit(routes)));
 */
export function statuskit(kit: Statuskit): StatuskitMiddleware {
  assertExpress();
  const handle: RequestHandler = (req, res, next) => {
    serve(kit.dispatch(toNeutral(req, res)), req, res, next);
  };
  return [handle, kitErrors(kit)];
}

/**
 * One route inside Express's own router, for apps that adopt statuskit route
 * by route: Express matches, the core validates, runs and answers.
 *
 * @example router.get('/items/:id', handler(kit, getItem));
 */
export function handler(kit: Statuskit, route: AnyRoute): RequestHandler {
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
 * and method one of the kit's routes serves; other errors go on to `next`.
 *
 * @example app.use(errorHandler(kit));
 */
export function errorHandler(kit: Statuskit): ErrorRequestHandler {
  assertExpress();
  const router = new Router(kit.routes);
  return kitErrors(
    kit,
    (req) => router.match(req.method, splitUrl(req.url).path, '', false).kind === 'route',
  );
}
