import { type AnyRoute, ErrorCode, type Statuskit, StatuskitError } from '@statuskit/core';
import { assertFrameworkVersion, isStatuskit, mountError } from '@statuskit/core/adapter';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { errorHandler } from './errors.js';
import { installRawParser, toNeutral } from './request.js';
import { type Mount, serve } from './response.js';
import { registerRoutes } from './routes.js';

export { clientErrorHandler, frameworkErrors } from './errors.js';

/** Options of the {@link statuskit} plugin. */
export interface StatuskitPluginOptions {
  /** The app made by `createStatuskit(routes, options)`. */
  kit: Statuskit;
  /**
   * For an app made only of statuskit routes: the plugin also sets the
   * not-found handler of its context (the app's, or its `prefix`'s) to the
   * core's JSON 404, so a request no Fastify route matches is answered by the
   * core (405s of methods Fastify does not route included). Default false:
   * the app's not-found handler keeps every path the kit does not own.
   */
  notFound?: boolean;
}

const USAGE = 'app.register(statuskit, { kit })';

// Fastify's router options as the core routes (routerOptions, or the deprecated top level).
function routerShape(app: FastifyInstance): { exact: boolean; foldsTrailingSlash: boolean } {
  type Options = Partial<
    Record<
      'ignoreTrailingSlash' | 'ignoreDuplicateSlashes' | 'caseSensitive' | 'useSemicolonDelimiter',
      boolean
    >
  >;
  const config = app.initialConfig as Options & { routerOptions?: Options };
  const read = (key: keyof Options): boolean | undefined =>
    config.routerOptions?.[key] ?? config[key];
  const foldsTrailingSlash = read('ignoreTrailingSlash') === true;
  const exact =
    !foldsTrailingSlash &&
    read('ignoreDuplicateSlashes') !== true &&
    read('caseSensitive') !== false &&
    read('useSemicolonDelimiter') !== true;
  return { exact, foldsTrailingSlash };
}

async function plugin(app: FastifyInstance, options: StatuskitPluginOptions): Promise<void> {
  // A wrong major fails at register time with our message instead of misbehaving on requests.
  assertFrameworkVersion({
    adapter: '@statuskit/fastify',
    framework: 'fastify',
    major: 5,
    found: app.version,
  });
  const kit = options?.kit;
  if (!isStatuskit(kit)) throw mountError(kit, USAGE);
  // `app` is the plugin's own encapsulated context: its parser, error handler and routes
  // stay here, so the app's own routes keep Fastify's parsers, validation and handlers.
  const mount: Mount = { prefix: app.prefix };
  installRawParser(app);
  app.setErrorHandler(errorHandler(kit, mount));
  registerRoutes(app, kit, { prefix: mount.prefix, ...routerShape(app) });
  if (options.notFound === true) {
    try {
      app.setNotFoundHandler((req, reply) =>
        serve(reply, kit.dispatch(toNeutral(req, reply, undefined, mount)), mount),
      );
    } catch (error) {
      throw new StatuskitError(
        ErrorCode.INVALID_MOUNT,
        `app.register(statuskit, { kit, notFound: true }) sets the not-found handler, and the app already has one (${(error as Error).message}); drop notFound: true to keep the app's.`,
        { cause: error },
      );
    }
  }
}

/**
 * The Fastify plugin. The kit's routes go into Fastify's own router inside
 * the plugin's encapsulated context, with every other method of their paths
 * (the core's 405 with `allow`), HEAD and the trailing-slash alternates (the
 * core's 307); that context reads bodies raw (the core answers 413, 415,
 * 422) and answers the errors of those routes, hooks in front of them
 * included, the core's way. Nothing leaks to the app: its routes, parsers,
 * validation, `setNotFoundHandler` and `setErrorHandler` stay its own, in any
 * registration order. `notFound: true` adds the core's JSON 404, for an app
 * made only of statuskit routes (with `frameworkErrors(kit)` and
 * `clientErrorHandler` in the constructor).
 *
 * @example
 * await app.register(statuskit, { kit });                   // in an existing app
 * const only = Fastify({ frameworkErrors: frameworkErrors(kit), clientErrorHandler });
 * await only.register(statuskit, { kit, notFound: true });  // a statuskit-only app
 */
export const statuskit: FastifyPluginAsync<StatuskitPluginOptions> = Object.assign(plugin, {
  [Symbol.for('fastify.display-name')]: '@statuskit/fastify',
});

/**
 * One statuskit route as a Fastify handler, for apps that adopt statuskit
 * route by route: Fastify's router matches, its decoded params are used.
 *
 * @example app.get('/items/:id', handler(kit, getItem));
 */
export function handler(
  kit: Statuskit,
  route: AnyRoute,
): (req: FastifyRequest, reply: FastifyReply) => Promise<void> | undefined {
  if (!isStatuskit(kit)) throw mountError(kit, 'handler(kit, route)');
  return (req, reply) =>
    serve(
      reply,
      kit.handleRoute(route, req.params as Record<string, string>, toNeutral(req, reply)),
    );
}

/**
 * Hands every body in the scope it is registered in to the core unread, so
 * handler() routes there answer malformed JSON with the core's 422.
 *
 * @example app.register(async (s) => { await s.register(rawBodies); s.post('/items', handler(kit, add)); });
 */
export const rawBodies: FastifyPluginAsync = fp(async (scope) => installRawParser(scope));
