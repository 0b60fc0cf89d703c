import { seedApp } from '@statuskit/conformance/fixture';
import { createStatuskit } from '@statuskit/core';
import express, { type ErrorRequestHandler, type Express } from 'express';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { statuskit } from '../src/index.js';
import { listenApp, send } from './http.js';

// A new user's Express app (the trial behind issue 11), statuskit mounted at the root after
// the app's routes: every answer that went wrong then is the app's own now.

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()!();
});

async function listen(app: Express): Promise<string> {
  const server = await listenApp(app);
  closers.push(server.close);
  return server.url;
}

type HttpError = Error & { status: number; expose: boolean; headers?: Record<string, string> };
const httpError = (status: number, message: string, headers?: Record<string, string>) =>
  Object.assign(new Error(message), { status, expose: true, headers }) as HttpError;

function legacyApp(mount: (app: Express) => void): Express {
  const app = express();
  app.use(express.json());
  app.use((req, _res, next) =>
    next(
      req.path.startsWith('/admin') && req.headers.authorization === undefined
        ? httpError(401, 'login first', { 'www-authenticate': 'Bearer' })
        : undefined,
    ),
  );
  app.post('/legacy/echo', (req, res) => {
    res.json(req.body);
  });
  app.get('/legacy/boom', () => {
    throw new Error('boom');
  });
  app.get('/legacy/teapot', (_req, _res, next) => next(httpError(418, 'short and stout')));
  mount(app);
  app.use((_req, res) => {
    res.status(404).json({ mine: 'not found' });
  });
  const errors: ErrorRequestHandler = (error: HttpError, _req, res, _next) => {
    res
      .status(error.status ?? 500)
      .set(error.headers ?? {})
      .json({ mine: error.expose ? error.message : 'oops' });
  };
  app.use(errors);
  return app;
}

describe('statuskit(kit) at the root of an existing Express app', () => {
  it('leaves the app’s parsers, errors, headers and 404 to the app', async () => {
    const seed = seedApp();
    const url = await listen(
      legacyApp((app) => app.use(statuskit(createStatuskit(seed.routes, seed.options)))),
    );
    const malformed = await send(url, 'POST', '/legacy/echo', '{"a":');
    expect([malformed.status, malformed.body]).toEqual([400, expect.stringContaining('"mine"')]);
    expect(JSON.parse((await send(url, 'GET', '/legacy/boom')).body)).toEqual({ mine: 'oops' });
    const teapot = await send(url, 'GET', '/legacy/teapot');
    expect([teapot.status, teapot.body]).toEqual([418, '{"mine":"short and stout"}']);
    const auth = await send(url, 'GET', '/admin/x');
    expect([auth.status, auth.headers['www-authenticate'], auth.body]).toEqual([
      401,
      'Bearer',
      '{"mine":"login first"}',
    ]);
    const unknown = await send(url, 'GET', '/totally/unknown');
    expect([unknown.status, unknown.body]).toEqual([404, '{"mine":"not found"}']);
    // The kit's own paths stay the core's: its answers, 405, 307, its 422 for malformed JSON.
    expect((await send(url, 'GET', '/items/1')).status).toBe(200);
    expect((await send(url, 'PUT', '/items/1')).headers.allow).toBe('GET, HEAD, DELETE');
    expect((await send(url, 'GET', '/items/1/')).headers.location).toBe('/items/1');
    expect((await send(url, 'POST', '/items', '{"name":')).status).toBe(422);
  });

  it('notFound: true makes the core answer everything that reaches it', async () => {
    const seed = seedApp();
    const kit = createStatuskit(seed.routes, seed.options);
    const url = await listen(legacyApp((app) => app.use(statuskit(kit, { notFound: true }))));
    const unknown = await send(url, 'GET', '/totally/unknown');
    expect([unknown.status, unknown.body]).toEqual([404, '{"detail":"Not Found"}']);
    // Errors that reach it too: the app's routes before it keep theirs only if they answer.
    const teapot = await send(url, 'GET', '/legacy/teapot');
    expect([teapot.status, teapot.body]).toEqual([418, '{"detail":"I\'m a Teapot"}']);
  });
});

describe('app.use(statuskit) without (kit)', () => {
  it('answers a 500 through the app’s error path and prints the fix once', async () => {
    const printed = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const seen: unknown[] = [];
      const app = express();
      app.use(statuskit as never);
      app.use(((error, _req, res, _next) => {
        seen.push(error);
        res.status(500).json({ code: (error as { code: string }).code });
      }) as ErrorRequestHandler);
      const url = await listen(app);
      const a = await send(url, 'GET', '/items/1');
      expect([a.status, a.body]).toEqual([500, '{"code":"STATUSKIT_INVALID_MOUNT"}']);
      await send(url, 'GET', '/items/2');
      const message =
        '[statuskit] statuskit was mounted without its app: it was handed a request where the app belongs, and would never answer; write app.use(statuskit(kit)), with kit = createStatuskit(routes).';
      expect((seen[0] as Error).message).toBe(message);
      expect(printed.mock.calls).toEqual([[message]]);
    } finally {
      printed.mockRestore();
    }
  });

  it('refuses anything else than a kit at start-up', () => {
    expect(() => statuskit(undefined as never)).toThrow(
      '[statuskit] statuskit needs the app from createStatuskit(routes), but was given nothing; write app.use(statuskit(kit)), with kit = createStatuskit(routes).',
    );
  });
});
