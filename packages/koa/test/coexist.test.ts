import Router from '@koa/router';
import type { RunningServer } from '@statuskit/conformance';
import { seedApp } from '@statuskit/conformance/fixture';
import { createStatuskit } from '@statuskit/core';
import Koa from 'koa';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { statuskit } from '../src/index.js';
import { send } from './helpers/client.js';
import { listen } from './helpers/koa.js';

// statuskit inside an existing Koa app: @koa/router routers before and after it and an
// app-level error middleware. The coexistence suite drives the whole host app; these are
// the Koa-specific edges.

const servers: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(app: Koa): Promise<string> {
  const server = await listen(app);
  servers.push(server);
  return server.url;
}

const body = (a: { body: Buffer }): string => a.body.toString();

describe('statuskit(kit) between two routers of an existing Koa app', () => {
  it('answers only the kit’s paths; the app keeps its routes, errors and 404', async () => {
    const seed = seedApp();
    const kit = createStatuskit(seed.routes, seed.options);
    const app = new Koa();
    app.use(async (ctx, next) => {
      try {
        await next();
        if (ctx.status === 404 && ctx.body === undefined) {
          ctx.status = 404;
          ctx.body = { mine: 'not found' };
        }
      } catch (error: unknown) {
        const e = error as { status?: number; message: string; headers?: Record<string, string> };
        ctx.status = e.status ?? 500;
        ctx.set(e.headers ?? {});
        ctx.body = { mine: e.message };
      }
    });
    app.use(statuskit.errors(kit));
    app.use(async (ctx, next) => {
      if (ctx.get('authorization') === 'bad')
        ctx.throw(401, 'bad token', { headers: { 'www-authenticate': 'Bearer' } });
      await next();
    });
    const before = new Router().get('/before', (ctx) => {
      ctx.body = { where: 'before' };
    });
    const after = new Router().get('/after', (ctx) => {
      ctx.throw(418, 'short and stout');
    });
    app.use(before.routes());
    app.use(statuskit(kit));
    app.use(after.routes());
    const url = await serve(app);

    expect(body(await send(url, { path: '/before' }))).toBe('{"where":"before"}');
    const teapot = await send(url, { path: '/after' });
    expect([teapot.status, body(teapot)]).toEqual([418, '{"mine":"short and stout"}']);
    const unknown = await send(url, { path: '/nope' });
    expect([unknown.status, body(unknown)]).toEqual([404, '{"mine":"not found"}']);
    const appAuth = await send(url, { path: '/before', headers: { authorization: 'bad' } });
    expect([appAuth.status, body(appAuth)]).toEqual([401, '{"mine":"bad token"}']);
    // The kit's paths: the core answers, also the auth middleware's failure in front of them.
    expect(body(await send(url, { path: '/items/1' }))).toBe(
      '{"id":1,"name":"Hammer","price":9.5}',
    );
    const kitAuth = await send(url, { path: '/items/1', headers: { authorization: 'bad' } });
    expect([kitAuth.status, kitAuth.headers, body(kitAuth)]).toEqual([
      401,
      [
        ['www-authenticate', 'Bearer'],
        ['content-type', 'application/json'],
        ['content-length', '25'],
      ],
      '{"detail":"Unauthorized"}',
    ]);
  });
});

describe('app.use(statuskit) without (kit)', () => {
  it.each([
    ['statuskit', statuskit, 'app.use(statuskit(kit))'],
    ['statuskit.errors', statuskit.errors, 'app.use(statuskit.errors(kit))'],
  ])(
    '%s: a 500 through the app’s error path, and the fix on the console',
    async (_name, fn, usage) => {
      const printed = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      try {
        const seen: unknown[] = [];
        const app = new Koa();
        app.use(async (ctx, next) => {
          try {
            await next();
          } catch (error) {
            seen.push(error);
            ctx.status = 500;
            ctx.body = { code: (error as { code: string }).code };
          }
        });
        app.use(fn as never);
        const a = await send(await serve(app), { path: '/items/1' });
        expect([a.status, body(a)]).toEqual([500, '{"code":"STATUSKIT_INVALID_MOUNT"}']);
        const message = `[statuskit] statuskit was mounted without its app: it was handed a request where the app belongs, and would never answer; write ${usage}, with kit = createStatuskit(routes).`;
        expect((seen[0] as Error).message).toBe(message);
      } finally {
        printed.mockRestore();
      }
    },
  );
});
