import type {
  AdapterUnderTest,
  HostOptions,
  RunningServer,
  StartOptions,
} from '@statuskit/conformance';
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
import express, { type ErrorRequestHandler } from 'express';
import { statuskit } from './index.js';

/** Starts a bare Express app made only of `kit` on 127.0.0.1, port 0. */
export function start(kit: Statuskit, options: StartOptions = {}): Promise<RunningServer> {
  const app = express();
  // express.json() refuses bodies over 100 kB by default; an app sets its limit to the kit's.
  if (options.bodyParser === true) app.use(express.json({ limit: kit.options.bodyLimit }));
  app.use(statuskit(kit, { notFound: true }));
  return listenOnLoopback(app);
}

/**
 * The coexistence suite's host app on Express (HOST_APP in @statuskit/node/testing):
 * header, preflight and auth middleware, express.json(), the app's routes, its 404
 * and its error handler, with statuskit mounted before or after the app's routes
 * as `order` says; no statuskit when `kit` is undefined.
 */
export function startHost(
  kit: Statuskit | undefined,
  options: HostOptions = {},
): Promise<RunningServer> {
  const app = express();
  app.use((req, res, next) => {
    res.set(hostHeaders(req.headers['x-request-id']));
    if (isPreflight(req.method, req.headers['access-control-request-method'])) {
      res.set(HOST.preflight).status(204).end();
      return;
    }
    next();
  });
  app.use((req, _res, next) =>
    next(hostAuthError(req.path, req.headers.authorization, req.headers['x-session'])),
  );
  app.use(express.json({ limit: HOST.parserLimit }));
  const kitFirst = (options.order ?? 'kit-first') === 'kit-first';
  if (kit !== undefined && kitFirst) app.use(statuskit(kit));
  app.get(HOST_ROUTES.health, (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.post(HOST_ROUTES.echo, (req, res) => {
    res.json({ echo: req.body ?? null });
  });
  app.get(HOST_ROUTES.notes, (req, res) => {
    res.json({ id: req.params.id, notes: [] });
  });
  app.get(HOST_ROUTES.boom, () => {
    throw new Error('boom');
  });
  app.get(HOST_ROUTES.teapot, (_req, _res, next) => next(hostError(418, 'short and stout')));
  app.get(HOST_ROUTES.report, (_req, res) => {
    res.json({ report: 'ok' });
  });
  if (kit !== undefined && !kitFirst) app.use(statuskit(kit));
  app.use((req, res) => {
    res.status(404).json(hostNotFound(req.method, req.originalUrl));
  });
  const errors: ErrorRequestHandler = (error, _req, res, _next) => {
    const answer = hostErrorAnswer(error);
    res.status(answer.status).set(answer.headers).json(answer.body);
  };
  app.use(errors);
  return listenOnLoopback(app);
}

/** The Express adapter as the conformance suite drives it. */
export const adapter: AdapterUnderTest = { name: 'express', start, startHost };
