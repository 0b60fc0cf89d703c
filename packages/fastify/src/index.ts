import { type AnyRoute, ErrorCode, type Statuskit, StatuskitError } from '@statuskit/core';
import { assertFrameworkVersion } from '@statuskit/core/adapter';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { errorHandler } from './errors.js';
import { installRawParser, toNeutral } from './request.js';
import { serve } from './response.js';

export { clientErrorHandler, frameworkErrors } from './errors.js';

/** Options of the {@link statuskit} plugin. */
export interface StatuskitPluginOptions {
  /** The app made by `createStatuskit(routes, options)`. */
  kit: Statuskit;
}

async function mount(app: FastifyInstance, options: StatuskitPluginOptions): Promise<void> {
  // A wrong major fails at register time with our message instead of misbehaving on requests.
  assertFrameworkVersion({
    adapter: '@statuskit/fastify',
    framework: 'fastify',
    major: 5,
    found: app.version,
  });
  const kit = options?.kit;
  if (typeof kit?.dispatch !== 'function') {
    throw new StatuskitError(
      ErrorCode.INVALID_OPTION,
      'app.register(statuskit, { kit }) needs the app from createStatuskit(routes); pass it as `kit`.',
    );
  }
  let scope: FastifyInstance | undefined;
  // On the app itself (fastify-plugin), so the core answers the errors of every route after it.
  app.setErrorHandler(errorHandler(kit, (req) => req.server === scope));
  // The raw parsers stay in an encapsulated child, so the app's own routes keep Fastify's;
  // the child's not-found handler replaces the app's and runs with the child's parsers.
  await app.register(async (child) => {
    scope = child;
    installRawParser(child);
    child.setNotFoundHandler((req, reply) => serve(reply, kit.dispatch(toNeutral(req, reply))));
  });
}

/**
 * The Fastify plugin: every request no Fastify route matched goes to the
 * core, which routes it (404, 405 + allow, HEAD, trailing-slash 307), reads
 * its body and decides the status; errors anywhere in the app are answered
 * by the core too. Register it before your own routes.
 *
 * @example
 * const app = Fastify({ frameworkErrors: frameworkErrors(kit) });
 * await app.register(statuskit, { kit });
 */
export const statuskit: FastifyPluginAsync<StatuskitPluginOptions> = fp(mount, {
  name: '@statuskit/fastify',
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
