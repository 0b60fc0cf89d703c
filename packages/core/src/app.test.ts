import * as v from 'valibot';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { compileRoute, createStatuskit, resolveOptions } from './app.js';
import { DiagnosticCode } from './diagnostic.js';
import { ErrorCode, isStatuskitError, StatuskitError } from './errors.js';
import { HttpException } from './http-exception.js';
import { definePolicy } from './policy.js';
import { empty, json, redirect, text } from './response.js';
import { type AnyRoute, defineRoute } from './route.js';
import {
  fetchResponse,
  recorder,
  request,
  send,
  streamOf,
  utf8,
  withBody,
} from './test-helpers.js';

const Item = z.object({ name: z.string().min(1).max(100), price: z.number().min(0) });
const StoredItem = Item.extend({ id: z.number().int() });

function bodyText(body: unknown): string {
  return typeof body === 'string' ? body : new TextDecoder().decode(body as Uint8Array);
}

function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('resolveOptions', () => {
  it('fills in the defaults', () => {
    const o = resolveOptions();
    expect(o).toMatchObject({
      errorFormat: 'detail',
      debug: false,
      bodyLimit: 1024 * 1024,
      maxJsonDepth: 128,
      bodyTimeout: 30_000,
      handlerTimeout: undefined,
      retryAfter: 1,
      malformedJsonStatus: 422,
      redirectSlashes: true,
      backgroundOnError: false,
    });
    expect(o.policy.name).toBe('rest');
  });

  it('turns debug on only for true', () => {
    expect(resolveOptions({ debug: 'yes' as unknown as boolean }).debug).toBe(false);
    expect(resolveOptions({ debug: true }).debug).toBe(true);
  });

  it.each([
    [{ errorFormat: 'xml' }, "errorFormat must be 'detail' or 'problem'"],
    [{ malformedJsonStatus: 500 }, 'malformedJsonStatus must be 400 or 422'],
    [{ bodyLimit: 0 }, 'option bodyLimit must be a positive integer, got 0.'],
    [{ bodyLimit: 1.5 }, 'option bodyLimit must be a positive integer'],
    [{ maxJsonDepth: -1 }, 'option maxJsonDepth must be a positive integer'],
    [{ bodyTimeout: Number.NaN }, 'option bodyTimeout must be a positive integer'],
    [{ handlerTimeout: 0 }, 'option handlerTimeout must be a positive integer'],
    [{ retryAfter: 0.5 }, 'option retryAfter must be a positive integer'],
    [{ policy: 'nest' }, 'policy nest is unknown'],
  ])('refuses %j with STATUSKIT_INVALID_OPTION', (options, message) => {
    const error = thrownBy(() => resolveOptions(options as never));
    expect(isStatuskitError(error, ErrorCode.INVALID_OPTION)).toBe(true);
    expect((error as Error).message).toContain(message);
  });
});

describe('compileRoute', () => {
  const options = resolveOptions();

  it('takes the declared status for both a value and nothing', () => {
    const c = compileRoute(
      defineRoute({ method: 'POST', path: '/a', status: 202 }, () => 1),
      options,
    );
    expect([c.valueStatus, c.emptyStatus]).toEqual([202, 202]);
  });

  it('asks the policy otherwise, with the route method', () => {
    const post = compileRoute(
      defineRoute({ method: 'POST', path: '/a' }, () => 1),
      options,
    );
    expect([post.valueStatus, post.emptyStatus]).toEqual([201, 200]);
    const del = compileRoute(
      defineRoute({ method: 'DELETE', path: '/a' }, () => 1),
      options,
    );
    expect([del.valueStatus, del.emptyStatus]).toEqual([200, 204]);
  });

  it('uses a route policy over the app policy', () => {
    const c = compileRoute(
      defineRoute({ method: 'POST', path: '/a', policy: 'fastapi' }, () => 1),
      options,
    );
    expect(c.valueStatus).toBe(200);
  });

  it('collects models by status and the timeout', () => {
    const Message = z.object({ detail: z.string() });
    const c = compileRoute(
      defineRoute(
        {
          method: 'GET',
          path: '/a',
          response: Item,
          timeout: 5,
          responses: { 404: { model: Message }, '4XX': { model: Message }, 409: 'Conflict' },
        },
        () => ({ name: 'x', price: 1 }),
      ),
      options,
    );
    expect([...c.models.keys()]).toEqual([404]);
    expect(c.successModel).toBe(Item);
    expect(c.timeout).toBe(5);
  });
});

describe('createStatuskit', () => {
  it('exposes the routes and the resolved options', () => {
    const route = defineRoute({ method: 'GET', path: '/' }, () => 'x');
    const kit = createStatuskit([route], { policy: 'fastapi' });
    expect(kit.routes).toEqual([route]);
    expect(kit.options.policy.name).toBe('fastapi');
  });

  it('accepts its own routes back (AnyRoute[])', () => {
    const routes: AnyRoute[] = [defineRoute({ method: 'GET', path: '/' }, () => 'x')];
    expect(createStatuskit(createStatuskit(routes).routes).routes).toEqual(routes);
  });

  it.each([null, 'GET /', {}, { handler: () => 1, segments: 'x' }])(
    'refuses %j as a route',
    (route) => {
      const error = thrownBy(() => createStatuskit([route as never]));
      expect(isStatuskitError(error, ErrorCode.INVALID_ROUTE)).toBe(true);
      expect((error as Error).message).toContain('make routes with defineRoute()');
    },
  );

  it('refuses duplicate routes', () => {
    const a = defineRoute({ method: 'GET', path: '/a/{x}' }, () => 1);
    const b = defineRoute({ method: 'GET', path: '/a/{y}' }, () => 1);
    const error = thrownBy(() => createStatuskit([a, b]));
    expect(isStatuskitError(error, ErrorCode.INVALID_ROUTE)).toBe(true);
    expect((error as Error).message).toBe(
      '[statuskit] route GET /a/{y} is declared twice (also as GET /a/{x}); remove one.',
    );
  });

  it('refuses a route-level policy that answers an invalid status', () => {
    const route = defineRoute(
      { method: 'GET', path: '/', policy: { name: 'bad', status: () => 600 } },
      () => 1,
    );
    expect(
      isStatuskitError(
        thrownBy(() => createStatuskit([route])),
        ErrorCode.INVALID_STATUS,
      ),
    ).toBe(true);
  });
});

