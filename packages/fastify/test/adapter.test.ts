import { request } from 'node:http';
import { seedApp } from '@statuskit/conformance/fixture';
import {
  type AnyRoute,
  createStatuskit,
  defineRoute,
  empty,
  HttpException,
  isStatuskitError,
  json as jsonResponse,
  type Statuskit,
  type StatuskitOptions,
  stream,
} from '@statuskit/core';
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyServerOptions,
} from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { frameworkErrors, handler, rawBodies, statuskit } from '../src/index.js';
import { call, header, json, listen } from './http.js';

const apps: FastifyInstance[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

function fastify(kit: Statuskit, options: FastifyServerOptions = {}): FastifyInstance {
  const app = Fastify({
    frameworkErrors: frameworkErrors(kit),
    forceCloseConnections: true,
    ...options,
  });
  apps.push(app);
  return app;
}

async function mounted(routes: AnyRoute[], options: StatuskitOptions = {}) {
  const kit = createStatuskit(routes, options);
  const app = fastify(kit);
  await app.register(statuskit, { kit });
  return { kit, app };
}

const JSON_TYPE = { 'content-type': 'application/json' };

describe('version check', () => {
  // The plugin reads the instance's own `version`: an instance that says another major.
  async function registerOn(version: string | undefined): Promise<unknown> {
    const app = Fastify();
    apps.push(app);
    Object.defineProperty(app, 'version', { value: version });
    try {
      await app.register(statuskit, { kit: createStatuskit([]) }).ready();
    } catch (error) {
      return error;
    }
    return undefined;
  }

  it('accepts Fastify 5', async () => {
    expect(Fastify().version).toMatch(/^5\./);
    expect(await registerOn('5.0.0')).toBeUndefined();
    expect(await registerOn('5.12.8')).toBeUndefined();
  });

  it.each([
    ['4.28.1', 'found 4.28.1'],
    ['6.0.0', 'found 6.0.0'],
    [undefined, 'not found'],
  ])('refuses %s at register time with our error', async (version, found) => {
    const error = await registerOn(version);
    expect(isStatuskitError(error, 'STATUSKIT_UNSUPPORTED_FRAMEWORK')).toBe(true);
    expect((error as Error).message).toBe(
      `[statuskit] @statuskit/fastify needs fastify ^5 installed (${found}); run: npm install fastify@5`,
    );
  });

  it('refuses a registration without a kit, saying how to register', async () => {
    const app = Fastify();
    apps.push(app);
    await expect(
      app.register(statuskit, {} as unknown as { kit: Statuskit }).ready(),
    ).rejects.toMatchObject({
      code: 'STATUSKIT_INVALID_MOUNT',
      message:
        '[statuskit] statuskit needs the app from createStatuskit(routes), but was given nothing; write app.register(statuskit, { kit }), with kit = createStatuskit(routes).',
    });
  });
});

describe('single-route wrapper in Fastify’s router', () => {
  const seed = () => seedApp({ policy: 'rest' });
  const route = (routes: AnyRoute[], id: string) => routes.find((r) => r.id === id)!;

  it('uses Fastify’s decoded params, its HEAD route and its JSON parser', async () => {
    const { routes, options } = seed();
    const kit = createStatuskit(routes, options);
    const app = fastify(kit);
    app.get('/items/:id', handler(kit, route(routes, 'GET /items/{id}')));
    app.post('/items', handler(kit, route(routes, 'POST /items')));
    const url = await listen(app);

    const got = await call(url, 'GET', '/items/1');
    expect(got.status).toBe(200);
    expect(json(got)).toEqual({ id: 1, name: 'Hammer', price: 9.5 });
    const head = await call(url, 'HEAD', '/items/1');
    expect(head.status).toBe(200);
    expect(header(head, 'content-length')).toEqual(['36']);
    expect(header(head, 'content-type')).toEqual(['application/json']);
    expect(head.body.length).toBe(0);
    expect(json(await call(url, 'GET', '/items/999'))).toEqual({ detail: 'Item not found' });
    const invalid = await call(url, 'GET', '/items/abc');
    expect(invalid.status).toBe(422);

    const created = await call(url, 'POST', '/items', '{"name":"Saw","price":3}', JSON_TYPE);
    expect(created.status).toBe(201);
    expect(json(created)).toEqual({ id: 2, name: 'Saw', price: 3 });
  });

  it('answers malformed JSON with the core’s 422 in a rawBodies scope, 400 under Fastify’s parser', async () => {
    const { routes, options } = seed();
    const kit = createStatuskit(routes, options);
    const app = fastify(kit);
    await app.register(statuskit, { kit });
    const create = route(routes, 'POST /items');
    app.post('/fastify-parsed', handler(kit, create));
    await app.register(async (scope) => {
      await scope.register(rawBodies);
      scope.post('/raw', handler(kit, create));
    });
    const url = await listen(app);

    const raw = await call(url, 'POST', '/raw', '{"name":', JSON_TYPE);
    expect(raw.status).toBe(422);
    expect(json(raw)).toEqual({
      detail: [{ type: 'json_invalid', loc: ['body', 8], msg: 'JSON decode error', input: {} }],
    });
    // A handler() route of the app's own context: Fastify's parser and the app's error handler.
    const parsed = await call(url, 'POST', '/fastify-parsed', '{"name":', JSON_TYPE);
    expect(parsed.status).toBe(400);
    expect(json(parsed)).toMatchObject({ code: 'FST_ERR_CTP_INVALID_JSON_BODY' });
    const ok = await call(url, 'POST', '/fastify-parsed', '{"name":"A","price":1}', JSON_TYPE);
    expect(ok.status).toBe(201);
  });

  it('serves a parameter longer than maxParamLength through the core', async () => {
    const { routes, options } = seed();
    const kit = createStatuskit(routes, options);
    const app = fastify(kit);
    app.get('/items/:id', handler(kit, route(routes, 'GET /items/{id}')));
    const url = await listen(app);
    // Fastify alone answers 414; the core validates the parameter as on every framework.
    const id = '1'.repeat(150);
    const long = await call(url, 'GET', `/items/${id}`);
    expect(long.status).toBe(422);
    expect(json(long)).toMatchObject({
      detail: [{ type: 'int_parsing', loc: ['path', 'id'], input: id }],
    });
  });
});

describe('the app’s own routes and parsers', () => {
  it('keep Fastify’s JSON parser and error handler: the core answers none of their errors', async () => {
    const errors: unknown[] = [];
    const { app } = await mounted(seedApp().routes, { onError: (e) => errors.push(e) });
    app.post('/echo', async (req) => ({ echo: req.body }));
    app.get('/crash', async () => {
      throw new Error('secret');
    });
    const url = await listen(app);

    const echo = await call(url, 'POST', '/echo', '{"a":1}', JSON_TYPE);
    expect(json(echo)).toEqual({ echo: { a: 1 } });
    const bad = await call(url, 'POST', '/echo', '{"a":', JSON_TYPE);
    expect(bad.status).toBe(400);
    expect(json(bad)).toMatchObject({ code: 'FST_ERR_CTP_INVALID_JSON_BODY' });
    const crash = await call(url, 'GET', '/crash');
    expect(crash.status).toBe(500);
    expect(json(crash)).toEqual({
      statusCode: 500,
      error: 'Internal Server Error',
      message: 'secret',
    });
    expect(errors).toEqual([]);
    // A path the kit does not own is Fastify's 404, not the core's.
    expect(json(await call(url, 'GET', '/nope'))).toMatchObject({
      error: 'Not Found',
      statusCode: 404,
    });
  });

  it('answers an HttpException thrown in a Fastify hook like a handler’s', async () => {
    const { app } = await mounted(seedApp().routes);
    app.addHook('onRequest', async (req, reply) => {
      reply.header('x-hook', 'kept');
      if (req.headers.authorization === undefined) {
        throw new HttpException(401, 'Not authenticated', {
          headers: { 'www-authenticate': 'Bearer' },
        });
      }
    });
    const url = await listen(app);
    const denied = await call(url, 'GET', '/items/1');
    expect(denied.status).toBe(401);
    expect(header(denied, 'www-authenticate')).toEqual(['Bearer']);
    expect(json(denied)).toEqual({ detail: 'Not authenticated' });
    const allowed = await call(url, 'GET', '/items/1', undefined, { authorization: 'x' });
    expect(allowed.status).toBe(200);
    expect(header(allowed, 'x-hook')).toEqual(['kept']);
  });

  it('reads bodies with the core’s limit, not Fastify’s bodyLimit, with or without a content-type', async () => {
    const { routes, options } = seedApp();
    const kit = createStatuskit(routes, options);
    const app = fastify(kit, { bodyLimit: 8 });
    await app.register(statuskit, { kit });
    const url = await listen(app);
    const created = await call(url, 'POST', '/items', '{"name":"Saw","price":3}', JSON_TYPE);
    expect(created.status).toBe(201);
    const untyped = await call(url, 'POST', '/items', '{"name":"Saw","price":3}');
    expect(untyped.status).toBe(415);
    const badType = await call(url, 'POST', '/items', '{}', { 'content-type': 'a/b/c' });
    expect(badType.status).toBe(415);
    expect(json(badType)).toEqual({ detail: 'Unsupported Media Type' });
    // Fastify refuses a malformed content-type on every route; the core only where a body is read.
    const ignored = await call(url, 'POST', '/process', '{}', { 'content-type': 'a/b/c' });
    expect(ignored.status).toBe(202);
    // Fastify refuses QUERY without a content-type; the core routes it (405 here).
    const query = await call(url, 'QUERY', '/items');
    expect(query.status).toBe(405);
    expect(header(query, 'allow')).toEqual(['POST']);
  });

  it('answers a malformed URL through the core (frameworkErrors)', async () => {
    const { app } = await mounted(seedApp().routes);
    const url = await listen(app);
    const bad = await call(url, 'GET', '/items/%zz');
    expect(bad.status).toBe(400);
    expect(json(bad)).toEqual({ detail: 'Bad Request' });
  });
});

describe('Fastify’s framing traps', () => {
  const routes = [
    defineRoute({ method: 'GET', path: '/reset' }, () => empty(205)),
    defineRoute({ method: 'GET', path: '/not-modified' }, () =>
      jsonResponse({ leaked: true }, { status: 304 }),
    ),
    defineRoute({ method: 'GET', path: '/no-content', status: 204 }, () => ({ dropped: true })),
    defineRoute(
      { method: 'GET', path: '/fetch-bytes' },
      () => new Response(new Uint8Array([1, 2, 3])),
    ),
    defineRoute({ method: 'GET', path: '/cookies' }, () =>
      jsonResponse(
        {},
        {
          headers: [
            ['set-cookie', 'a=1'],
            ['set-cookie', 'b=2'],
          ],
        },
      ),
    ),
  ];

  it('sends 205 with content-length 0 and no body, 204/304 with neither type nor length', async () => {
    const { app } = await mounted(routes);
    const url = await listen(app);
    for (const method of ['GET', 'HEAD']) {
      const reset = await call(url, method, '/reset');
      expect(reset.status).toBe(205);
      expect(header(reset, 'content-length')).toEqual(['0']);
      expect(header(reset, 'content-type')).toEqual([]);
      expect(reset.body.length).toBe(0);
    }
    for (const [path, status] of [
      ['/not-modified', 304],
      ['/no-content', 204],
    ] as const) {
      const answer = await call(url, 'GET', path);
      expect(answer.status).toBe(status);
      expect(header(answer, 'content-length')).toEqual([]);
      expect(header(answer, 'content-type')).toEqual([]);
      expect(header(answer, 'transfer-encoding')).toEqual([]);
      expect(answer.body.length).toBe(0);
    }
  });

  it('keeps GET’s content-length on HEAD, sends no body', async () => {
    const { app } = await mounted(seedApp().routes);
    const url = await listen(app);
    const get = await call(url, 'GET', '/items/1');
    const head = await call(url, 'HEAD', '/items/1');
    expect(head.status).toBe(200);
    expect(header(head, 'content-length')).toEqual(header(get, 'content-length'));
    expect(header(head, 'content-type')).toEqual(['application/json']);
    expect(head.body.length).toBe(0);
  });

  it('adds no content-type of its own and keeps repeated headers', async () => {
    const { app } = await mounted(routes);
    const url = await listen(app);
    const bytes = await call(url, 'GET', '/fetch-bytes');
    expect(bytes.status).toBe(200);
    expect(header(bytes, 'content-type')).toEqual([]);
    expect([...bytes.body]).toEqual([1, 2, 3]);
    const cookies = await call(url, 'GET', '/cookies');
    expect(header(cookies, 'set-cookie')).toEqual(['a=1', 'b=2']);
    expect(header(cookies, 'content-type')).toEqual(['application/json']);
  });
});

describe('lifecycle', () => {
  it('runs background tasks only after the response has finished', async () => {
    let finishedBeforeTask: boolean | undefined;
    let done!: () => void;
    const ran = new Promise<void>((resolve) => (done = resolve));
    const route = defineRoute({ method: 'POST', path: '/work', status: 202 }, (ctx) => {
      ctx.background.add(() => {
        finishedBeforeTask = (ctx.native.res as FastifyReply).raw.writableFinished;
        done();
      });
      return { queued: true };
    });
    const { app } = await mounted([route]);
    const url = await listen(app);
    const answer = await call(url, 'POST', '/work');
    expect(answer.status).toBe(202);
    await ran;
    expect(finishedBeforeTask).toBe(true);
  });

  it('survives a client that aborts mid-response, and still finishes the exchange', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let done!: () => void;
    const finished = new Promise<void>((resolve) => (done = resolve));
    async function* slow(): AsyncIterable<Uint8Array> {
      yield new TextEncoder().encode('first');
      await gate;
      yield new TextEncoder().encode('second');
    }
    const route = defineRoute({ method: 'GET', path: '/slow' }, (ctx) => {
      ctx.background.add(done);
      return stream(slow(), { contentType: 'text/plain' });
    });
    const { app } = await mounted([route]);
    const url = new URL(await listen(app));
    await new Promise<void>((resolve) => {
      const req = request(
        { host: url.hostname, port: url.port, path: '/slow', agent: false },
        (res) => {
          res.once('data', () => {
            req.destroy();
            resolve();
          });
        },
      );
      req.on('error', () => {});
      req.end();
    });
    await finished;
    release();
    const again = await call(url.origin, 'GET', '/slow');
    expect(again.status).toBe(200);
    expect(again.body.toString()).toBe('firstsecond');
  });
});
