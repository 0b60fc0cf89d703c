// resolve()'s HTTP rules on explicit responses, exceptions and errors (statusFor and
// values are in resolve.test.ts).
import { describe, expect, it } from 'vitest';
import { DiagnosticCode } from './diagnostic.js';
import { HttpException } from './http-exception.js';
import type { Outcome } from './outcome.js';
import { type ResolveOptions, type ResolveState, type RoutePlan, resolve } from './resolve.js';
import { bytes, type ExplicitResponse, empty, json, redirect, stream, text } from './response.js';
import { collect, streamOf, utf8 } from './test-helpers.js';

const plan: RoutePlan = { id: 'POST /items', valueStatus: 201, emptyStatus: 204 };
const options: ResolveOptions = { errorFormat: 'detail', debug: false };
const none: ResolveState = { status: undefined, headers: undefined };
const decode = (b: unknown): string =>
  typeof b === 'string' ? b : new TextDecoder().decode(b as Uint8Array);

const response = (r: ExplicitResponse): Outcome => ({ kind: 'response', response: r });
const exception = (e: HttpException): Outcome => ({ kind: 'exception', exception: e });

describe('resolve: explicit responses', () => {
  it('json() with its status and headers, merged over setHeader headers', () => {
    const state: ResolveState = {
      status: 299,
      headers: [
        ['x-a', 'state'],
        ['x-b', 'state'],
      ],
    };
    const out = resolve(
      plan,
      'GET',
      response(json({ msg: 'ok' }, { status: 202, headers: { 'x-a': 'explicit' } })),
      state,
      options,
    );
    expect(out.status).toBe(202);
    expect(out.headers).toEqual([
      ['x-b', 'state'],
      ['x-a', 'explicit'],
      ['content-type', 'application/json'],
      ['content-length', '12'],
    ]);
    expect(decode(out.body)).toBe('{"msg":"ok"}');
  });

  it('keeps setHeader headers when the response sets none', () => {
    const state: ResolveState = { status: undefined, headers: [['x-a', '1']] };
    const out = resolve(plan, 'GET', response(json(1)), state, options);
    expect(out.headers[0]).toEqual(['x-a', '1']);
  });

  it('text() with its content type', () => {
    const out = resolve(plan, 'GET', response(text('ok')), none, options);
    expect(out.status).toBe(201);
    expect(out.headers).toEqual([
      ['content-type', 'text/plain; charset=utf-8'],
      ['content-length', '2'],
    ]);
    expect(decode(out.body)).toBe('ok');
  });

  it('bytes() as is', () => {
    const data = utf8('\u0000\u0001');
    const out = resolve(plan, 'GET', response(bytes(data, { status: 200 })), none, options);
    expect(out.body).toBe(data);
    expect(out.headers).toEqual([
      ['content-type', 'application/octet-stream'],
      ['content-length', '2'],
    ]);
  });

  it('stream() without content-length', async () => {
    const out = resolve(
      plan,
      'GET',
      response(stream(streamOf([utf8('a'), utf8('b')]), { status: 200, contentType: 'text/csv' })),
      none,
      options,
    );
    expect(out.headers).toEqual([['content-type', 'text/csv']]);
    expect(decode(await collect(out.body as AsyncIterable<Uint8Array>))).toBe('ab');
  });

  it('a stream with no content type gets none', () => {
    const out = resolve(
      plan,
      'GET',
      response({
        ...stream(streamOf([])),
        body: { kind: 'stream', stream: streamOf([]), contentType: undefined },
      }),
      none,
      options,
    );
    expect(out.headers).toEqual([]);
  });

  it('empty(404) sends content-length 0 and no content-type', () => {
    const out = resolve(plan, 'GET', response(empty(404)), none, options);
    expect(out).toEqual({
      status: 404,
      headers: [['content-length', '0']],
      body: null,
      diagnostics: undefined,
    });
  });

  it('redirect() carries its location and no diagnostic', () => {
    const out = resolve(plan, 'GET', response(redirect('/items/1')), none, options);
    expect(out).toEqual({
      status: 307,
      headers: [
        ['location', '/items/1'],
        ['content-length', '0'],
      ],
      body: null,
      diagnostics: undefined,
    });
  });

  it.each([204, 304])(
    'strips the body, content-type and content-length of a json(%i) and reports it',
    (status) => {
      const out = resolve(
        plan,
        'GET',
        response(json({ a: 1 }, { status, headers: { 'content-type': 'x/y', etag: '"e"' } })),
        none,
        options,
      );
      expect(out.status).toBe(status);
      expect(out.body).toBeNull();
      expect(out.headers).toEqual([['etag', '"e"']]);
      expect(out.diagnostics?.map((d) => d.code)).toEqual([DiagnosticCode.BODY_DROPPED]);
    },
  );

  it('a json(205) sends content-length 0', () => {
    const out = resolve(plan, 'GET', response(json({ a: 1 }, { status: 205 })), none, options);
    expect(out.headers).toEqual([['content-length', '0']]);
    expect(out.body).toBeNull();
  });

  it('answers 500 with a diagnostic when json() holds a value JSON cannot carry', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const out = resolve(plan, 'GET', response(json(cyclic, { status: 200 })), none, options);
    expect(out.status).toBe(500);
    expect(out.diagnostics?.[0]?.code).toBe(DiagnosticCode.SERIALIZATION);
  });
});