describe('kit.handle: precedence (exception > explicit > setStatus > declared > policy)', () => {
  const kit = createStatuskit([
    defineRoute({ method: 'GET', path: '/policy' }, () => ({ a: 1 })),
    defineRoute({ method: 'POST', path: '/policy' }, () => ({ a: 1 })),
    defineRoute({ method: 'POST', path: '/declared', status: 202 }, () => ({ a: 1 })),
    defineRoute({ method: 'POST', path: '/set', status: 202 }, (ctx) => {
      ctx.setStatus(203);
      return { a: 1 };
    }),
    defineRoute({ method: 'POST', path: '/explicit', status: 202 }, (ctx) => {
      ctx.setStatus(203);
      return json({ a: 1 }, { status: 206 });
    }),
    defineRoute({ method: 'POST', path: '/explicit-no-status', status: 202 }, (ctx) => {
      ctx.setStatus(203);
      return json({ a: 1 });
    }),
    defineRoute({ method: 'POST', path: '/explicit-declared', status: 202 }, () => json({ a: 1 })),
    defineRoute({ method: 'POST', path: '/raise', status: 202 }, (ctx) => {
      ctx.setStatus(203);
      ctx.setHeader('x-set', 'dropped');
      throw new HttpException(409, 'Conflict');
    }),
    defineRoute({ method: 'POST', path: '/return-exception' }, () => new HttpException(410)),
  ]);

  it.each([
    ['GET', '/policy', 200],
    ['POST', '/policy', 201],
    ['POST', '/declared', 202],
    ['POST', '/set', 203],
    ['POST', '/explicit', 206],
    ['POST', '/explicit-no-status', 203],
    ['POST', '/explicit-declared', 202],
    ['POST', '/raise', 409],
    ['POST', '/return-exception', 410],
  ])('%s %s answers %i', async (method, url, status) => {
    expect((await send(kit, request(method, url))).status).toBe(status);
  });

  it('lets a handler destructure setStatus and setHeader', async () => {
    const k = createStatuskit([
      defineRoute({ method: 'PUT', path: '/a', status: 200 }, ({ setStatus, setHeader }) => {
        setStatus(201);
        setHeader('x-a', '1');
        return { ok: true };
      }),
    ]);
    const res = await send(k, request('PUT', '/a'));
    expect([res.status, res.header('x-a')]).toEqual([201, '1']);
  });

  it('drops setHeader headers when the handler raised', async () => {
    const res = await send(kit, request('POST', '/raise'));
    expect(res.header('x-set')).toBeUndefined();
    expect(res.json()).toEqual({ detail: 'Conflict' });
  });
});

describe('kit.handle: policies', () => {
  const routes = [
    defineRoute({ method: 'POST', path: '/items' }, () => ({ id: 2 })),
    defineRoute({ method: 'POST', path: '/nothing' }, () => undefined),
    defineRoute({ method: 'DELETE', path: '/items/{id}' }, () => undefined),
    defineRoute({ method: 'PUT', path: '/items/{id}' }, () => null),
    defineRoute({ method: 'PATCH', path: '/items/{id}' }, () => ({ ok: true })),
    defineRoute({ method: 'GET', path: '/items/{id}' }, () => ({ id: 1 })),
  ];

  it.each([
    ['POST', '/items', 201, '{"id":2}'],
    ['POST', '/nothing', 200, 'null'],
    ['DELETE', '/items/1', 204, ''],
    ['PUT', '/items/1', 204, ''],
    ['PATCH', '/items/1', 200, '{"ok":true}'],
    ['GET', '/items/1', 200, '{"id":1}'],
  ])('rest: %s %s answers %i %j', async (method, url, status, body) => {
    const res = await send(createStatuskit(routes, { policy: 'rest' }), request(method, url));
    expect([res.status, res.text()]).toEqual([status, body]);
    if (status === 204) {
      expect(res.headers).toEqual([]);
      expect(res.body).toBeNull();
    }
  });

  it.each([
    ['POST', '/items', '{"id":2}'],
    ['POST', '/nothing', 'null'],
    ['DELETE', '/items/1', 'null'],
    ['PUT', '/items/1', 'null'],
    ['GET', '/items/1', '{"id":1}'],
  ])('fastapi: %s %s answers 200 %j (JSON null for nothing)', async (method, url, body) => {
    const res = await send(createStatuskit(routes, { policy: 'fastapi' }), request(method, url));
    expect([res.status, res.text(), res.header('content-type')]).toEqual([
      200,
      body,
      'application/json',
    ]);
  });

  it('definePolicy: a custom policy decides undeclared statuses', async () => {
    const policy = definePolicy('accepting', (method, returned) =>
      method === 'POST' ? 202 : returned ? 200 : 404,
    );
    const kit = createStatuskit(routes, { policy });
    expect((await send(kit, request('POST', '/items'))).status).toBe(202);
    expect((await send(kit, request('DELETE', '/items/1'))).status).toBe(404);
  });

  it('a route policy beats the app policy', async () => {
    const kit = createStatuskit(
      [defineRoute({ method: 'POST', path: '/a', policy: 'fastapi' }, () => 1)],
      { policy: 'rest' },
    );
    expect((await send(kit, request('POST', '/a'))).status).toBe(200);
  });
});

