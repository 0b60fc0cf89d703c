import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { RequestBody } from './body.js';
import { HttpException } from './http-exception.js';
import { createStatuskit } from './kit.js';
import { defineRoute } from './route.js';
import { recorder, request, utf8, withBody } from './test-helpers.js';
import { clientErrorStatus, type UpstreamHints, upstreamAnswer } from './upstream.js';

const Item = z.object({ name: z.string().min(1).max(100), price: z.number().min(0) });
const parser: UpstreamHints = { afterBodyParser: true, bodyRefused: true };
const decoder = new TextDecoder();

function setup() {
  const state = { ran: 0 };
  const rec = recorder();
  const secret = defineRoute({ method: 'GET', path: '/secret' }, () => {
    state.ran++;
    return { secret: true };
  });
  const create = defineRoute(
    { method: 'POST', path: '/items', request: { body: Item } },
    ({ body }) => {
      state.ran++;
      return body;
    },
  );
  const kit = createStatuskit([secret, create], rec.options);
  async function answer(
    error: unknown,
    req: ReturnType<typeof request>,
    hints?: UpstreamHints,
  ): Promise<{ status: number; body: string; connection: string | undefined }> {
    const exchange = await kit.answerUpstream(error, req, hints);
    const out = exchange.commit();
    exchange.finishAfter({ closed: true, once: () => undefined });
    const body =
      out.body === null
        ? ''
        : typeof out.body === 'string'
          ? out.body
          : decoder.decode(out.body as Uint8Array);
    const connection = out.headers.find(([n]) => n === 'connection')?.[1];
    return { status: out.status, body, connection };
  }
  return { kit, rec, state, answer };
}

const httpError = (status: number): Error => Object.assign(new Error('upstream'), { status });
const withKind = (req: ReturnType<typeof request>, body: RequestBody) => ({ ...req, body });

describe('kit.answerUpstream: thrown values', () => {
  it('answers an HttpException as itself, even on a coded body after a parser', async () => {
    const { answer, rec } = setup();
    const e = new HttpException(401, 'Not authenticated', {
      headers: { 'www-authenticate': 'Bearer' },
    });
    const gzip = request('GET', '/x', { headers: { 'content-encoding': 'gzip' } });
    expect(await answer(e, gzip, parser)).toEqual({
      status: 401,
      body: '{"detail":"Not authenticated"}',
      connection: undefined,
    });
    expect(rec.errors).toEqual([]);
  });

  it('answers anything else without a 4xx with the 500 and reports it to onError', async () => {
    const { answer, rec } = setup();
    const error = new Error('secret');
    const a = await answer(error, request('POST', '/x?y=1'));
    expect([a.status, a.body]).toEqual([500, '{"detail":"Internal Server Error"}']);
    expect(rec.errors).toEqual([
      { error, info: { route: 'POST /x', method: 'POST', url: '/x?y=1' } },
    ]);
    expect((await answer(httpError(503), request('GET', '/x'))).status).toBe(500);
    expect((await answer('a string', request('GET', '/x'))).status).toBe(500);
  });

  it.each([
    [400, '{"detail":"Bad Request"}', undefined],
    [403, '{"detail":"Forbidden"}', undefined],
    [413, '{"detail":"Content Too Large"}', 'close'],
    [408, '{"detail":"Request Timeout"}', 'close'],
  ])(
    'answers an error carrying %i with that status at once, before routing',
    async (status, body, connection) => {
      const { answer } = setup();
      expect(await answer(httpError(status), request('GET', '/nowhere'))).toEqual({
        status,
        body,
        connection,
      });
      const fastify = Object.assign(new Error('x'), { statusCode: status });
      expect((await answer(fastify, request('GET', '/secret'))).status).toBe(status);
    },
  );
});