describe('resolve: exceptions and errors', () => {
  it('renders the detail, keeps only the exception headers (setHeader headers are dropped)', () => {
    const state: ResolveState = { status: 203, headers: [['x-state', '1']] };
    const e = new HttpException(
      418,
      { reason: 'short and stout' },
      { headers: { 'x-error': 'teapot' } },
    );
    const out = resolve(plan, 'GET', exception(e), state, options);
    expect(out.status).toBe(418);
    expect(out.headers).toEqual([
      ['x-error', 'teapot'],
      ['content-type', 'application/json'],
      ['content-length', '39'],
    ]);
    expect(decode(out.body)).toBe('{"detail":{"reason":"short and stout"}}');
  });

  it('renders RFC 9457 problems with the problem format', () => {
    const out = resolve(plan, 'GET', exception(new HttpException(404, 'Item not found')), none, {
      errorFormat: 'problem',
      debug: false,
    });
    expect(out.headers[0]).toEqual(['content-type', 'application/problem+json']);
    expect(JSON.parse(decode(out.body))).toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: 'Item not found',
    });
  });

  it.each([
    [204, []],
    [304, []],
    [205, [['content-length', '0']]],
  ])('sends no detail for an exception with status %i', (status, headers) => {
    const out = resolve(plan, 'GET', exception(new HttpException(status, 'x')), none, options);
    expect(out.status).toBe(status);
    expect(out.body).toBeNull();
    expect(out.headers).toEqual(headers);
    expect(out.diagnostics).toBeUndefined();
  });

  it('reports a 401 without www-authenticate, and not with it', () => {
    const bare = resolve(plan, 'GET', exception(new HttpException(401)), none, options);
    expect(bare.diagnostics?.map((d) => [d.code, d.route, d.status])).toEqual([
      [DiagnosticCode.MISSING_WWW_AUTHENTICATE, 'POST /items', 401],
    ]);
    expect(bare.diagnostics?.[0]?.message).toContain('should carry a www-authenticate header');
    const ok = resolve(
      plan,
      'GET',
      exception(new HttpException(401, 'x', { headers: { 'WWW-Authenticate': 'Bearer' } })),
      none,
      options,
    );
    expect(ok.diagnostics).toBeUndefined();
  });

  it('reports a 405 without allow', () => {
    const out = resolve(plan, 'GET', exception(new HttpException(405)), none, options);
    expect(out.diagnostics?.map((d) => d.code)).toEqual([DiagnosticCode.MISSING_ALLOW]);
    const ok = resolve(
      plan,
      'GET',
      exception(new HttpException(405, undefined, { headers: { allow: 'GET' } })),
      none,
      options,
    );
    expect(ok.diagnostics).toBeUndefined();
  });

  it.each([301, 302, 303, 307, 308])('reports a %i without location', (status) => {
    const out = resolve(plan, 'GET', response(empty(status)), none, options);
    expect(out.diagnostics?.map((d) => d.code)).toEqual([DiagnosticCode.MISSING_LOCATION]);
  });

  it('does not ask a 300 or 304 for a location', () => {
    expect(resolve(plan, 'GET', response(empty(300)), none, options).diagnostics).toBeUndefined();
    expect(resolve(plan, 'GET', response(empty(304)), none, options).diagnostics).toBeUndefined();
  });

  it.each([
    ['an Error', new Error('secret')],
    ['a string', 'secret'],
    ['undefined', undefined],
    ['a plain object', { secret: true }],
  ])('answers 500 for %s without leaking it', (_, error) => {
    const out = resolve(
      plan,
      'GET',
      { kind: 'error', error },
      { status: 201, headers: [['x-a', '1']] },
      options,
    );
    expect(out.status).toBe(500);
    expect(out.headers).toEqual([
      ['content-type', 'application/json'],
      ['content-length', '34'],
    ]);
    expect(decode(out.body)).toBe('{"detail":"Internal Server Error"}');
  });

  it('shows name, message and stack in debug mode only', () => {
    const error = new TypeError('secret');
    const out = resolve(plan, 'GET', { kind: 'error', error }, none, {
      errorFormat: 'detail',
      debug: true,
    });
    expect(JSON.parse(decode(out.body))).toEqual({
      detail: 'Internal Server Error',
      debug: { name: 'TypeError', message: 'secret', stack: error.stack },
    });
    const str = resolve(plan, 'GET', { kind: 'error', error: 'oops' }, none, {
      errorFormat: 'detail',
      debug: true,
    });
    expect(JSON.parse(decode(str.body))).toEqual({
      detail: 'Internal Server Error',
      debug: { name: 'string', message: 'oops' },
    });
  });

  it.each([
    ['a null-prototype object', () => Object.create(null)],
    ['an object whose toString is not a function', () => ({ toString: false })],
    [
      'an Error with a throwing getter',
      () =>
        Object.defineProperty(new Error('x'), 'message', {
          get() {
            throw new Error('getter');
          },
        }),
    ],
  ])('never throws in debug mode for %s', (_, make) => {
    const error = make();
    const out = resolve(plan, 'GET', { kind: 'error', error }, none, {
      errorFormat: 'detail',
      debug: true,
    });
    expect(out.status).toBe(500);
    expect(JSON.parse(decode(out.body))).toEqual({
      detail: 'Internal Server Error',
      debug: { name: 'object', message: 'object' },
    });
  });

  it('reports a serialisation failure whose cause String() cannot render', () => {
    const value = {
      toJSON() {
        throw Object.create(null);
      },
    };
    const out = resolve(plan, 'GET', { kind: 'value', value }, none, options);
    expect(out.status).toBe(500);
    expect(out.diagnostics?.[0]?.message).toContain('could not be serialised as JSON (object)');
  });

  it('HEAD on an error keeps the content-length of the GET answer', () => {
    const e = exception(new HttpException(404, 'Item not found'));
    const get = resolve(plan, 'GET', e, none, options);
    const head = resolve(plan, 'HEAD', e, none, options);
    expect(head.headers).toEqual(get.headers);
    expect(head.body).toBeNull();
  });
});