describe('kit.handle: explicit responses', () => {
  const kit = createStatuskit([
    defineRoute({ method: 'GET', path: '/status' }, () => empty(404)),
    defineRoute({ method: 'GET', path: '/status/number' }, () => 404),
    defineRoute({ method: 'GET', path: '/accepted' }, () => json({ msg: 'ok' }, { status: 202 })),
    defineRoute({ method: 'GET', path: '/text' }, () => text('ok')),
    defineRoute({ method: 'GET', path: '/old' }, () => redirect('/items/1')),
    defineRoute({ method: 'GET', path: '/moved' }, () => redirect('/items/1', { status: 301 })),
    defineRoute({ method: 'GET', path: '/fetch' }, () =>
      fetchResponse('{"x":1}', {
        status: 203,
        headers: { 'content-type': 'application/json', 'x-from': 'fetch' },
      }),
    ),
    defineRoute({ method: 'GET', path: '/fetch-async', status: 201 }, async () =>
      fetchResponse('hi'),
    ),
    defineRoute({ method: 'GET', path: '/fetch-204' }, () => fetchResponse(null, { status: 204 })),
  ]);

  it('empty(404) answers 404 with an empty body', async () => {
    const res = await send(kit, request('GET', '/status'));
    expect([res.status, res.text(), res.headers]).toEqual([404, '', [['content-length', '0']]]);
  });

  it('a returned number is a body, never a status', async () => {
    const res = await send(kit, request('GET', '/status/number'));
    expect([res.status, res.text()]).toEqual([200, '404']);
  });

  it('json() with a status', async () => {
    const res = await send(kit, request('GET', '/accepted'));
    expect([res.status, res.text()]).toEqual([202, '{"msg":"ok"}']);
  });

  it('text()', async () => {
    const res = await send(kit, request('GET', '/text'));
    expect([res.status, res.header('content-type'), res.text()]).toEqual([
      200,
      'text/plain; charset=utf-8',
      'ok',
    ]);
  });

  it('redirect() 307 by default and 301 when asked', async () => {
    const old = await send(kit, request('GET', '/old'));
    expect([old.status, old.header('location'), old.header('content-length')]).toEqual([
      307,
      '/items/1',
      '0',
    ]);
    expect((await send(kit, request('GET', '/moved'))).status).toBe(301);
  });

  it('a WHATWG Response is sent as is: its status, headers and streamed body', async () => {
    const res = await send(kit, request('GET', '/fetch'));
    expect(res.status).toBe(203);
    expect(res.header('x-from')).toBe('fetch');
    expect(res.header('content-type')).toBe('application/json');
    expect(res.header('content-length')).toBeUndefined();
    expect(res.text()).toBe('{"x":1}');
    const later = await send(kit, request('GET', '/fetch-async'));
    expect([later.status, later.text()]).toEqual([200, 'hi']);
  });

  it('a WHATWG Response with 204 sends nothing', async () => {
    const res = await send(kit, request('GET', '/fetch-204'));
    expect([res.status, res.body, res.headers]).toEqual([204, null, []]);
  });
});

describe('kit.handle: exceptions and errors', () => {
  function kitThrowing(value: () => unknown, options = {}) {
    const rec = recorder();
    const kit = createStatuskit(
      [
        defineRoute({ method: 'GET', path: '/x', status: 201 }, (ctx) => {
          ctx.setStatus(202);
          throw value();
        }),
      ],
      { ...rec.options, ...options },
    );
    return { kit, rec };
  }

  it.each([
    [
      'a string detail',
      () => new HttpException(404, 'Item not found'),
      404,
      '{"detail":"Item not found"}',
    ],
    [
      'an object detail',
      () => new HttpException(418, { reason: 'short and stout' }),
      418,
      '{"detail":{"reason":"short and stout"}}',
    ],
    ['an array detail', () => new HttpException(400, ['a', 1]), 400, '{"detail":["a",1]}'],
    ['an omitted detail', () => new HttpException(403), 403, '{"detail":"Forbidden"}'],
  ])('HttpException with %s', async (_, make, status, body) => {
    const { kit, rec } = kitThrowing(make);
    const res = await send(kit, request('GET', '/x'));
    expect([res.status, res.text(), res.header('content-type')]).toEqual([
      status,
      body,
      'application/json',
    ]);
    expect(rec.errors).toEqual([]);
  });

  it('keeps the exception headers', async () => {
    const { kit, rec } = kitThrowing(
      () =>
        new HttpException(401, 'Not authenticated', { headers: { 'WWW-Authenticate': 'Bearer' } }),
    );
    const res = await send(kit, request('GET', '/x'));
    expect(res.headers).toEqual([
      ['www-authenticate', 'Bearer'],
      ['content-type', 'application/json'],
      ['content-length', '30'],
    ]);
    expect(rec.diagnostics).toEqual([]);
  });

  it('reports a 401 without www-authenticate to onDiagnostic, naming the route', async () => {
    const { kit, rec } = kitThrowing(() => new HttpException(401));
    await send(kit, request('GET', '/x'));
    expect(rec.diagnostics.map((d) => [d.code, d.route, d.status])).toEqual([
      [DiagnosticCode.MISSING_WWW_AUTHENTICATE, 'GET /x', 401],
    ]);
  });

  it.each([
    ['an Error', () => new Error('secret')],
    ['a string', () => 'secret'],
    ['undefined', () => undefined],
    ['a plain object', () => ({ secret: true })],
    ['a StatuskitError', () => new StatuskitError(ErrorCode.INVALID_OPTION, 'secret')],
  ])('a thrown %s answers 500 without leaking, and onError gets the original', async (_, make) => {
    const thrown = make();
    const { kit, rec } = kitThrowing(() => thrown);
    const res = await send(kit, request('GET', '/x?q=1'));
    expect(res.status).toBe(500);
    expect(res.text()).toBe('{"detail":"Internal Server Error"}');
    expect(res.text()).not.toContain('secret');
    expect(rec.errors).toHaveLength(1);
    expect(rec.errors[0]?.error).toBe(thrown);
    expect(rec.errors[0]?.info).toEqual({ route: 'GET /x', method: 'GET', url: '/x?q=1' });
  });

  it('a rejected promise is the same as a throw', async () => {
    const rec = recorder();
    const error = new Error('async secret');
    const kit = createStatuskit(
      [
        defineRoute({ method: 'GET', path: '/x' }, async () => {
          await Promise.resolve();
          throw error;
        }),
      ],
      rec.options,
    );
    const res = await send(kit, request('GET', '/x'));
    expect([res.status, res.text()]).toEqual([500, '{"detail":"Internal Server Error"}']);
    expect(rec.errors[0]?.error).toBe(error);
  });

  it('shows the error only with debug: true', async () => {
    const { kit } = kitThrowing(() => new RangeError('secret'), { debug: true });
    const res = await send(kit, request('GET', '/x'));
    expect(res.status).toBe(500);
    expect(res.json()).toMatchObject({
      detail: 'Internal Server Error',
      debug: { name: 'RangeError', message: 'secret' },
    });
  });

  it('a throwing onError hook does not change the answer', async () => {
    const kit = createStatuskit(
      [
        defineRoute({ method: 'GET', path: '/x' }, () => {
          throw new Error('x');
        }),
      ],
      {
        onError: () => {
          throw new Error('hook failed');
        },
      },
    );
    expect((await send(kit, request('GET', '/x'))).status).toBe(500);
  });

  it('logs to console.error by default', async () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const kit = createStatuskit([
        defineRoute({ method: 'GET', path: '/x' }, () => {
          throw new Error('x');
        }),
      ]);
      await send(kit, request('GET', '/x'));
      expect(spy).toHaveBeenCalledWith(
        '[statuskit] GET /x: unhandled error, answered 500:',
        expect.any(Error),
      );
    } finally {
      spy.mockRestore();
    }
  });

  it('renders RFC 9457 problems with errorFormat: problem', async () => {
    const { kit } = kitThrowing(() => new HttpException(404, 'Item not found'), {
      errorFormat: 'problem',
    });
    const res = await send(kit, request('GET', '/x'));
    expect(res.header('content-type')).toBe('application/problem+json');
    expect(res.json()).toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: 'Item not found',
    });
    const { kit: failing } = kitThrowing(() => new Error('x'), { errorFormat: 'problem' });
    expect((await send(failing, request('GET', '/x'))).json()).toEqual({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      detail: 'Internal Server Error',
    });
  });
});

