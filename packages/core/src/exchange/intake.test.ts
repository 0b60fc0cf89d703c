import * as v from 'valibot';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createStatuskit } from '../kit.js';
import { defineRoute } from '../route.js';
import { request, send, streamOf, utf8, withBody } from '../test-helpers.js';

const Item = z.object({ name: z.string().min(1).max(100), price: z.number().min(0) });

describe('kit.dispatch: request validation', () => {
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

describe('kit.dispatch: more request bodies', () => {
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
