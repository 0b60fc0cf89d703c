import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import {
  createStatuskit,
  defineRoute,
  HttpException,
  json,
  redirect,
  type Statuskit,
  stream,
} from '@statuskit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { installedVersion, toNeutral, toNodeListener, writeExchange } from '../src/index.js';
import { adapter, type LoopbackServer, listenOnLoopback } from '../src/testing.js';
import { call } from './client.js';

const servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(handler: Parameters<typeof listenOnLoopback>[0]): Promise<string> {
  const server = await listenOnLoopback(handler);
  servers.push(server);
  return server.url;
}

const Item = z.object({ name: z.string().min(1), price: z.number() });
const log: string[] = [];
function kitOf(): Statuskit {
  return createStatuskit(
    [
      defineRoute({ method: 'GET', path: '/items/{id}' }, ({ params }) => ({ id: params.id })),
      defineRoute({ method: 'POST', path: '/items', request: { body: Item } }, ({ body }) => body),
      defineRoute({ method: 'GET', path: '/raise' }, () => {
        throw new HttpException(404, 'Item not found');
      }),
      defineRoute({ method: 'GET', path: '/later' }, async () => json({ ok: 1 }, { status: 202 })),
      defineRoute({ method: 'GET', path: '/go' }, () => redirect('/elsewhere')),
      defineRoute({ method: 'GET', path: '/stream' }, () =>
        stream(
          (async function* () {
            yield Buffer.from('a');
            yield Buffer.from('b');
          })(),
          { contentType: 'text/plain' },
        ),
      ),
      defineRoute({ method: 'GET', path: '/broken' }, () =>
        stream(
          (async function* () {
            yield Buffer.from('partial');
            throw new Error('source failed');
          })(),
        ),
      ),
      defineRoute({ method: 'POST', path: '/task' }, ({ background }) => {
        background.add(() => log.push('task ran'));
        return null;
      }),
    ],
    { onDiagnostic: () => {} },
  );
}