describe('kit.answerUpstream: the headers of an http-errors-style error', () => {
  const headersOf = async (error: unknown) => {
    const { kit } = setup();
    const exchange = await kit.answerUpstream(error, request('GET', '/secret'));
    const out = exchange.commit();
    exchange.finishAfter({ closed: true, once: () => undefined });
    return { status: out.status, headers: out.headers, body: out.body };
  };

  it('sends an auth middleware’s www-authenticate with its 401 (not its message)', async () => {
    const error = Object.assign(new Error('token expired at 12:00'), {
      status: 401,
      expose: true,
      headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
    });
    expect(await headersOf(error)).toEqual({
      status: 401,
      headers: [
        ['www-authenticate', 'Bearer error="invalid_token"'],
        ['content-type', 'application/json'],
        ['content-length', '25'],
      ],
      body: '{"detail":"Unauthorized"}',
    });
  });

  it('leaves framing to the core and drops values that are not strings', async () => {
    const error = Object.assign(new Error('x'), {
      status: 429,
      headers: { 'retry-after': '7', 'content-length': '999', 'content-type': 'text/html', n: 5 },
    });
    const { headers } = await headersOf(error);
    expect(headers).toEqual([
      ['retry-after', '7'],
      ['content-type', 'application/json'],
      ['content-length', '30'],
    ]);
  });

  it('sends the status without the headers when HTTP cannot carry them', async () => {
    const error = Object.assign(new Error('x'), { status: 403, headers: { 'x-bad': 'a\r\nb' } });
    const { status, headers } = await headersOf(error);
    expect(status).toBe(403);
    expect(headers.map(([n]) => n)).toEqual(['content-type', 'content-length']);
  });
});

describe('kit.answerUpstream: a content-coded body after a body parser', () => {
  it("is the core's 415 where the handler would run, after its 404 and 405", async () => {
    const { answer, state } = setup();
    const gzip = { 'content-encoding': 'gzip', 'content-length': '20' };
    const zlib = new Error('incorrect header check');
    expect((await answer(zlib, request('POST', '/items', { headers: gzip }), parser)).status).toBe(
      415,
    );
    expect((await answer(zlib, request('GET', '/secret', { headers: gzip }), parser)).status).toBe(
      415,
    );
    expect((await answer(zlib, request('GET', '/nowhere', { headers: gzip }), parser)).status).toBe(
      404,
    );
    expect((await answer(zlib, request('PUT', '/secret', { headers: gzip }), parser)).status).toBe(
      405,
    );
    expect(state.ran).toBe(0);
  });

  it('is not taken for the parser without afterBodyParser, nor for identity', async () => {
    const { answer } = setup();
    const gzip = request('GET', '/nowhere', { headers: { 'content-encoding': 'gzip' } });
    expect((await answer(httpError(403), gzip)).status).toBe(403);
    const identity = request('GET', '/nowhere', { headers: { 'content-encoding': 'identity' } });
    expect((await answer(httpError(403), identity, { afterBodyParser: true })).status).toBe(403);
  });
});

describe('kit.answerUpstream: a body the parser refused', () => {
  const text = (method: string, path: string, body: string, headers = {}) => {
    const req = withBody(method, path, body, 'application/json', headers);
    return withKind(req, { kind: 'text', text: body });
  };

  it("re-reads text it could not parse: malformed JSON is the core's 422, else the parser's 400", async () => {
    const { answer, state } = setup();
    const malformed = await answer(httpError(400), text('POST', '/items', '{"name":'), parser);
    expect(malformed.status).toBe(422);
    expect(JSON.parse(malformed.body).detail[0]).toMatchObject({
      type: 'json_invalid',
      loc: ['body', 8],
    });
    expect((await answer(httpError(400), text('GET', '/secret', '{'), parser)).status).toBe(400);
    expect((await answer(httpError(400), text('POST', '/items', '0'), parser)).status).toBe(422);
    expect(
      (await answer(httpError(400), text('POST', '/items', '{"name":"a","price":1}'), parser))
        .status,
    ).toBe(400);
    expect(state.ran).toBe(0);
  });

  it("keeps the core's answers before the handler: 404, 405, the slash redirect", async () => {
    const { answer } = setup();
    expect((await answer(httpError(400), text('GET', '/nowhere', '{'), parser)).status).toBe(404);
    expect((await answer(httpError(400), text('DELETE', '/secret', '{'), parser)).status).toBe(405);
    expect((await answer(httpError(400), text('GET', '/secret/', '{'), parser)).status).toBe(307);
  });

  it('takes decoded U+FFFD whose length does not match content-length for invalid UTF-8', async () => {
    const { answer } = setup();
    const req = withKind(
      request('POST', '/items', {
        headers: { 'content-length': '1', 'content-type': 'application/json' },
      }),
      {
        kind: 'text',
        text: '\uFFFD',
      },
    );
    const a = await answer(httpError(400), req, parser);
    expect(JSON.parse(a.body).detail).toEqual([
      { type: 'json_invalid', loc: ['body', 0], msg: 'Invalid UTF-8 in JSON body', input: {} },
    ]);
  });

  it('answers 413 for a body too large where the core would read it, after its 404', async () => {
    const { answer, state } = setup();
    const big = { 'content-length': '9999999', 'content-type': 'application/json' };
    const refused = (method: string, path: string) =>
      withKind(request(method, path, { headers: big }), { kind: 'refused', reason: 'too-large' });
    expect(await answer(httpError(413), refused('POST', '/items'), parser)).toEqual({
      status: 413,
      body: '{"detail":"Content Too Large"}',
      connection: 'close',
    });
    // A route that reads no body: the refusal stands in for its handler.
    expect(await answer(httpError(413), refused('GET', '/secret'), parser)).toEqual({
      status: 413,
      body: '{"detail":"Content Too Large"}',
      connection: undefined,
    });
    expect((await answer(httpError(413), refused('GET', '/nowhere'), parser)).status).toBe(404);
    expect(state.ran).toBe(0);
  });

  it("answers another refusal's 4xx where the handler would run; an unread body is still checked", async () => {
    const { answer, state } = setup();
    const latin1 = 'application/json; charset=latin1';
    const unread = withBody('POST', '/items', '{"name":""}', latin1);
    const stream = withKind(unread, {
      kind: 'stream',
      stream: (async function* () {
        yield utf8('{"name":""}');
      })(),
    });
    expect((await answer(httpError(415), stream, parser)).status).toBe(422);
    const valid = withBody('POST', '/items', '{"name":"a","price":1}', latin1);
    expect((await answer(httpError(415), valid, parser)).status).toBe(415);
    expect((await answer(httpError(415), withKind(valid, { kind: 'none' }), parser)).status).toBe(
      415,
    );
    expect((await answer(httpError(415), request('GET', '/nowhere'), parser)).status).toBe(404);
    expect(state.ran).toBe(0);
  });

  it('asks for no body the refusing parser already consumed (no 422 "missing")', async () => {
    const { answer } = setup();
    expect((await answer(httpError(415), request('POST', '/items'), parser)).status).toBe(415);
  });
});

