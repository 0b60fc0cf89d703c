import type { ServerResponse } from 'node:http';
import { request } from 'node:http';
import { bodyParser } from '@koa/bodyparser';
import { Router } from '@koa/router';
import type { RunningServer } from '@statuskit/conformance';
import { seedApp } from '@statuskit/conformance/fixture';
import {
  type AnyRoute,
  createStatuskit,
  defineRoute,
  json,
  type Statuskit,
  type StatuskitOptions,
  stream,
} from '@statuskit/core';
import { installedVersion } from '@statuskit/node';
import Koa from 'koa';
import { afterEach, describe, expect, it } from 'vitest';
import { handler, statuskit } from '../src/index.js';
import { header, json as jsonReq, type Send, send } from './helpers/client.js';
import { listen, until } from './helpers/koa.js';

const open: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

async function serve(app: Koa): Promise<string> {
  const s = await listen(app);
  open.push(s);
  return s.url;
}

function kitOf(routes: AnyRoute[], options: StatuskitOptions = {}): Statuskit {
  return createStatuskit(routes as Parameters<typeof createStatuskit>[0], options);
}

function seedKit(): { kit: Statuskit; seed: ReturnType<typeof seedApp> } {
  const seed = seedApp();
  return { kit: kitOf(seed.routes, seed.options), seed };
}

const item = { name: 'Saw', price: 12.5 };

describe('koa: handler() inside @koa/router', () => {
  for (const withParser of [false, true]) {
    it(`routes by the router, validates and answers by the core${withParser ? ' (+ bodyparser)' : ''}`, async () => {
      const { kit, seed } = seedKit();
      const byId = (method: string, path: string) =>
        seed.routes.find((r) => r.method === method && r.path === path)!;
      const router = new Router();
      router.get('/things/:id', handler(kit, byId('GET', '/items/{id}')));
      router.post('/things', handler(kit, byId('POST', '/items')));
      const app = new Koa();
      app.use(statuskit.errors(kit));
      if (withParser) app.use(bodyParser());
      app.use(router.routes());
      const url = await serve(app);

      const got = await send(url, { path: '/things/1' });
      expect(got.status).toBe(200);
      expect(got.body.toString()).toBe('{"id":1,"name":"Hammer","price":9.5}');
      const head = await send(url, { method: 'HEAD', path: '/things/1' });
      expect([head.status, head.body.length]).toEqual([200, 0]);
      expect(header(head, 'content-length')).toBe(header(got, 'content-length'));
      const missing = await send(url, { path: '/things/999' });
      expect([missing.status, missing.body.toString()]).toEqual([
        404,
        '{"detail":"Item not found"}',
      ]);
      const bad = await send(url, { path: '/things/abc' });
      expect(bad.status).toBe(422);
      const created = await send(url, jsonReq('POST', '/things', item));
      expect([created.status, created.body.toString()]).toEqual([
        201,
        '{"id":2,"name":"Saw","price":12.5}',
      ]);
      const malformed = await send(url, jsonReq('POST', '/things', '{"name":'));
      expect(malformed.status).toBe(422);
      expect(JSON.parse(malformed.body.toString()).detail[0].type).toBe('json_invalid');
      // Koa's own answer for what the router does not match: the app kept its 404.
      const other = await send(url, { path: '/elsewhere' });
      expect([other.status, other.body.toString()]).toEqual([404, 'Not Found']);
    });
  }
});

describe('koa: version check', () => {
  it('accepts the installed koa 3 and @koa/router 15 in every entry point', () => {
    expect(installedVersion('koa', import.meta.url)).toMatch(/^3\./);
    expect(installedVersion('@koa/router', import.meta.url)).toMatch(/^15\./);
    const kit = createStatuskit([]);
    expect(() => statuskit(kit)).not.toThrow();
    expect(() => statuskit.errors(kit)).not.toThrow();
    expect(() =>
      handler(
        kit,
        defineRoute({ method: 'GET', path: '/' }, () => 1),
      ),
    ).not.toThrow();
  });
  // The refusal and its message (core's assertFrameworkVersion, tested there with
  // '@koa/router' and major 15) are also checked with a real koa 2 by the release test.
});

