import { request, type ServerResponse } from 'node:http';
import { seedApp } from '@statuskit/conformance/fixture';
import {
  type AnyRoute,
  createStatuskit,
  defineRoute,
  HttpException,
  type Statuskit,
  type StatuskitOptions,
  stream,
} from '@statuskit/core';
import { installedVersion } from '@statuskit/node';
import express, { type Express } from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { errorHandler, handler, statuskit } from '../src/index.js';
import { json, listenApp, send } from './http.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()!();
});

async function listen(app: Express): Promise<string> {
  const server = await listenApp(app);
  closers.push(server.close);
  return server.url;
}

function seedKit(options: StatuskitOptions = {}): {
  kit: Statuskit;
  route: (id: string) => AnyRoute;
} {
  const seed = seedApp({ options });
  const kit = createStatuskit(seed.routes, seed.options);
  return { kit, route: (id) => seed.routes.find((r) => r.id === id)! };
}

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('express version check', () => {
  it('accepts the installed Express 5 in every entry point', () => {
    expect(installedVersion('express', import.meta.url)).toMatch(/^5\./);
    const kit = createStatuskit([]);
    expect(() => statuskit(kit)).not.toThrow();
    expect(() => errorHandler(kit)).not.toThrow();
    expect(() =>
      handler(
        kit,
        defineRoute({ method: 'GET', path: '/' }, () => 1),
      ),
    ).not.toThrow();
  });
  // The refusal and its message (core's assertFrameworkVersion) are tested in the core and,
  // with a real Express 4 and none at all, by the release test (scripts/release).
});

describe.each([false, true])(
  'express handler() inside express.Router (express.json(): %s)',
  (parser) => {
    async function boot(): Promise<string> {
      const { kit, route } = seedKit();
      const files = defineRoute({ method: 'GET', path: '/files/{path}' }, ({ params }) => params);
      const app = express();
      if (parser) app.use(express.json());
      const router = express.Router();
      router.get('/items/:id', handler(kit, route('GET /items/{id}')));
      router.post('/items', handler(kit, route('POST /items')));
      router.get('/files/*path', handler(kit, files));
      router.post('/legacy', (_req, res) => {
        res.end('legacy');
      });
      app.use(router);
      app.use(errorHandler(kit));
      return listen(app);
    }

    it('answers with Express params, HEAD included', async () => {
      const url = await boot();
      const get = await send(url, 'GET', '/items/%31');
      expect([get.status, json(get)]).toEqual([200, { id: 1, name: 'Hammer', price: 9.5 }]);
      expect(get.headers.etag).toBeUndefined();
      const head = await send(url, 'HEAD', '/items/1');
      expect([head.status, head.body, head.headers['content-length']]).toEqual([200, '', '36']);
      const missing = await send(url, 'GET', '/items/999');
      expect([missing.status, json(missing)]).toEqual([404, { detail: 'Item not found' }]);
      const splat = await send(url, 'GET', '/files/a/b%20c');
      expect(json(splat)).toEqual({ path: 'a/b c' });
    });

    it('validates bodies; errorHandler() answers parser failures on kit routes only', async () => {
      const url = await boot();
      const made = await send(url, 'POST', '/items', '{"name":"Saw","price":1}');
      expect([made.status, json(made)]).toEqual([201, { id: 2, name: 'Saw', price: 1 }]);
      const bad = await send(url, 'POST', '/items', '{"name":');
      expect([bad.status, json(bad)]).toEqual([
        422,
        {
          detail: [{ type: 'json_invalid', loc: ['body', 8], msg: 'JSON decode error', input: {} }],
        },
      ]);
      // Not a kit route: the parser's error stays Express's own (finalhandler's 400).
      const legacy = await send(url, 'POST', '/legacy', '{"name":');
      expect([legacy.status, legacy.body.startsWith('<!DOCTYPE')]).toEqual(
        parser ? [400, true] : [200, false],
      );
    });
  },
);