describe('kit.answerUpstream: not routed by the core (route-by-route handler())', () => {
  const notRouted: UpstreamHints = { ...parser, routed: false };

  it('reads a refused body as a JSON route would, whatever the path', async () => {
    const { answer, state } = setup();
    const malformed = withKind(withBody('GET', '/anything', '{"a":'), {
      kind: 'text',
      text: '{"a":',
    });
    expect((await answer(httpError(400), malformed, notRouted)).status).toBe(422);
    const fine = withKind(withBody('GET', '/anything', '{}'), { kind: 'text', text: '{}' });
    expect((await answer(httpError(400), fine, notRouted)).status).toBe(400);
    const big = withKind(withBody('GET', '/x', '{}'), { kind: 'refused', reason: 'too-large' });
    expect((await answer(httpError(413), big, notRouted)).status).toBe(413);
    const gzip = withBody('GET', '/x', 'zz', 'application/json', { 'content-encoding': 'gzip' });
    expect((await answer(new Error('zlib'), gzip, notRouted)).status).toBe(415);
    expect((await answer(httpError(415), request('GET', '/x'), notRouted)).status).toBe(415);
    expect(state.ran).toBe(0);
  });
});

describe('upstreamAnswer and clientErrorStatus', () => {
  it('reads the integer 4xx of status or statusCode only', () => {
    expect(clientErrorStatus({ status: 404 })).toBe(404);
    expect(clientErrorStatus({ statusCode: 415 })).toBe(415);
    expect(clientErrorStatus({ status: 500 })).toBeUndefined();
    expect(clientErrorStatus({ status: '400' })).toBeUndefined();
    expect(clientErrorStatus({ status: 400.5 })).toBeUndefined();
    expect(clientErrorStatus(null)).toBeUndefined();
    expect(clientErrorStatus('400')).toBeUndefined();
  });

  it('decides the rungs in order', () => {
    const req = request('POST', '/x', { headers: { 'content-encoding': 'br' } });
    expect(upstreamAnswer(new HttpException(400), req, parser, 128)).toEqual({ kind: 'thrown' });
    expect(upstreamAnswer(httpError(400), req, parser, 128)).toMatchObject({
      kind: 'refusal',
      status: 415,
    });
    expect(upstreamAnswer(httpError(400), req, {}, 128)).toEqual({ kind: 'status', status: 400 });
    expect(upstreamAnswer(new Error('x'), req, {}, 128)).toEqual({ kind: 'thrown' });
  });
});