describe('koa: traps', () => {
  it("middleware errors get the core's body, never Koa's text or the message", async () => {
    const errors: unknown[] = [];
    const { kit } = seedKit();
    const quiet = kitOf(seedApp().routes, { onError: (e) => errors.push(e) });
    for (const [k, thrower, status] of [
      [
        quiet,
        () => {
          throw new Error('secret');
        },
        500,
      ],
      // 5xx http-errors are unknown failures like any other: the core's 500, reported.
      [quiet, (ctx: Koa.Context) => ctx.throw(503, 'secret'), 500],
      [kit, (ctx: Koa.Context) => ctx.throw(403, 'secret'), 403],
    ] as const) {
      const app = new Koa();
      app.use(statuskit.errors(k));
      app.use(async (ctx) => {
        ctx.set('content-type', 'text/html');
        (thrower as (ctx: Koa.Context) => void)(ctx);
      });
      app.use(statuskit(k));
      const a = await send(await serve(app), { path: '/items/1' });
      expect(a.status).toBe(status);
      expect(header(a, 'content-type')).toBe('application/json');
      expect(JSON.parse(a.body.toString())).toHaveProperty('detail');
      expect(JSON.stringify(a)).not.toContain('secret');
    }
    expect(errors).toHaveLength(2);
  });

  it("statuskit's answer wins over what earlier middleware set; other headers and cookies stay", async () => {
    const routes = [
      defineRoute({ method: 'GET', path: '/cookies' }, () =>
        json(
          { ok: true },
          {
            headers: [
              ['set-cookie', 'a=1'],
              ['set-cookie', 'b=2'],
              ['x-mine', 'core'],
            ],
          },
        ),
      ),
      defineRoute({ method: 'DELETE', path: '/gone' }, () => undefined),
    ];
    const kit = kitOf(routes);
    const app = new Koa();
    app.use(async (ctx, next) => {
      ctx.status = 418;
      ctx.body = 'koa body';
      ctx.set('access-control-allow-origin', '*');
      ctx.set('x-mine', 'koa');
      ctx.append('set-cookie', 'c=3');
      await next();
    });
    app.use(statuskit(kit));
    const url = await serve(app);
    const a = await send(url, { path: '/cookies' });
    expect(a.status).toBe(200);
    expect(a.body.toString()).toBe('{"ok":true}');
    expect(a.headers.filter(([n]) => n === 'set-cookie').map(([, v]) => v)).toEqual([
      'c=3',
      'a=1',
      'b=2',
    ]);
    expect(a.headers.filter(([n]) => n === 'x-mine')).toEqual([['x-mine', 'core']]);
    expect(header(a, 'access-control-allow-origin')).toBe('*');
    expect(header(a, 'content-length')).toBe('11');
    const gone = await send(url, { method: 'DELETE', path: '/gone' });
    expect([gone.status, gone.body.length, header(gone, 'content-type')]).toEqual([
      204,
      0,
      undefined,
    ]);
    expect(header(gone, 'content-length')).toBeUndefined();
  });

  it('a failure after the answer went out is left to Koa (app error event), the answer intact', async () => {
    const { kit } = seedKit();
    const app = new Koa();
    const reported: unknown[] = [];
    app.on('error', (e) => reported.push(e));
    app.use(statuskit.errors(kit));
    app.use(async (_ctx, next) => {
      await next();
      throw new Error('after');
    });
    app.use(statuskit(kit));
    const a = await send(await serve(app), { path: '/items/1' });
    expect([a.status, a.body.toString()]).toEqual([200, '{"id":1,"name":"Hammer","price":9.5}']);
    await until(() => reported.length === 1, 'the app error event');
  });

  it("a body parser limit or a kit bodyLimit below the parser's: the core's 413, after routing", async () => {
    for (const [parser, options] of [
      [bodyParser({ jsonLimit: 20 }), {}],
      [bodyParser(), { bodyLimit: 20 }],
    ] as const) {
      const seed = seedApp();
      const kit = kitOf(seed.routes, { ...seed.options, ...options });
      const app = new Koa();
      app.use(statuskit.errors(kit));
      app.use(parser);
      app.use(statuskit(kit, { notFound: true }));
      const url = await serve(app);
      const long = { name: 'a long enough name', price: 1 };
      const a = await send(url, jsonReq('POST', '/items', long));
      expect([a.status, a.body.toString()]).toEqual([413, '{"detail":"Content Too Large"}']);
      const b = await send(url, jsonReq('POST', '/nope', long));
      expect(b.status).toBe(404);
    }
  });

  it("a body the parser refused never runs a handler: the middleware after the parser didn't run", async () => {
    let runs = 0;
    const secret = ['PUT', 'POST', 'GET'].map((method) =>
      defineRoute({ method, path: '/secret' }, () => {
        runs++;
        return { secret: true };
      }),
    );
    const seed = seedApp();
    const kit = kitOf([...secret, ...seed.routes], seed.options);
    const app = new Koa();
    app.use(statuskit.errors(kit));
    app.use(bodyParser({ parsedMethods: ['POST', 'PUT', 'PATCH', 'GET'], jsonLimit: 50 }));
    // An authentication check the parser's error skips.
    app.use(async (ctx, next) => {
      if (ctx.get('authorization') === '') ctx.throw(401);
      await next();
    });
    app.use(statuskit(kit, { notFound: true }));
    const url = await serve(app);
    const gzip = { 'content-type': 'application/json', 'content-encoding': 'gzip' };
    const cases: Array<[Send, number, string]> = [
      // gunzip fails on an empty body: the core would have run the handler (nothing to decode).
      [{ method: 'PUT', path: '/secret', headers: gzip, body: '' }, 415, 'Unsupported Media Type'],
      [jsonReq('POST', '/secret', '0'), 400, 'Bad Request'],
      [jsonReq('POST', '/secret', '{"__proto__":{}}'), 400, 'Bad Request'],
      [jsonReq('GET', '/secret', '{'), 400, 'Bad Request'],
      [jsonReq('GET', '/secret', { pad: 'x'.repeat(60) }), 413, 'Content Too Large'],
      // Not a route: the core's 404 and 405, as without the parser.
      [jsonReq('POST', '/nope', '0'), 404, 'Not Found'],
      [jsonReq('PATCH', '/secret', '0'), 405, 'Method Not Allowed'],
    ];
    for (const [req, status, detail] of cases) {
      const a = await send(url, req);
      expect([req.method, a.status, a.body.toString()]).toEqual([
        req.method,
        status,
        JSON.stringify({ detail }),
      ]);
    }
    // Validation is the core's, the handler still does not run: a scalar for an item is a 422.
    const item = await send(url, jsonReq('POST', '/items', '5'));
    expect([item.status, JSON.parse(item.body.toString()).detail[0].type]).toEqual([
      422,
      'model_attributes_type',
    ]);
    expect(runs).toBe(0);
    expect((await send(url, { path: '/secret' })).status).toBe(401);
  });

  it('bodyparser leaves text/plain unread: the core reads the stream and answers 415', async () => {
    const { kit } = seedKit();
    const app = new Koa();
    app.use(statuskit.errors(kit));
    app.use(bodyParser());
    app.use(statuskit(kit));
    const a = await send(await serve(app), {
      method: 'POST',
      path: '/items',
      headers: { 'content-type': 'text/plain' },
      body: 'hello',
    });
    expect([a.status, a.body.toString()]).toEqual([415, '{"detail":"Unsupported Media Type"}']);
  });
});