describe('express traps', () => {
  it('never answers 304 or adds an ETag for a fresh conditional GET', async () => {
    const app = express();
    app.use(statuskit(seedKit().kit));
    const url = await listen(app);
    const a = await send(url, 'GET', '/items/1', undefined, { 'if-none-match': '*' });
    expect([a.status, a.headers.etag, a.body]).toEqual([
      200,
      undefined,
      '{"id":1,"name":"Hammer","price":9.5}',
    ]);
  });

  it("keeps earlier middleware's headers but the core's content-type and cookies win together", async () => {
    const kit = createStatuskit([
      defineRoute({ method: 'GET', path: '/c' }, (ctx) => {
        ctx.setHeader('set-cookie', 'b=2');
        return { ok: true };
      }),
    ]);
    const app = express();
    app.use((_req, res, next) => {
      res.setHeader('content-type', 'text/html');
      res.setHeader('x-early', '1');
      res.appendHeader('set-cookie', 'a=1');
      next();
    });
    app.use(statuskit(kit));
    const a = await send(await listen(app), 'GET', '/c');
    expect([
      a.status,
      a.headers['content-type'],
      a.headers['x-early'],
      a.headers['set-cookie'],
    ]).toEqual([200, 'application/json', '1', ['a=1', 'b=2']]);
  });

  it('answers an error thrown before it with a 500 that leaks nothing, and reports it', async () => {
    const errors: unknown[] = [];
    const app = express();
    app.use(() => {
      throw new Error('secret');
    });
    app.use(statuskit(seedKit({ onError: (e) => errors.push(e) }).kit));
    const a = await send(await listen(app), 'GET', '/items/1');
    expect([a.status, a.headers['content-type'], a.body]).toEqual([
      500,
      'application/json',
      '{"detail":"Internal Server Error"}',
    ]);
    expect((errors[0] as Error).message).toBe('secret');
  });

  it('answers an HttpException raised before it with its status, detail and headers', async () => {
    const app = express();
    app.use(() => {
      throw new HttpException(401, 'Not authenticated', {
        headers: { 'www-authenticate': 'Bearer' },
      });
    });
    app.use(statuskit(seedKit().kit));
    const a = await send(await listen(app), 'GET', '/items/1');
    expect([a.status, a.headers['www-authenticate'], a.body]).toEqual([
      401,
      'Bearer',
      '{"detail":"Not authenticated"}',
    ]);
  });

  it('keeps the 4xx status of an http-error raised before it', async () => {
    const app = express();
    app.use((_req, _res, next) => next(Object.assign(new Error('no'), { status: 403 })));
    app.use(statuskit(seedKit().kit));
    const a = await send(await listen(app), 'GET', '/items/1');
    expect([a.status, a.body]).toEqual([403, '{"detail":"Forbidden"}']);
  });

  it("lets the core decide after express.json()'s own limits and charset checks", async () => {
    const app = express();
    app.use(express.json());
    app.use(statuskit(seedKit().kit, { notFound: true }));
    const url = await listen(app);
    const padded = JSON.stringify({ name: 'x', price: 1, pad: 'a'.repeat(200_000) });
    // Over express.json()'s 100 kB: no route still answers 404, a route that reads it 413.
    const nope = await send(url, 'POST', '/nope', padded);
    expect([nope.status, nope.body]).toEqual([404, '{"detail":"Not Found"}']);
    const big = await send(url, 'POST', '/items', padded);
    expect([big.status, big.body]).toEqual([413, '{"detail":"Content Too Large"}']);
    const latin = await send(url, 'POST', '/items', '{"name":"x","price":1}', {
      'content-type': 'application/json; charset=latin1',
    });
    expect([latin.status, latin.body]).toEqual([415, '{"detail":"Unsupported Media Type"}']);
  });

  it("never runs a handler for a body express.json() refused: the middleware after it didn't run", async () => {
    let runs = 0;
    const secret = ['GET', 'POST'].map((method) =>
      defineRoute({ method, path: '/secret' }, () => {
        runs++;
        return { secret: true };
      }),
    );
    const seed = seedApp();
    const kit = createStatuskit([...secret, ...seed.routes], seed.options);
    const app = express();
    app.use(express.json({ limit: 50 }));
    // An authentication check that the parser's next(err) skips.
    app.use((req, _res, next) =>
      next(req.headers.authorization ? undefined : new HttpException(401)),
    );
    app.use(statuskit(kit, { notFound: true }));
    const url = await listen(app);
    const gzip = { 'content-encoding': 'gzip' };
    const latin1 = { 'content-type': 'application/json; charset=latin1' };
    const cases: Array<[string, string, string, Record<string, string>, number, string]> = [
      ['GET', '/secret', '{', {}, 400, 'Bad Request'],
      ['GET', '/secret', '0', {}, 400, 'Bad Request'],
      ['GET', '/secret', JSON.stringify({ pad: 'x'.repeat(60) }), {}, 413, 'Content Too Large'],
      ['GET', '/secret', '{}', gzip, 415, 'Unsupported Media Type'],
      ['GET', '/secret', '{}', latin1, 415, 'Unsupported Media Type'],
      ['POST', '/secret', 'null', {}, 400, 'Bad Request'],
      // Not a route: the core's 404, 405 and redirect, as without the parser.
      ['GET', '/nope', '{', {}, 404, 'Not Found'],
      ['PUT', '/secret', '0', {}, 405, 'Method Not Allowed'],
    ];
    for (const [method, path, body, headers, status, detail] of cases) {
      const a = await send(url, method, path, body, headers);
      expect([method, path, a.status, a.body]).toEqual([
        method,
        path,
        status,
        JSON.stringify({ detail }),
      ]);
    }
    const slash = await send(url, 'GET', '/secret/', '{');
    expect([slash.status, slash.headers.location]).toEqual([307, '/secret']);
    expect(runs).toBe(0);
    expect((await send(url, 'GET', '/secret')).status).toBe(401);
  });

  it('answers invalid UTF-8 that express.json() decoded as U+FFFD as the core does (content-length)', async () => {
    const app = express();
    app.use(express.json());
    app.use(statuskit(seedKit().kit));
    const a = await send(await listen(app), 'POST', '/items', Buffer.from([0xff]));
    expect([a.status, a.body]).toEqual([
      422,
      '{"detail":[{"type":"json_invalid","loc":["body",0],"msg":"Invalid UTF-8 in JSON body","input":{}}]}',
    ]);
  });

  it('hands the raw bytes a verify hook kept to the core (UTF-8 and depth checks)', async () => {
    const app = express();
    app.use(
      express.json({
        verify: (req, _res, buf) => {
          (req as { rawBody?: Buffer }).rawBody = buf;
        },
      }),
    );
    app.use(statuskit(seedKit().kit));
    const url = await listen(app);
    const utf8 = await send(
      url,
      'POST',
      '/items',
      Buffer.from('eyJuYW1lIjoi/yIsInByaWNlIjoxfQ==', 'base64'),
    );
    const deep = await send(url, 'POST', '/items', `${'['.repeat(200)}${']'.repeat(200)}`);
    for (const a of [utf8, deep]) {
      expect([a.status, (json(a) as { detail: { type: string }[] }).detail[0]?.type]).toEqual([
        422,
        'json_invalid',
      ]);
    }
  });

  it.each([false, true])('hands text bodies to the core (express.text(): %s)', async (parser) => {
    const app = express();
    if (parser) app.use(express.text());
    app.use(statuskit(seedKit().kit));
    const a = await send(await listen(app), 'POST', '/items', 'hi', {
      'content-type': 'text/plain',
    });
    expect([a.status, a.body]).toEqual([415, '{"detail":"Unsupported Media Type"}']);
  });

  it('leaves a response already started to the next error handler', async () => {
    const errors: unknown[] = [];
    const seen: unknown[] = [];
    const app = express();
    app.use((_req, res, next) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('partial');
      next(new Error('late'));
    });
    app.use(statuskit(seedKit({ onError: (e) => errors.push(e) }).kit));
    app.use(
      (
        error: unknown,
        _req: express.Request,
        res: express.Response,
        _next: express.NextFunction,
      ) => {
        seen.push(error);
        res.end();
      },
    );
    const a = await send(await listen(app), 'GET', '/items/1');
    expect([a.status, a.body, (seen[0] as Error).message, errors]).toEqual([
      200,
      'partial',
      'late',
      [],
    ]);
  });

  it('prefixes the mount path to trailing-slash redirects only', async () => {
    const app = express();
    app.use('/api', statuskit(seedKit().kit));
    const url = await listen(app);
    expect((await send(url, 'GET', '/api/items/1')).status).toBe(200);
    const slash = await send(url, 'GET', '/api/items/1/?x=1');
    expect([slash.status, slash.headers.location]).toEqual([307, '/api/items/1?x=1']);
    const own = await send(url, 'GET', '/api/old-items/1');
    expect([own.status, own.headers.location]).toEqual([307, '/items/1']);
  });
});

