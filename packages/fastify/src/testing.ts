import type { AddressInfo } from 'node:net';
import type { AdapterUnderTest, HostOptions, RunningServer } from '@statuskit/conformance';
import type { Statuskit } from '@statuskit/core';
import {
  HOST,
  HOST_ROUTES,
  hostAuthError,
  hostError,
  hostErrorAnswer,
  hostHeaders,
  hostNotFound,
  isPreflight,
} from '@statuskit/node/testing';
import Fastify, { type FastifyInstance } from 'fastify';
import { clientErrorHandler, frameworkErrors, statuskit } from './index.js';

async function listen(app: FastifyInstance): Promise<RunningServer> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => app.close() };
}

// The app's own routes, 404 and error handler (the host app's steps 5 and 6).
function appParts(app: FastifyInstance): void {
  app.get(HOST_ROUTES.health, async () => ({ status: 'ok' }));
  const echo = { type: 'object', properties: { a: { type: 'number' } } } as const;
  app.post(HOST_ROUTES.echo, { schema: { body: echo } }, async (req) => ({
    echo: req.body ?? null,
  }));
  app.get(HOST_ROUTES.notes, async (req) => ({ id: (req.params as { id: string }).id, notes: [] }));
  app.get(HOST_ROUTES.boom, async () => {
    throw new Error('boom');
  });
  app.get(HOST_ROUTES.teapot, async () => {
    throw hostError(418, 'short and stout');
  });
  app.get(HOST_ROUTES.report, async () => ({ report: 'ok' }));
  app.setNotFoundHandler((req, reply) => {
    reply.code(404).send(hostNotFound(req.method, req.url));
  });
  app.setErrorHandler((error, _req, reply) => {
    const answer = hostErrorAnswer(error);
    reply.code(answer.status).headers(answer.headers).send(answer.body);
  });
}

/**
 * The coexistence suite's host app on Fastify (HOST_APP in @statuskit/node/testing):
 * hooks for the headers, the CORS preflight and auth, Fastify's own JSON parser,
 * the app's routes, `setNotFoundHandler` and `setErrorHandler`, registered
 * before or after the plugin as `order` says; no statuskit when `kit` is undefined.
 */
export async function startHost(
  kit: Statuskit | undefined,
  options: HostOptions = {},
): Promise<RunningServer> {
  const app = Fastify({ forceCloseConnections: true, bodyLimit: HOST.parserLimit });
  app.addHook('onRequest', async (req, reply) => {
    reply.headers(hostHeaders(req.headers['x-request-id']));
    if (isPreflight(req.method, req.headers['access-control-request-method'])) {
      return reply.code(204).headers(HOST.preflight).send();
    }
    const failure = hostAuthError(
      req.url.split('?')[0] ?? '',
      req.headers.authorization,
      req.headers['x-session'],
    );
    if (failure !== undefined) throw failure;
    return undefined;
  });
  const kitFirst = (options.order ?? 'kit-first') === 'kit-first';
  if (kit !== undefined && kitFirst) await app.register(statuskit, { kit });
  appParts(app);
  if (kit !== undefined && !kitFirst) await app.register(statuskit, { kit });
  return listen(app);
}

/** The Fastify adapter as the conformance suite drives it: a fresh app per start(). */
export const adapter: AdapterUnderTest = {
  name: 'fastify',
  async start(kit, options) {
    // A statuskit-only app: the core answers malformed URLs, parser-level errors as Node
    // does, and every request no route serves. forceCloseConnections: close() must not
    // wait for keep-alive sockets.
    const app = Fastify({
      frameworkErrors: frameworkErrors(kit),
      clientErrorHandler,
      forceCloseConnections: true,
    });
    // Fastify always ships its JSON parser; "without a body parser" is an app with none at all.
    if (options?.bodyParser !== true) app.removeAllContentTypeParsers();
    await app.register(statuskit, { kit, notFound: true });
    return listen(app);
  },
  startHost,
};
