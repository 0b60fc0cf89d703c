import { describe, expect, it } from 'vitest';
import { HttpException } from './http-exception.js';
import { createStatuskit } from './kit.js';
import { definePolicy } from './policy.js';
import { empty, json, redirect, text } from './response.js';
import { defineRoute } from './route.js';
import { fetchResponse, request, send } from './test-helpers.js';

describe('kit.dispatch: precedence (exception > explicit > setStatus > declared > policy)', () => {
  const set = { 203: 'Set', 206: 'Explicit', 409: 'Conflict' };
  const kit = createStatuskit([
    defineRoute({ method: 'GET', path: '/policy' }, () => ({ a: 1 })),
    defineRoute({ method: 'POST', path: '/policy' }, () => ({ a: 1 })),
    defineRoute({ method: 'POST', path: '/declared', status: 202 }, () => ({ a: 1 })),
    defineRoute({ method: 'POST', path: '/set', status: 202, responses: { 203: 'Set' } }, (ctx) => {
      ctx.setStatus(203);
      return { a: 1 };
    }),
    defineRoute({ method: 'POST', path: '/explicit', status: 202, responses: set }, (ctx) => {
      ctx.setStatus(203);
      return json({ a: 1 }, { status: 206 });
    }),
    defineRoute(
      { method: 'POST', path: '/explicit-no-status', status: 202, responses: set },
      (ctx) => {
        ctx.setStatus(203);
        return json({ a: 1 });
      },
    ),
    defineRoute({ method: 'POST', path: '/explicit-declared', status: 202 }, () => json({ a: 1 })),
    defineRoute({ method: 'POST', path: '/raise', status: 202, responses: set }, (ctx) => {
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
      defineRoute(
        { method: 'PUT', path: '/a', status: 200, responses: { 201: 'Created' } },
        ({ setStatus, setHeader }) => {
          setStatus(201);
          setHeader('x-a', '1');
          return { ok: true };
        },
      ),
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

describe('kit.dispatch: policies', () => {
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

describe('kit.dispatch: explicit responses', () => {
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