describe('kit.handle: routing answers', () => {
  const kit = createStatuskit([
    defineRoute({ method: 'GET', path: '/items/{id}' }, ({ params }) => ({ id: params.id })),
    defineRoute({ method: 'DELETE', path: '/items/{id}' }, () => undefined),
    defineRoute({ method: 'GET', path: '/slash/' }, () => 'slash'),
  ]);

  it('404 for an unknown path', async () => {
    const res = await send(kit, request('GET', '/nope'));
    expect([res.status, res.text(), res.headers]).toEqual([
      404,
      '{"detail":"Not Found"}',
      [
        ['content-type', 'application/json'],
        ['content-length', '22'],
      ],
    ]);
  });

  it('405 with a complete ordered allow', async () => {
    const res = await send(kit, request('PATCH', '/items/1'));
    expect([res.status, res.text(), res.header('allow')]).toEqual([
      405,
      '{"detail":"Method Not Allowed"}',
      'GET, HEAD, DELETE',
    ]);
    expect(res.header('content-length')).toBe('31');
  });

  it('307 trailing-slash redirect keeping the query, both ways', async () => {
    const res = await send(kit, request('GET', '/items/1/?a=1&b=%20'));
    expect([res.status, res.header('location'), res.body]).toEqual([
      307,
      '/items/1?a=1&b=%20',
      null,
    ]);
    expect((await send(kit, request('GET', '/slash'))).header('location')).toBe('/slash/');
  });

  it('no redirect with redirectSlashes: false', async () => {
    const strict = createStatuskit(kit.routes, { redirectSlashes: false });
    expect((await send(strict, request('GET', '/items/1/'))).status).toBe(404);
  });

  it('400 for malformed percent-encoding', async () => {
    const res = await send(kit, request('GET', '/items/%E0%A4%A'));
    expect([res.status, res.text()]).toEqual([400, '{"detail":"Bad Request"}']);
  });

  it('routes an absolute-form target by its path', async () => {
    const res = await send(kit, request('GET', 'http://example.com/items/7?x=1'));
    expect(res.json()).toEqual({ id: '7' });
  });

  it('HEAD answers like GET, without a body and with the same content-length', async () => {
    const get = await send(kit, request('GET', '/items/1'));
    const head = await send(kit, request('HEAD', '/items/1'));
    expect(head.status).toBe(get.status);
    expect(head.headers).toEqual(get.headers);
    expect(head.header('content-length')).toBe('10');
    expect(head.body).toBeNull();
    const missing = await send(kit, request('HEAD', '/nope'));
    expect([missing.status, missing.header('content-length'), missing.body]).toEqual([
      404,
      '22',
      null,
    ]);
  });

  it('the handler of a HEAD request sees HEAD', async () => {
    let seen = '';
    const k = createStatuskit([
      defineRoute({ method: 'GET', path: '/' }, (ctx) => {
        seen = ctx.method;
        return 1;
      }),
    ]);
    await send(k, request('HEAD', '/'));
    expect(seen).toBe('HEAD');
  });
});