describe('express lifecycle', () => {
  it('runs background tasks only after the response has finished', async () => {
    const finished = deferred<boolean>();
    const kit = createStatuskit([
      defineRoute({ method: 'POST', path: '/job', status: 202 }, ({ background, native }) => {
        background.add(() => finished.resolve((native.res as ServerResponse).writableFinished));
        return { queued: true };
      }),
    ]);
    const app = express();
    app.use(statuskit(kit));
    const a = await send(await listen(app), 'POST', '/job');
    expect([a.status, a.body]).toEqual([202, '{"queued":true}']);
    expect(await finished.promise).toBe(true);
  });

  it('survives a client that aborts mid-response and still runs the tasks', async () => {
    const gate = deferred<void>();
    const ran = deferred<string>();
    async function* body(): AsyncGenerator<Uint8Array> {
      yield new TextEncoder().encode('first');
      await gate.promise;
      yield new TextEncoder().encode('never read');
    }
    const kit = createStatuskit([
      defineRoute({ method: 'GET', path: '/slow' }, ({ background }) => {
        background.add(() => ran.resolve('task'));
        return stream(body(), { contentType: 'text/plain' });
      }),
      defineRoute({ method: 'GET', path: '/ok' }, () => ({ ok: true })),
    ]);
    const app = express();
    app.use(statuskit(kit));
    const url = await listen(app);
    await new Promise<void>((resolve, reject) => {
      const req = request(`${url}/slow`, { agent: false }, (res) => {
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', (e) => (req.destroyed ? undefined : reject(e)));
      req.end();
    });
    expect(await ran.promise).toBe('task');
    gate.resolve();
    const ok = await send(url, 'GET', '/ok');
    expect([ok.status, ok.body]).toEqual([200, '{"ok":true}']);
  });
});
