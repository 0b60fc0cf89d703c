import { createStatuskit, defineRoute, type Statuskit } from '@statuskit/core';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { frameworkErrors, statuskit } from '../src/index.js';
import { call, header, json, listen } from './http.js';

// The plugin inside an app that has its own routes, 404 and error handler. The
// coexistence suite (test/conformance.test.ts) drives a whole host app; these
// are the Fastify-specific edges.

const apps: FastifyInstance[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

function fastify(options: FastifyServerOptions = {}): FastifyInstance {
  const app = Fastify({ forceCloseConnections: true, ...options });
  apps.push(app);
  return app;
}

const things = (): Statuskit =>
  createStatuskit([
    defineRoute({ method: 'GET', path: '/things/{id}' }, ({ params }) => ({ id: params.id })),
    defineRoute({ method: 'PURGE', path: '/things/{id}' }, () => undefined),
  ]);

// The app's own 404 and error handler, as an existing app has them.
function appHandlers(app: FastifyInstance): void {
  app.setNotFoundHandler((req, reply) => {
    reply.code(404).send({ mine: 'not found', url: req.url });
  });
  app.setErrorHandler((error, _req, reply) => {
    reply.code(500).send({ mine: (error as Error).message });
  });
  app.get('/crash', async () => {
    throw new Error('app failure');
  });
}

describe('the plugin next to the app’s setNotFoundHandler and setErrorHandler', () => {
  it.each(['before', 'after'])(
    'registered %s them: both stay the app’s, no warning at start-up',
    async (order) => {
      const warnings: string[] = [];
      const onWarning = (w: Error): void => {
        warnings.push(`${w.name}: ${w.message}`);
      };
      process.on('warning', onWarning);
      try {
        const app = fastify();
        if (order === 'before') await app.register(statuskit, { kit: things() });
        appHandlers(app);
        if (order === 'after') await app.register(statuskit, { kit: things() });
        const url = await listen(app);
        // A tick for process warnings, which Node emits on the next tick.
        await new Promise((resolve) => setImmediate(resolve));
        expect(warnings).toEqual([]);

        expect(json(await call(url, 'GET', '/things/1'))).toEqual({ id: '1' });
        expect(json(await call(url, 'GET', '/nope'))).toEqual({ mine: 'not found', url: '/nope' });
        expect(json(await call(url, 'GET', '/crash'))).toEqual({ mine: 'app failure' });
        const wrong = await call(url, 'DELETE', '/things/1');
        expect([wrong.status, header(wrong, 'allow')]).toEqual([405, ['GET, HEAD, PURGE']]);
        expect((await call(url, 'PURGE', '/things/1')).status).toBe(200);
        const slash = await call(url, 'GET', '/things/1/?a=1');
        expect([slash.status, header(slash, 'location')]).toEqual([307, ['/things/1?a=1']]);
      } finally {
        process.off('warning', onWarning);
      }
    },
  );

  it('hands the app’s 404 what the core does not own on a kit path: an empty parameter', async () => {
    const app = fastify();
    await app.register(statuskit, { kit: things() });
    appHandlers(app);
    const url = await listen(app);
    // Fastify's router matches /things/:id with id "" here; the core serves no empty parameter.
    expect(json(await call(url, 'GET', '/things/'))).toEqual({
      mine: 'not found',
      url: '/things/',
    });
  });

  it('leaves a method Fastify does not route to the app’s 404; notFound: true makes it the core’s 405', async () => {
    const app = fastify();
    await app.register(statuskit, { kit: things() });
    appHandlers(app);
    const url = await listen(app);
    expect((await call(url, 'PROPFIND', '/things/1')).status).toBe(404);

    const only = fastify();
    await only.register(statuskit, { kit: things(), notFound: true });
    const onlyUrl = await listen(only);
    const propfind = await call(onlyUrl, 'PROPFIND', '/things/1');
    expect([propfind.status, header(propfind, 'allow')]).toEqual([405, ['GET, HEAD, PURGE']]);
    expect(json(await call(onlyUrl, 'GET', '/nope'))).toEqual({ detail: 'Not Found' });
  });

  it('serves the kit under a prefix, with the prefix in its slash redirects', async () => {
    const app = fastify();
    await app.register(statuskit, { kit: things(), prefix: '/api' });
    appHandlers(app);
    const url = await listen(app);
    expect(json(await call(url, 'GET', '/api/things/1'))).toEqual({ id: '1' });
    const slash = await call(url, 'GET', '/api/things/1/');
    expect([slash.status, header(slash, 'location')]).toEqual([307, ['/api/things/1']]);
    expect(json(await call(url, 'GET', '/things/1'))).toEqual({
      mine: 'not found',
      url: '/things/1',
    });
  });

  it('routes through the core when Fastify folds trailing slashes or case', async () => {
    const app = fastify({ routerOptions: { ignoreTrailingSlash: true, caseSensitive: false } });
    await app.register(statuskit, { kit: things() });
    const url = await listen(app);
    expect(json(await call(url, 'GET', '/things/1'))).toEqual({ id: '1' });
    const slash = await call(url, 'GET', '/things/1/');
    expect([slash.status, header(slash, 'location')]).toEqual([307, ['/things/1']]);
    // Fastify matched it; the core, case-sensitive, does not own it: the app's 404.
    expect((await call(url, 'GET', '/THINGS/1')).status).toBe(404);
  });

  it('refuses notFound: true in an app that has its own not-found handler, saying what to drop', async () => {
    const app = fastify();
    app.setNotFoundHandler((_req, reply) => {
      reply.code(404).send();
    });
    await expect(
      app.register(statuskit, { kit: things(), notFound: true }).ready(),
    ).rejects.toMatchObject({
      code: 'STATUSKIT_INVALID_MOUNT',
      message: expect.stringContaining(
        'app.register(statuskit, { kit, notFound: true }) sets the not-found handler, and the app already has one',
      ),
    });
  });
});

describe('frameworkErrors without (kit)', () => {
  it('answers a bare 500 and prints the fix once, instead of escaping Fastify’s router', async () => {
    const printed = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const app = fastify({ frameworkErrors: frameworkErrors as never });
      await app.register(statuskit, { kit: things() });
      const url = await listen(app);
      expect((await call(url, 'GET', '/things/%zz')).status).toBe(500);
      expect((await call(url, 'GET', '/things/%zy')).status).toBe(500);
      expect(printed.mock.calls).toEqual([
        [
          '[statuskit] statuskit needs the app from createStatuskit(routes), but was given an object that is not a statuskit app; write Fastify({ frameworkErrors: frameworkErrors(kit) }), with kit = createStatuskit(routes).',
        ],
      ]);
    } finally {
      printed.mockRestore();
    }
  });
});