describe('kit.handle: request validation', () => {
  const Params = z.object({ id: z.coerce.number().int().positive() });
  const Query = z.object({ limit: z.coerce.number().int().max(10) });
  const Headers = z.object({ 'x-token': z.string().min(3) });

  function makeKit(options = {}) {
    return createStatuskit(
      [
        defineRoute(
          {
            method: 'POST',
            path: '/items/{id}',
            request: { params: Params, query: Query, headers: Headers, body: Item },
          },
          ({ params, query, headers, body }) => ({
            id: params.id,
            limit: query.limit,
            token: headers['x-token'],
            body,
          }),
        ),
        defineRoute(
          { method: 'POST', path: '/valibot', request: { body: v.object({ n: v.number() }) } },
          ({ body }) => body,
        ),
        defineRoute({ method: 'POST', path: '/free' }, ({ body }) => ({ got: body ?? 'nothing' })),
        defineRoute({ method: 'POST', path: '/items' }, ({ body }) => body),
      ],
      options,
    );
  }
  const kit = makeKit();

  it('passes validated, coerced values to the handler', async () => {
    const res = await send(
      kit,
      withBody('POST', '/items/5?limit=3', '{"name":"Hammer","price":9.5,"extra":1}', null, {
        'content-type': 'application/json; charset=utf-8',
        'x-token': 'abcd',
      }),
    );
    expect(res.status).toBe(201);
    expect(res.json()).toEqual({
      id: 5,
      limit: 3,
      token: 'abcd',
      body: { name: 'Hammer', price: 9.5 },
    });
  });

  it('answers one 422 listing every problem in path, query, header, body order', async () => {
    const res = await send(
      kit,
      withBody('POST', '/items/abc?limit=99', '{"name":"","price":-1}', 'application/json', {
        'x-token': 'a',
      }),
    );
    expect(res.status).toBe(422);
    const detail = (res.json() as { detail: Array<{ loc: unknown[]; msg: string; type: string }> })
      .detail;
    expect(detail.map((d) => d.loc)).toEqual([
      ['path', 'id'],
      ['query', 'limit'],
      ['header', 'x-token'],
      ['body', 'name'],
      ['body', 'price'],
    ]);
    for (const d of detail) {
      expect(typeof d.msg).toBe('string');
      expect(typeof d.type).toBe('string');
    }
  });

  it('validates with valibot too', async () => {
    const ok = await send(kit, withBody('POST', '/valibot', '{"n":1}'));
    expect([ok.status, ok.text()]).toEqual([201, '{"n":1}']);
    const bad = await send(kit, withBody('POST', '/valibot', '{"n":"1"}'));
    expect(bad.status).toBe(422);
    expect(bad.json()).toEqual({
      detail: [
        {
          type: 'number',
          loc: ['body', 'n'],
          msg: 'Invalid type: Expected number but received "1"',
          input: '1',
        },
      ],
    });
  });

  it('reports a missing body as one "missing" problem', async () => {
    const res = await send(kit, request('POST', '/valibot'));
    expect([res.status, res.json()]).toEqual([
      422,
      { detail: [{ type: 'missing', loc: ['body'], msg: 'Field required', input: null }] },
    ]);
  });

  it('answers 422 json_invalid for malformed JSON, at the character offset', async () => {
    const res = await send(kit, withBody('POST', '/valibot', '{"name": '));
    expect([res.status, res.json()]).toEqual([
      422,
      {
        detail: [{ type: 'json_invalid', loc: ['body', 9], msg: 'JSON decode error', input: {} }],
      },
    ]);
  });

  it('answers 400 for malformed JSON with malformedJsonStatus: 400', async () => {
    const res = await send(
      makeKit({ malformedJsonStatus: 400 }),
      withBody('POST', '/valibot', '{'),
    );
    expect(res.status).toBe(400);
    expect((res.json() as { detail: Array<{ type: string }> }).detail[0]?.type).toBe(
      'json_invalid',
    );
  });

  it('answers 422 json_invalid for JSON nested deeper than maxJsonDepth', async () => {
    const deep = `${'['.repeat(6)}${']'.repeat(6)}`;
    const res = await send(makeKit({ maxJsonDepth: 5 }), withBody('POST', '/valibot', deep));
    expect([res.status, res.json()]).toEqual([
      422,
      {
        detail: [
          {
            type: 'json_invalid',
            loc: ['body'],
            msg: 'JSON nested deeper than 5 levels',
            input: {},
          },
        ],
      },
    ]);
  });

  it('applies maxJsonDepth to a body the framework already parsed', async () => {
    let deep: unknown = 1;
    for (let i = 0; i < 6; i++) deep = [deep];
    const parsed = (): ReturnType<typeof request> =>
      request('POST', '/valibot', { body: { kind: 'parsed', value: deep } });
    const res = await send(makeKit({ maxJsonDepth: 5 }), parsed());
    expect([res.status, res.json()]).toEqual([
      422,
      {
        detail: [
          {
            type: 'json_invalid',
            loc: ['body'],
            msg: 'JSON nested deeper than 5 levels',
            input: {},
          },
        ],
      },
    ]);
    expect(
      (await send(makeKit({ maxJsonDepth: 5, malformedJsonStatus: 400 }), parsed())).status,
    ).toBe(400);
    // Within the limit, the parsed value goes on to validation (here: not an object, so 422 from the model).
    const ok = await send(makeKit({ maxJsonDepth: 6 }), parsed());
    expect((ok.json() as { detail: Array<{ type: string }> }).detail[0]?.type).not.toBe(
      'json_invalid',
    );
  });

  it('answers 415 for a non-JSON body on a route with a body model', async () => {
    const res = await send(kit, withBody('POST', '/valibot', '{"n":1}', 'text/plain'));
    expect([res.status, res.text()]).toEqual([415, '{"detail":"Unsupported Media Type"}']);
    const none = await send(kit, withBody('POST', '/valibot', '{"n":1}', null));
    expect(none.status).toBe(415);
  });

  it('hands a route without a body model the parsed JSON, raw bytes, or nothing', async () => {
    expect((await send(kit, withBody('POST', '/free', '{"a":1}'))).json()).toEqual({
      got: { a: 1 },
    });
    const raw = await send(kit, withBody('POST', '/free', 'abc', 'text/plain'));
    expect(raw.json()).toEqual({ got: { 0: 97, 1: 98, 2: 99 } });
    expect((await send(kit, request('POST', '/free'))).json()).toEqual({ got: 'nothing' });
  });

  it('takes a body the framework already parsed', async () => {
    const res = await send(
      kit,
      request('POST', '/valibot', { body: { kind: 'parsed', value: { n: 2 } } }),
    );
    expect([res.status, res.text()]).toEqual([201, '{"n":2}']);
  });

  it('reads a stream body when the headers say there is one', async () => {
    const res = await send(
      kit,
      request('POST', '/valibot', {
        headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
        body: { kind: 'stream', stream: streamOf([utf8('{"n"'), utf8(':3}')]) },
      }),
    );
    expect([res.status, res.text()]).toEqual([201, '{"n":3}']);
  });

  it('ignores a stream body the headers do not announce', async () => {
    const source = streamOf([utf8('{"n":3}')]);
    const res = await send(
      kit,
      request('POST', '/valibot', {
        headers: { 'content-type': 'application/json' },
        body: { kind: 'stream', stream: source },
      }),
    );
    expect(res.status).toBe(422);
    expect(source.pulled).toBe(0);
  });

  it('"__proto__" and "constructor" keys pollute nothing', async () => {
    const payload =
      '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"name":"a","price":1}';
    const res = await send(kit, withBody('POST', '/items', payload));
    expect(res.status).toBe(201);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    const zodded = await send(
      kit,
      withBody('POST', '/items/1?limit=1', payload, null, {
        'content-type': 'application/json',
        'x-token': 'abc',
      }),
    );
    expect(zodded.status).toBe(201);
    expect((zodded.json() as { body: unknown }).body).toEqual({ name: 'a', price: 1 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reports validation problems in RFC 9457 errors with the problem format', async () => {
    const res = await send(makeKit({ errorFormat: 'problem' }), withBody('POST', '/valibot', '{}'));
    expect(res.status).toBe(422);
    expect(res.header('content-type')).toBe('application/problem+json');
    expect(res.json()).toMatchObject({
      type: 'about:blank',
      title: 'Unprocessable Content',
      status: 422,
      errors: [{ loc: ['body', 'n'] }],
    });
  });
});

describe('kit.handle: body limits', () => {
  const kit = createStatuskit(
    [defineRoute({ method: 'POST', path: '/items', request: { body: Item } }, ({ body }) => body)],
    { bodyLimit: 16 },
  );

  it('413 when content-length says the body is too large, without reading it', async () => {
    const source = streamOf([utf8('x')]);
    const res = await send(
      kit,
      request('POST', '/items', {
        headers: { 'content-type': 'application/json', 'content-length': '17' },
        body: { kind: 'stream', stream: source },
      }),
    );
    expect([res.status, res.text(), res.header('connection')]).toEqual([
      413,
      '{"detail":"Content Too Large"}',
      'close',
    ]);
    expect(source.pulled).toBe(0);
  });

  it('413 when the streamed body grows past the limit', async () => {
    const res = await send(
      kit,
      request('POST', '/items', {
        headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
        body: { kind: 'stream', stream: streamOf([utf8('{"name":"'), utf8('aaaaaaaaaa"}')]) },
      }),
    );
    expect(res.status).toBe(413);
  });

  it('413 when bytes handed over are larger than the limit', async () => {
    const res = await send(kit, withBody('POST', '/items', '{"name":"abcdefghij","price":1}'));
    expect(res.status).toBe(413);
  });

  it('accepts a body of exactly the limit, by content-length, stream and bytes', async () => {
    const body = '{"name":"ab","price":1}';
    const exact = createStatuskit(kit.routes, { bodyLimit: body.length });
    const streamed = (text: string) =>
      request('POST', '/items', {
        headers: { 'content-type': 'application/json', 'content-length': String(text.length) },
        body: { kind: 'stream', stream: streamOf([utf8(text.slice(0, 5)), utf8(text.slice(5))]) },
      });
    expect((await send(exact, withBody('POST', '/items', body))).status).toBe(201);
    expect((await send(exact, streamed(body))).status).toBe(201);
    const over = body.replace('ab', 'abc');
    expect((await send(exact, withBody('POST', '/items', over))).status).toBe(413);
    expect((await send(exact, streamed(over))).status).toBe(413);
  });

  it('400 when the stream fails', async () => {
    const failing: AsyncIterable<Uint8Array> = {
      [Symbol.asyncIterator]: () => ({
        next: () => Promise.reject(new Error('aborted')),
      }),
    };
    const res = await send(
      kit,
      request('POST', '/items', {
        headers: { 'content-type': 'application/json', 'content-length': '5' },
        body: { kind: 'stream', stream: failing },
      }),
    );
    expect([res.status, res.text()]).toEqual([400, '{"detail":"Bad Request"}']);
  });

  describe('timeouts', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it('408 with connection: close when the body does not arrive in time', async () => {
      vi.useFakeTimers();
      const stalled: AsyncIterable<Uint8Array> = {
        [Symbol.asyncIterator]: () => ({ next: () => new Promise(() => {}) }),
      };
      const slow = createStatuskit(kit.routes, { bodyTimeout: 50 });
      const pending = send(
        slow,
        request('POST', '/items', {
          headers: { 'content-type': 'application/json', 'content-length': '5' },
          body: { kind: 'stream', stream: stalled },
        }),
      );
      await vi.advanceTimersByTimeAsync(50);
      const res = await pending;
      expect([res.status, res.text(), res.header('connection')]).toEqual([
        408,
        '{"detail":"Request Timeout"}',
        'close',
      ]);
    });

    it('503 with retry-after when the handler outlives its timeout; the late result is reported', async () => {
      vi.useFakeTimers();
      const rec = recorder();
      let finish: (value: unknown) => void = () => {};
      const slow = createStatuskit(
        [
          defineRoute(
            { method: 'GET', path: '/slow', timeout: 100 },
            () => new Promise((resolve) => (finish = resolve)),
          ),
        ],
        { ...rec.options, retryAfter: 7 },
      );
      const pending = send(slow, request('GET', '/slow'));
      await vi.advanceTimersByTimeAsync(100);
      const res = await pending;
      expect([res.status, res.text(), res.header('retry-after')]).toEqual([
        503,
        '{"detail":"Service Unavailable"}',
        '7',
      ]);
      finish({ late: true });
      await vi.advanceTimersByTimeAsync(0);
      expect(rec.diagnostics.map((d) => [d.code, d.route, d.status])).toEqual([
        [DiagnosticCode.LATE_RESULT, 'GET /slow', 503],
      ]);
    });

    it('reports a late failure with its error', async () => {
      vi.useFakeTimers();
      const rec = recorder();
      let fail: (error: unknown) => void = () => {};
      const slow = createStatuskit(
        [
          defineRoute(
            { method: 'GET', path: '/slow' },
            () => new Promise((_, reject) => (fail = reject)),
          ),
        ],
        { ...rec.options, handlerTimeout: 10 },
      );
      const pending = send(slow, request('GET', '/slow'));
      await vi.advanceTimersByTimeAsync(10);
      expect((await pending).status).toBe(503);
      const error = new Error('late');
      fail(error);
      await vi.advanceTimersByTimeAsync(0);
      expect(rec.diagnostics).toMatchObject([{ code: DiagnosticCode.LATE_RESULT, error }]);
      expect(rec.errors).toEqual([]);
    });

    it('a handler that answers in time is not affected by its timeout', async () => {
      const rec = recorder();
      const quick = createStatuskit(
        [
          defineRoute({ method: 'GET', path: '/a', timeout: 60_000 }, async () => 'ok'),
          defineRoute({ method: 'GET', path: '/b', timeout: 60_000 }, async () => {
            throw new HttpException(409);
          }),
        ],
        rec.options,
      );
      expect((await send(quick, request('GET', '/a'))).text()).toBe('"ok"');
      expect((await send(quick, request('GET', '/b'))).status).toBe(409);
      expect(rec.diagnostics).toEqual([]);
    });
  });
});

describe('kit.handle: response models', () => {
  const Message = z.object({ detail: z.string() });

  function makeKit(value: unknown, extra: Partial<Parameters<typeof defineRoute>[0]> = {}) {
    const rec = recorder();
    const kit = createStatuskit(
      [
        defineRoute(
          {
            method: 'POST',
            path: '/items/declared',
            status: 201,
            response: StoredItem,
            responses: { 404: { model: Message } },
            ...extra,
          },
          ((ctx: { setStatus(s: number): void }) => {
            if (typeof value === 'function') return value(ctx);
            return value;
          }) as never,
        ),
      ],
      rec.options,
    );
    return { kit, rec };
  }

  it('validates and strips unknown keys', async () => {
    const { kit, rec } = makeKit({ id: 2, name: 'a', price: 1, internal: 'secret' });
    const res = await send(kit, request('POST', '/items/declared'));
    expect([res.status, res.text()]).toEqual([201, '{"name":"a","price":1,"id":2}']);
    expect(rec.diagnostics).toEqual([]);
  });

  it('a mismatch is a 500 with a diagnostic naming the route and issues, leaking nothing', async () => {
    const { kit, rec } = makeKit({ id: 'two', name: 'secret-name', price: 1 });
    const res = await send(kit, request('POST', '/items/declared'));
    expect([res.status, res.text()]).toEqual([500, '{"detail":"Internal Server Error"}']);
    expect(rec.diagnostics).toHaveLength(1);
    const d = rec.diagnostics[0]!;
    expect([d.code, d.route, d.status]).toEqual([
      DiagnosticCode.RESPONSE_VALIDATION,
      'POST /items/declared',
      201,
    ]);
    expect(d.message).toContain('POST /items/declared');
    expect(d.issues).toEqual([
      expect.objectContaining({ loc: ['response', 'id'], type: 'invalid_type' }),
    ]);
    expect(rec.errors).toHaveLength(1);
    expect(isStatuskitError(rec.errors[0]?.error, ErrorCode.RESPONSE_VALIDATION)).toBe(true);
  });

  it('picks the model of the status set with setStatus', async () => {
    const { kit, rec } = makeKit((ctx: { setStatus(s: number): void }) => {
      ctx.setStatus(404);
      return { detail: 'gone', extra: 1 };
    });
    const res = await send(kit, request('POST', '/items/declared'));
    expect([res.status, res.text()]).toEqual([404, '{"detail":"gone"}']);
    expect(rec.diagnostics).toEqual([]);
  });

  it('does not validate explicit responses, other statuses, or 204s', async () => {
    const explicit = makeKit(() => json({ anything: true }, { status: 299 }));
    expect((await send(explicit.kit, request('POST', '/items/declared'))).text()).toBe(
      '{"anything":true}',
    );
    const other = makeKit((ctx: { setStatus(s: number): void }) => {
      ctx.setStatus(409);
      return { free: 1 };
    });
    expect((await send(other.kit, request('POST', '/items/declared'))).text()).toBe('{"free":1}');
    const noContent = makeKit((ctx: { setStatus(s: number): void }) => {
      ctx.setStatus(204);
      return { free: 1 };
    });
    const res = await send(noContent.kit, request('POST', '/items/declared'));
    expect([res.status, res.body]).toEqual([204, null]);
    expect(noContent.rec.diagnostics.map((d) => d.code)).toEqual([DiagnosticCode.BODY_DROPPED]);
  });

  it('awaits an async response model', async () => {
    const Async = z.object({ a: z.number() }).refine(async () => true);
    const rec = recorder();
    const kit = createStatuskit(
      [defineRoute({ method: 'GET', path: '/', response: Async }, () => ({ a: 1, b: 2 }))],
      rec.options,
    );
    expect((await send(kit, request('GET', '/'))).text()).toBe('{"a":1}');
  });
});

describe('kit.fail', () => {
  it('answers an HttpException thrown outside a handler as itself', async () => {
    const rec = recorder();
    const kit = createStatuskit([], rec.options);
    const exchange = await kit.fail(
      new HttpException(401, 'Not authenticated', { headers: { 'www-authenticate': 'Bearer' } }),
      request('GET', '/x'),
    );
    const out = exchange.commit();
    expect(out.status).toBe(401);
    expect(out.headers[0]).toEqual(['www-authenticate', 'Bearer']);
    expect(bodyText(out.body)).toBe('{"detail":"Not authenticated"}');
    expect(rec.errors).toEqual([]);
  });

  it('answers anything else with the 500 and reports it to onError', async () => {
    const rec = recorder();
    const kit = createStatuskit([], rec.options);
    const error = new Error('secret');
    const exchange = await kit.fail(error, request('POST', '/x?y=1'));
    const out = exchange.commit();
    expect(out.status).toBe(500);
    expect(bodyText(out.body)).toBe('{"detail":"Internal Server Error"}');
    expect(rec.errors).toEqual([
      { error, info: { route: 'POST /x', method: 'POST', url: '/x?y=1' } },
    ]);
  });
});

describe('kit.handle: more request bodies', () => {
  it('awaits an async request model', async () => {
    const Async = z.object({ n: z.number() }).refine(async (x) => x.n > 0, 'n must be positive');
    const kit = createStatuskit([
      defineRoute({ method: 'POST', path: '/a', request: { body: Async } }, ({ body }) => body),
    ]);
    expect((await send(kit, withBody('POST', '/a', '{"n":1}'))).status).toBe(201);
    const bad = await send(kit, withBody('POST', '/a', '{"n":-1}'));
    expect([bad.status, bad.json()]).toEqual([
      422,
      { detail: [{ type: 'custom', loc: ['body'], msg: 'n must be positive' }] },
    ]);
  });

  it('treats an empty byte body as a missing one', async () => {
    const kit = createStatuskit([
      defineRoute({ method: 'POST', path: '/a', request: { body: Item } }, ({ body }) => body),
    ]);
    const res = await send(kit, withBody('POST', '/a', ''));
    expect([res.status, res.json()]).toEqual([
      422,
      { detail: [{ type: 'missing', loc: ['body'], msg: 'Field required', input: null }] },
    ]);
  });

  it('logs a failed background task to console.error by default', async () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const failure = new Error('task');
      const kit = createStatuskit([
        defineRoute({ method: 'POST', path: '/a' }, ({ background }) => {
          background.add(() => {
            throw failure;
          });
          return null;
        }),
      ]);
      await send(kit, request('POST', '/a'));
      expect(spy).toHaveBeenCalledWith('[statuskit] POST /a: background task 0 failed:', failure);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('kit.handleRoute and kit.reject', () => {
  const route = defineRoute({ method: 'GET', path: '/items/{id}' }, ({ params }) => params);
  const kit = createStatuskit([route]);

  it('runs a route with the params the framework matched', async () => {
    const res = await send(
      { ...kit, handle: (req) => kit.handleRoute(route, { id: '9' }, req) },
      request('GET', '/whatever'),
    );
    expect(res.json()).toEqual({ id: '9' });
  });

  it('compiles a route it has not seen', async () => {
    const other = defineRoute({ method: 'POST', path: '/other' }, () => ({ ok: 1 }));
    const exchange = await kit.handleRoute(other, {}, request('POST', '/other'));
    expect(exchange.commit().status).toBe(201);
  });

  it.each([
    [400, '{"detail":"Bad Request"}', undefined],
    [413, '{"detail":"Content Too Large"}', 'close'],
    [408, '{"detail":"Request Timeout"}', 'close'],
  ])('answers a framework-detected %i like the core would', async (status, body, connection) => {
    const exchange = await kit.reject(status, request('POST', '/x'));
    const out = exchange.commit();
    expect(out.status).toBe(status);
    expect(bodyText(out.body)).toBe(body);
    expect(out.headers.find(([n]) => n === 'connection')?.[1]).toBe(connection);
    await exchange.finish();
    expect(exchange.state).toBe('finished');
  });
});

describe('kit.refuse', () => {
  let ran = 0;
  const secret = defineRoute({ method: 'GET', path: '/secret' }, () => {
    ran++;
    return { secret: true };
  });
  const create = defineRoute(
    { method: 'POST', path: '/items', request: { body: Item } },
    ({ body }) => {
      ran++;
      return body;
    },
  );
  const kit = createStatuskit([secret, create]);

  async function answer(status: number, req: ReturnType<typeof request>) {
    const exchange = await kit.refuse(status, req);
    const out = exchange.commit();
    await exchange.finish();
    return { status: out.status, body: out.body === null ? '' : bodyText(out.body) };
  }

  it('answers the refusal where the handler would run, and never runs it', async () => {
    ran = 0;
    expect(await answer(400, withBody('GET', '/secret', '{"a":'))).toEqual({
      status: 400,
      body: '{"detail":"Bad Request"}',
    });
    expect(await answer(415, request('GET', '/secret'))).toEqual({
      status: 415,
      body: '{"detail":"Unsupported Media Type"}',
    });
    expect(ran).toBe(0);
  });

  it('keeps the core answers that come before the handler: 404, 405, redirects, 422', async () => {
    ran = 0;
    expect((await answer(400, request('GET', '/nowhere'))).status).toBe(404);
    expect((await answer(400, request('DELETE', '/secret'))).status).toBe(405);
    expect((await answer(400, request('GET', '/secret/'))).status).toBe(307);
    const invalid = await answer(400, withBody('POST', '/items', '{"name":""}'));
    expect(invalid.status).toBe(422);
    expect(ran).toBe(0);
  });

  it('asks for no body the refusing middleware already consumed', async () => {
    ran = 0;
    // The parser read the body and kept nothing: no 422 "missing", the refusal itself.
    expect((await answer(413, request('POST', '/items'))).status).toBe(413);
    expect(ran).toBe(0);
  });

  it('refuses an invalid status where it is written', () => {
    expect(isStatuskitError(thrownBy(() => kit.refuse(99, request('GET', '/secret'))))).toBe(true);
  });
});

describe('kit.dispatch', () => {
  const sync = defineRoute({ method: 'GET', path: '/sync' }, () => ({ ok: true }));
  const raises = defineRoute({ method: 'GET', path: '/raise' }, () => {
    throw new HttpException(404, 'Item not found');
  });
  const throwsString = defineRoute({ method: 'GET', path: '/string' }, () => {
    throw 'not an Error';
  });
  const later = defineRoute({ method: 'GET', path: '/async' }, async () => ({ ok: 'later' }));
  const reads = defineRoute(
    { method: 'POST', path: '/items', request: { body: Item } },
    ({ body }) => body,
  );
  const kit = createStatuskit([sync, raises, throwsString, later, reads], {
    onError: () => {},
  });

  async function viaHandle(req: ReturnType<typeof request>) {
    const out = (await kit.handle(req)).commit();
    return { status: out.status, headers: out.headers, body: out.body };
  }

  it.each([
    ['a synchronous handler', request('GET', '/sync')],
    ['a synchronous raise', request('GET', '/raise')],
    ['a thrown non-Error', request('GET', '/string')],
    ['an unknown route', request('GET', '/nowhere')],
    ['a 405', request('DELETE', '/sync')],
    ['a HEAD', request('HEAD', '/sync')],
  ])('decides %s without a promise, answering as handle() does', async (_, req) => {
    const pending = kit.dispatch(req);
    expect(pending).not.toBeInstanceOf(Promise);
    const exchange = pending as Exclude<typeof pending, Promise<unknown>>;
    expect(exchange.state).toBe('resolved');
    const out = exchange.commit();
    expect({ status: out.status, headers: out.headers, body: out.body }).toEqual(
      await viaHandle(req),
    );
  });

  it.each([
    ['an async handler', () => request('GET', '/async')],
    ['a body to read', () => withBody('POST', '/items', '{"name":"gadget","price":1}')],
  ])('returns a promise of the exchange for %s', async (_, req) => {
    const pending = kit.dispatch(req());
    expect(pending).toBeInstanceOf(Promise);
    const out = (await pending).commit();
    expect(out).toEqual((await kit.handle(req())).commit());
  });

  it('runSync() refuses a second run like run() does', () => {
    const exchange = kit.dispatch(request('GET', '/sync')) as Exclude<
      ReturnType<typeof kit.dispatch>,
      Promise<unknown>
    >;
    expect(
      isStatuskitError(
        thrownBy(() => exchange.runSync()),
        ErrorCode.ILLEGAL_TRANSITION,
      ),
    ).toBe(true);
  });
});