describe('koa: lifecycle', () => {
  it('background tasks run only after the response has finished', async () => {
    const seen: boolean[] = [];
    const route = defineRoute({ method: 'POST', path: '/task', status: 202 }, (ctx) => {
      const res = ctx.native.res as ServerResponse;
      ctx.background.add(() => {
        seen.push(res.writableFinished);
      });
      return { queued: true };
    });
    const app = new Koa();
    app.use(statuskit(kitOf([route])));
    const a = await send(await serve(app), { method: 'POST', path: '/task' });
    expect(a.status).toBe(202);
    await until(() => seen.length === 1, 'the background task');
    expect(seen).toEqual([true]);
  });

  it('a client that aborts mid-response crashes nothing; tasks still run; the server goes on', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const state = { cleaned: false, task: false };
    const route = defineRoute({ method: 'GET', path: '/slow' }, (ctx) => {
      ctx.background.add(() => {
        state.task = true;
      });
      return stream(
        (async function* () {
          try {
            yield new TextEncoder().encode('first');
            await gate;
            for (let i = 0; i < 100; i++) yield new TextEncoder().encode('more');
          } finally {
            state.cleaned = true;
          }
        })(),
      );
    });
    const app = new Koa();
    app.use(statuskit(kitOf([route, ...seedApp().routes])));
    const url = await serve(app);
    await new Promise<void>((resolve, reject) => {
      const req = request(`${url}/slow`, { agent: false }, (res) => {
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', (e) =>
        (e as { code?: string }).code === 'ECONNRESET' ? resolve() : reject(e),
      );
      req.end();
    });
    await until(() => state.task, 'the background task after the abort');
    release();
    await until(() => state.cleaned, 'the body stream to be closed');
    const next = await send(url, { path: '/items/1' });
    expect(next.status).toBe(200);
  });

  for (const withParser of [false, true]) {
    it(`a client that aborts mid-upload crashes nothing${withParser ? ' (+ bodyparser)' : ''}`, async () => {
      const { kit, seed } = seedKit();
      const app = new Koa();
      const reported: unknown[] = [];
      app.on('error', (e) => reported.push(e));
      app.use(statuskit.errors(kit));
      if (withParser) app.use(bodyParser());
      app.use(statuskit(kit));
      const url = await serve(app);
      await new Promise<void>((resolve) => {
        const req = request(`${url}/items`, {
          method: 'POST',
          agent: false,
          headers: { 'content-type': 'application/json', 'content-length': 100 },
        });
        req.on('error', () => resolve());
        req.write('{"name":', () => setTimeout(() => req.destroy(), 20));
      });
      const next = await send(url, jsonReq('POST', '/items', item));
      expect(next.status).toBe(201);
      expect(seed.state.items.size).toBe(2);
      // Koa itself reports the socket's parse error (on-finished); nothing else may surface.
      const code = (e: unknown): string => String((e as { code?: unknown }).code);
      expect(reported.filter((e) => !code(e).startsWith('HPE_'))).toEqual([]);
    });
  }
});
