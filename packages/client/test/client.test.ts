// The client against live servers (127.0.0.1, port 0) on each framework:
// what it sends is what the route expects, and what it reads is what came.
import type { AdapterUnderTest, RunningServer } from '@statuskit/conformance';
import { adapter as express } from '@statuskit/express/testing';
import { adapter as fastify } from '@statuskit/fastify/testing';
import { adapter as koa } from '@statuskit/koa/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientError, createClient, type FetchLike } from '../src/index.js';
import { kit, type routes } from './app.js';

describe.each([express, koa, fastify] as AdapterUnderTest[])('on $name', (adapter) => {
  let server: RunningServer;
  let api: ReturnType<typeof createClient<typeof routes>>;
  beforeAll(async () => {
    server = await adapter.start(kit());
    api = createClient<typeof routes>(server.url);
  });
  afterAll(() => server.close());

  it('creates, reads, refuses and deletes, each answer typed by its status', async () => {
    const created = await api.post('/items', { body: { name: 'hammer', price: 9.5 } });
    expect([created.status, created.body]).toEqual([201, { name: 'hammer', price: 9.5, id: 1 }]);
    const read = await api.request('GET /items/{id}', { params: { id: 1 } });
    if (read.status !== 200) throw new Error(`expected 200, got ${read.status}`);
    expect(read.body.name).toBe('hammer');
    expect(read.headers.get('content-type')).toBe('application/json');
    const taken = await api.post('/items', { body: { name: 'hammer', price: 1 } });
    expect([taken.status, taken.body]).toEqual([409, { detail: 'hammer exists' }]);
    const missing = await api.get('/items/{id}', { params: { id: 99 } });
    expect([missing.status, missing.body]).toEqual([404, { detail: 'Item not found' }]);
    const deleted = await api.delete('/items/{id}', { params: { id: 1 } });
    expect([deleted.status, deleted.body]).toEqual([204, undefined]);
  });

  it('reads a 422 as the list of problems', async () => {
    const invalid = await api.post('/items', { body: { name: '', price: -1 } as never });
    if (invalid.status !== 422) throw new Error(`expected 422, got ${invalid.status}`);
    expect(invalid.body.detail.map((issue) => issue.loc)).toEqual([
      ['body', 'name'],
      ['body', 'price'],
    ]);
    const badParam = await api.get('/items/{id}', { params: { id: 'abc' } });
    expect(badParam.status).toBe(422);
  });

  it('serialises params (percent-encoded), query (repeated keys) and headers', async () => {
    const echo = await api.get('/echo/{a}/{b}', { params: { a: 'a b/c?d', b: 'ü#%' } });
    expect([echo.status, echo.body]).toEqual([200, { a: 'a b/c?d', b: 'ü#%' }]);
    const search = await api.get('/search', { query: { q: 'x y&z', limit: 3, tag: ['a', 'b'] } });
    expect(search.body).toEqual({ q: 'x y&z', limit: 3, tag: ['a', 'b'] });
    const one = await api.get('/search', { query: { q: 'x', limit: undefined } });
    expect(one.body).toEqual({ q: 'x', limit: null, tag: null });
    const who = await api.get('/whoami', { headers: { 'x-user': 'ada' } });
    expect([who.status, who.body]).toEqual([200, { user: 'ada' }]);
  });

  it('reads text as a string, bytes as bytes, and no body where there is none', async () => {
    const text = await api.get('/text');
    expect([text.status, text.body]).toEqual([203, 'plain']);
    const bytes = await api.get('/bytes');
    expect(bytes.body).toEqual(new Uint8Array([1, 2, 3]));
    const touched = await api.put('/touch');
    expect([touched.status, touched.body]).toEqual([204, undefined]);
    const head = await api.request('HEAD /items/{id}', { params: { id: 99 } });
    expect([head.status, head.body]).toEqual([404, undefined]);
    const moved = await api.get('/old');
    expect([moved.status, moved.body, moved.headers.get('location')]).toEqual([
      307,
      undefined,
      '/items/1',
    ]);
  });

  it('answers an undeclared status in the honest arm, and a class key by its model', async () => {
    const teapot = await api.get('/teapot');
    expect([teapot.status, teapot.body]).toEqual([418, { short: 'and stout' }]);
    const range = await api.get('/range');
    expect([range.status, range.body]).toEqual([429, { detail: 'Slow down' }]);
  });
});

describe('the problem format', () => {
  it('reads RFC 9457 bodies', async () => {
    const server = await express.start(kit({ errorFormat: 'problem' }));
    try {
      const api = createClient<typeof routes, 'problem'>(server.url);
      const r = await api.get('/items/{id}', { params: { id: 'x' } });
      if (r.status !== 422) throw new Error(`expected 422, got ${r.status}`);
      expect(r.headers.get('content-type')).toBe('application/problem+json');
      expect([r.body.title, r.body.errors[0]?.loc]).toEqual([
        'Unprocessable Content',
        ['path', 'id'],
      ]);
    } finally {
      await server.close();
    }
  });
});

describe('without a server', () => {
  const recorded: Array<[string, unknown]> = [];
  const fake: FetchLike = async (url, init) => {
    recorded.push([url, init]);
    return new Response(init.method === 'GET' ? '{oops' : null, {
      status: init.method === 'GET' ? 200 : 204,
      headers: { 'content-type': 'application/json' },
    });
  };
  const api = createClient<typeof routes>('http://api.test/v1/', {
    fetch: fake,
    headers: { Authorization: 'Bearer t' },
  });

  it('sends through the fetch given, with default headers and a JSON body', async () => {
    await api.put('/touch');
    await api.post('/items', { body: { name: 'a', price: 1 } }).catch(() => undefined);
    expect(recorded).toEqual([
      [
        'http://api.test/v1/touch',
        { method: 'PUT', headers: { authorization: 'Bearer t' }, redirect: 'manual' },
      ],
      [
        'http://api.test/v1/items',
        {
          method: 'POST',
          headers: { authorization: 'Bearer t', 'content-type': 'application/json' },
          body: '{"name":"a","price":1}',
          redirect: 'manual',
        },
      ],
    ]);
  });

  it('throws a ClientError for a body that is not the JSON it claims, or a missing param', async () => {
    const bad = await api.get('/text').catch((error: unknown) => error);
    expect(bad).toBeInstanceOf(ClientError);
    expect((bad as ClientError).code).toBe('STATUSKIT_CLIENT_INVALID_JSON');
    expect((bad as ClientError).message).toBe(
      '[statuskit client] GET /text answered 200 with application/json, but its body is not JSON: {oops',
    );
    const missing = await api.get('/echo/{a}/{b}', { params: { a: 'x' } as never }).catch((e) => e);
    expect((missing as ClientError).message).toBe(
      '[statuskit client] GET /echo/{a}/{b}: path parameter {b} is missing; pass it in `params`.',
    );
  });
});