describe('toNodeListener: a statuskit app on bare node:http', () => {
  it('answers with exactly the core headers, in order', async () => {
    const url = await serve(toNodeListener(kitOf()));
    expect(await call(url, 'GET', '/items/7')).toEqual({
      status: 200,
      headers: [
        ['content-type', 'application/json'],
        ['content-length', '10'],
      ],
      body: '{"id":"7"}',
    });
  });

  it("gives the core's routing answers: 404, 405 with allow, the slash redirect, HEAD", async () => {
    const url = await serve(toNodeListener(kitOf()));
    const missing = await call(url, 'GET', '/nope');
    expect([missing.status, missing.body]).toEqual([404, '{"detail":"Not Found"}']);
    const wrong = await call(url, 'DELETE', '/items/1');
    expect([wrong.status, wrong.headers.find(([n]) => n === 'allow')]).toEqual([
      405,
      ['allow', 'GET, HEAD'],
    ]);
    const slash = await call(url, 'GET', '/items/1/?q=1');
    expect([slash.status, slash.headers]).toEqual([
      307,
      [
        ['location', '/items/1?q=1'],
        ['content-length', '0'],
      ],
    ]);
    const head = await call(url, 'HEAD', '/items/7');
    expect([head.status, head.headers, head.body]).toEqual([
      200,
      [
        ['content-type', 'application/json'],
        ['content-length', '10'],
      ],
      '',
    ]);
  });

  it('reads and validates the body itself: 201, 422, 415', async () => {
    const url = await serve(toNodeListener(kitOf()));
    const type = { 'content-type': 'application/json' };
    const made = await call(url, 'POST', '/items', '{"name":"a","price":1}', type);
    expect([made.status, made.body]).toEqual([201, '{"name":"a","price":1}']);
    const bad = await call(url, 'POST', '/items', '{"name":', type);
    expect(bad.status).toBe(422);
    expect(JSON.parse(bad.body).detail[0].type).toBe('json_invalid');
    const gzip = await call(url, 'POST', '/items', 'xx', { ...type, 'content-encoding': 'gzip' });
    expect(gzip.status).toBe(415);
  });

  it('writes raises, async answers and streams', async () => {
    const url = await serve(toNodeListener(kitOf()));
    const raised = await call(url, 'GET', '/raise');
    expect([raised.status, raised.body]).toEqual([404, '{"detail":"Item not found"}']);
    const later = await call(url, 'GET', '/later');
    expect([later.status, later.body]).toEqual([202, '{"ok":1}']);
    const streamed = await call(url, 'GET', '/stream');
    expect([streamed.status, streamed.body, streamed.headers]).toEqual([
      200,
      'ab',
      [
        ['content-type', 'text/plain'],
        ['transfer-encoding', 'chunked'],
      ],
    ]);
  });

  it('cuts the connection when a body stream fails mid-way', async () => {
    const url = await serve(toNodeListener(kitOf()));
    await expect(call(url, 'GET', '/broken')).rejects.toThrow();
  });

  it('runs background tasks after the response', async () => {
    log.length = 0;
    const url = await serve(toNodeListener(kitOf()));
    const done = await call(url, 'POST', '/task');
    expect([done.status, done.body]).toEqual([200, 'null']);
    // The task runs when the response closes: poll a bounded number of times.
    for (let i = 0; i < 100 && log.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(log).toEqual(['task ran']);
  });

  it('works as createServer() takes it, without the test helper', async () => {
    const server = createServer(toNodeListener(kitOf()));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as { port: number };
      expect((await call(`http://127.0.0.1:${port}`, 'GET', '/items/1')).status).toBe(200);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('writeExchange', () => {
  const kit = kitOf();
  async function written(
    path: string,
    before: (res: ServerResponse) => void,
    prefix?: string,
  ): Promise<Awaited<ReturnType<typeof call>>> {
    const url = await serve(async (req, res) => {
      before(res);
      const exchange = await kit.dispatch(toNeutral(req, res));
      writeExchange(exchange, res, prefix === undefined ? {} : { mountPrefix: prefix });
    });
    return call(url, 'GET', path);
  }

  it('keeps headers set before, unless the core sets the name; framing is the core alone', async () => {
    const seen = await written('/items/1', (res) => {
      res.setHeader('access-control-allow-origin', '*');
      res.setHeader('content-type', 'text/html');
      res.setHeader('transfer-encoding', 'chunked');
      res.setHeader('set-cookie', 'a=1');
    });
    expect(seen.headers).toEqual([
      ['access-control-allow-origin', '*'],
      ['set-cookie', 'a=1'],
      ['content-type', 'application/json'],
      ['content-length', '10'],
    ]);
    expect(seen.body).toBe('{"id":"1"}');
  });

  it('keeps a streamed body chunked when headers were set before, so a cut stays a cut', async () => {
    const set = (res: ServerResponse) => res.setHeader('x-powered-by', 'test');
    const streamed = await written('/stream', set);
    expect([streamed.body, streamed.headers]).toEqual([
      'ab',
      [
        ['x-powered-by', 'test'],
        ['content-type', 'text/plain'],
        ['transfer-encoding', 'chunked'],
      ],
    ]);
    await expect(written('/broken', set)).rejects.toThrow();
  });

  it('puts the mount prefix in front of its own slash redirect only', async () => {
    const own = await written('/items/1/', () => {}, '/api');
    expect(own.headers[0]).toEqual(['location', '/api/items/1']);
    const ownSlow = await written('/items/1/', (res) => res.setHeader('x-id', '1'), '/api');
    expect(ownSlow.headers).toContainEqual(['location', '/api/items/1']);
    const handlers = await written('/go', () => {}, '/api');
    expect(handlers.headers[0]).toEqual(['location', '/elsewhere']);
  });

  it('writes nothing to a destroyed response, and still finishes the exchange', async () => {
    const exchange = await kit.dispatch({
      method: 'POST',
      url: '/task',
      headers: {},
      body: { kind: 'none' },
      native: { framework: 'test', req: null, res: null },
    });
    const calls: string[] = [];
    const res = {
      destroyed: true,
      headersSent: false,
      once: () => calls.push('once'),
      writeHead: () => calls.push('writeHead'),
      end: () => calls.push('end'),
    } as unknown as ServerResponse;
    writeExchange(exchange, res);
    expect(calls).toEqual([]);
    expect(() => exchange.commit()).toThrow(/cannot commit while the exchange is finished/);
  });
});

describe('toNeutral, installedVersion, the test helpers', () => {
  it('hands the core the raw method, target, headers and the unread stream', async () => {
    const url = await serve((req, res) => {
      const n = toNeutral(req, res);
      res.end(JSON.stringify([n.method, n.url, n.headers['x-a'], n.body.kind, n.native.framework]));
    });
    const seen = await call(url, 'PATCH', '/a%20b?x=1', undefined, { 'x-a': 'b' });
    expect(JSON.parse(seen.body)).toEqual(['PATCH', '/a%20b?x=1', 'b', 'stream', 'node:http']);
  });

  it('finds an installed package version from a module, and undefined for a missing one', () => {
    expect(installedVersion('@statuskit/core', import.meta.url)).toMatch(/^\d+\.\d+\.\d+/);
    expect(installedVersion('zod', import.meta.url)).toMatch(/^4\./);
    expect(installedVersion('no-such-package-statuskit', import.meta.url)).toBeUndefined();
  });

  it('listenOnLoopback answers a bare 500 for a handler that rejects before writing', async () => {
    const url = await serve(() => Promise.reject(new Error('no')));
    expect(await call(url, 'GET', '/')).toEqual({
      status: 500,
      headers: [['content-length', '0']],
      body: '',
    });
  });

  it('adapter starts the plain listener for the conformance suite, with or without a parser', async () => {
    for (const bodyParser of [false, true]) {
      const server = await adapter.start(kitOf(), { bodyParser });
      servers.push(server);
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect((await call(server.url, 'GET', '/items/2')).body).toBe('{"id":"2"}');
    }
    expect(adapter.name).toBe('node');
  });
});

describe('toNodeListener(kit, { fallback }): a kit inside an existing node:http app', () => {
  it('answers the kit’s paths and hands every other request to the app untouched', async () => {
    const seen: string[] = [];
    const app = (req: IncomingMessage, res: ServerResponse): void => {
      seen.push(req.url ?? '');
      res.writeHead(404, { 'content-type': 'text/plain' }).end('mine');
    };
    const url = await serve(toNodeListener(kitOf(), { fallback: app }));
    expect((await call(url, 'GET', '/items/1')).body).toBe('{"id":"1"}');
    const wrong = await call(url, 'PUT', '/items/1');
    expect([wrong.status, wrong.headers.find(([n]) => n === 'allow')?.[1]]).toEqual([
      405,
      'GET, HEAD',
    ]);
    expect((await call(url, 'GET', '/items/1/')).status).toBe(307);
    const other = await call(url, 'GET', '/nope');
    expect([other.status, other.body]).toEqual([404, 'mine']);
    expect((await call(url, 'GET', '/items/%zz')).body).toBe('mine');
    expect(seen).toEqual(['/nope', '/items/%zz']);
  });
});

describe('createServer(toNodeListener) without (kit)', () => {
  it('answers a bare 500 instead of hanging, and prints the fix once', async () => {
    const printed: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => {
      printed.push(args.join(' '));
    };
    try {
      const url = await serve(toNodeListener as never);
      const a = await call(url, 'GET', '/items/1');
      expect([a.status, a.body]).toEqual([500, '']);
      await call(url, 'GET', '/items/2');
      expect(printed).toEqual([
        '[statuskit] statuskit was mounted without its app: it was handed a request where the app belongs, and would never answer; write createServer(toNodeListener(kit)), with kit = createStatuskit(routes).',
      ]);
    } finally {
      console.error = original;
    }
  });

  it('refuses anything else than a kit at start-up', () => {
    expect(() => toNodeListener({} as never)).toThrow(
      '[statuskit] statuskit needs the app from createStatuskit(routes), but was given an object that is not a statuskit app; write createServer(toNodeListener(kit)), with kit = createStatuskit(routes).',
    );
  });
});
