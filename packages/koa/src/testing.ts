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
  listenOnLoopback,
} from '@statuskit/node/testing';
import Koa from 'koa';
import { statuskit } from './index.js';

/**
 * The coexistence suite's host app on Koa (HOST_APP in @statuskit/node/testing): an
 * app-level error middleware (its errors and its 404), header, preflight and auth
 * middleware, @koa/bodyparser, and two @koa/router routers, with statuskit mounted
 * before or after them as `order` says; no statuskit when `kit` is undefined.
 */
export async function startHost(
  kit: Statuskit | undefined,
  options: HostOptions = {},
): Promise<RunningServer> {
  // Loaded only here: neither is a dependency of @statuskit/koa.
  const { bodyParser } = await import('@koa/bodyparser');
  const { default: Router } = await import('@koa/router');
  const app = new Koa();
  // Koa prints what fails after the app's own error middleware (its echo of JSON nested too
  // deep for JSON.stringify, answered 500 alike with and without statuskit): not news here.
  app.silent = true;
  app.use(async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) {
        ctx.status = 404;
        ctx.body = hostNotFound(ctx.method, ctx.url);
      }
    } catch (error) {
      const answer = hostErrorAnswer(error);
      ctx.status = answer.status;
      ctx.set(answer.headers);
      ctx.body = answer.body;
    }
  });
  app.use(async (ctx, next) => {
    ctx.set(hostHeaders(ctx.get('x-request-id') || undefined));
    if (isPreflight(ctx.method, ctx.headers['access-control-request-method'])) {
      ctx.set(HOST.preflight);
      ctx.status = 204;
      return;
    }
    await next();
  });
  if (kit !== undefined) app.use(statuskit.errors(kit));
  app.use(async (ctx, next) => {
    const failure = hostAuthError(ctx.path, ctx.headers.authorization, ctx.headers['x-session']);
    if (failure !== undefined) throw failure;
    await next();
  });
  app.use(bodyParser({ jsonLimit: HOST.parserLimit }));
  const early = new Router();
  early.get(HOST_ROUTES.health, (ctx) => {
    ctx.body = { status: 'ok' };
  });
  early.post(HOST_ROUTES.echo, (ctx) => {
    ctx.body = { echo: ctx.request.body ?? null };
  });
  early.get(HOST_ROUTES.notes, (ctx) => {
    ctx.body = { id: ctx.params.id, notes: [] };
  });
  const late = new Router();
  late.get(HOST_ROUTES.boom, () => {
    throw new Error('boom');
  });
  late.get(HOST_ROUTES.teapot, () => {
    throw hostError(418, 'short and stout');
  });
  late.get(HOST_ROUTES.report, (ctx) => {
    ctx.body = { report: 'ok' };
  });
  const kitFirst = (options.order ?? 'kit-first') === 'kit-first';
  if (kit !== undefined && kitFirst) app.use(statuskit(kit));
  app.use(early.routes()).use(early.allowedMethods());
  app.use(late.routes()).use(late.allowedMethods());
  if (kit !== undefined && !kitFirst) app.use(statuskit(kit));
  return listenOnLoopback(app.callback());
}

/** A fresh bare Koa app made only of `kit`, on 127.0.0.1, port 0, as the conformance suite runs it. */
export const adapter: AdapterUnderTest = {
  name: 'koa',
  async start(kit: Statuskit, options = {}): Promise<RunningServer> {
    const app = new Koa();
    app.use(statuskit.errors(kit));
    if (options.bodyParser === true) {
      // Loaded only when asked for: @koa/bodyparser is not a dependency of @statuskit/koa.
      const { bodyParser } = await import('@koa/bodyparser');
      app.use(bodyParser());
    }
    app.use(statuskit(kit, { notFound: true }));
    return listenOnLoopback(app.callback());
  },
  startHost,
};
