import { describe, expect, it } from 'vitest';
import { ErrorCode, isStatuskitError } from './errors.js';
import {
  bytes,
  empty,
  fromFetchResponse,
  html,
  isExplicitResponse,
  isFetchResponse,
  json,
  redirect,
  stream,
  text,
} from './response.js';
import { collect, fetchResponse, streamOf, utf8 } from './test-helpers.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return isStatuskitError(error) ? error.code : 'not a StatuskitError';
  }
  return undefined;
}

const BAD = [99, 600, 200.5, '201', Number.NaN, -1, 100, 101] as const;

describe('json()', () => {
  it('carries the value, no status unless given, and normalised headers', () => {
    const r = json({ msg: 'ok' });
    expect(isExplicitResponse(r)).toBe(true);
    expect(r.status).toBeUndefined();
    expect(r.body).toEqual({ kind: 'json', value: { msg: 'ok' } });
    expect(json(1, { status: 202, headers: { 'X-A': '1' } })).toMatchObject({
      status: 202,
      headers: [['x-a', '1']],
    });
  });

  it.each(BAD)('refuses the status %s, naming json()', (status) => {
    expect(codeOf(() => json(1, { status: status as number }))).toBe(ErrorCode.INVALID_STATUS);
    expect(() => json(1, { status: status as number })).toThrow(/json\(\): status/);
  });

  it('refuses a header value with CR/LF', () => {
    expect(codeOf(() => json(1, { headers: { 'x-a': 'a\nb' } }))).toBe(ErrorCode.INVALID_HEADER);
  });
});

describe('text() and html()', () => {
  it('set their content types and stringify', () => {
    expect(text('ok').body).toEqual({
      kind: 'text',
      text: 'ok',
      contentType: 'text/plain; charset=utf-8',
    });
    expect(html('<p>').body).toEqual({
      kind: 'text',
      text: '<p>',
      contentType: 'text/html; charset=utf-8',
    });
    expect(text(12 as unknown as string).body).toMatchObject({ text: '12' });
  });

  it.each(BAD)('refuse the status %s', (status) => {
    expect(codeOf(() => text('x', { status: status as number }))).toBe(ErrorCode.INVALID_STATUS);
    expect(codeOf(() => html('x', { status: status as number }))).toBe(ErrorCode.INVALID_STATUS);
  });
});

describe('bytes() and stream()', () => {
  it('default to application/octet-stream and take a content type', () => {
    const data = utf8('abc');
    expect(bytes(data).body).toEqual({
      kind: 'bytes',
      bytes: data,
      contentType: 'application/octet-stream',
    });
    expect(bytes(data, { contentType: 'image/png' }).body).toMatchObject({
      contentType: 'image/png',
    });
    const source = streamOf([data]);
    expect(stream(source).body).toEqual({
      kind: 'stream',
      stream: source,
      contentType: 'application/octet-stream',
    });
    expect(stream(source, { contentType: 'text/csv', status: 206 })).toMatchObject({
      status: 206,
      body: { contentType: 'text/csv' },
    });
  });

  it('refuse a content type with CR/LF and a bad status', () => {
    expect(codeOf(() => bytes(utf8('a'), { contentType: 'a\r\nb' }))).toBe(
      ErrorCode.INVALID_HEADER,
    );
    expect(codeOf(() => stream(streamOf([]), { contentType: 'a\nb' }))).toBe(
      ErrorCode.INVALID_HEADER,
    );
    expect(codeOf(() => bytes(utf8('a'), { status: 600 }))).toBe(ErrorCode.INVALID_STATUS);
    expect(codeOf(() => stream(streamOf([]), { status: 99 }))).toBe(ErrorCode.INVALID_STATUS);
  });
});

describe('empty()', () => {
  it('carries a status and no body', () => {
    expect(empty(404)).toMatchObject({ status: 404, body: { kind: 'empty' }, headers: [] });
    expect(empty(204, { headers: { etag: '"x"' } }).headers).toEqual([['etag', '"x"']]);
  });

  it.each(BAD)('refuses the status %s, naming empty()', (status) => {
    expect(codeOf(() => empty(status as number))).toBe(ErrorCode.INVALID_STATUS);
    expect(() => empty(status as number)).toThrow(/empty\(\): status/);
  });
});

describe('redirect()', () => {
  it('is a 307 with a location by default', () => {
    expect(redirect('/items/1')).toMatchObject({
      status: 307,
      headers: [['location', '/items/1']],
      body: { kind: 'empty' },
    });
  });

  it('takes any 3xx status and extra headers; its location wins over a header', () => {
    const r = redirect('/b', { status: 301, headers: { Location: '/a', 'x-a': '1' } });
    expect(r.status).toBe(301);
    expect(r.headers).toEqual([
      ['x-a', '1'],
      ['location', '/b'],
    ]);
  });

  it('percent-encodes characters a header cannot carry raw, but not "%"', () => {
    expect(redirect('https://example.com/a b?x=1').headers).toEqual([
      ['location', 'https://example.com/a%20b?x=1'],
    ]);
    expect(redirect('/a%20b').headers).toEqual([['location', '/a%20b']]);
    expect(redirect('/caf\u00e9').headers).toEqual([['location', '/caf%C3%A9']]);
    // CR/LF cannot split the header: they are encoded, not written.
    expect(redirect('/x\r\nset-cookie: a=1').headers).toEqual([
      ['location', '/x%0D%0Aset-cookie:%20a=1'],
    ]);
  });

  it.each([200, 201, 404, 500])('refuses the non-3xx %i with STATUSKIT_INVALID_REDIRECT', (s) => {
    expect(codeOf(() => redirect('/x', { status: s }))).toBe(ErrorCode.INVALID_REDIRECT);
    expect(() => redirect('/x', { status: s })).toThrow(`status ${s} is not a redirection`);
  });

  it.each(['', undefined, null, 5])('refuses the location %j', (location) => {
    expect(codeOf(() => redirect(location as string))).toBe(ErrorCode.INVALID_REDIRECT);
  });

  it.each(BAD)('refuses the invalid status %s with STATUSKIT_INVALID_STATUS', (status) => {
    expect(codeOf(() => redirect('/x', { status: status as number }))).toBe(
      ErrorCode.INVALID_STATUS,
    );
  });
});

describe('isExplicitResponse', () => {
  it('refuses look-alikes', () => {
    expect(isExplicitResponse({ status: 200, headers: [], body: { kind: 'empty' } })).toBe(false);
    expect(isExplicitResponse(null)).toBe(false);
    expect(isExplicitResponse('json')).toBe(false);
  });
});

describe('isFetchResponse / fromFetchResponse', () => {
  it('recognises a WHATWG Response and nothing else', () => {
    expect(isFetchResponse(fetchResponse('x'))).toBe(true);
    expect(isFetchResponse({ status: 200, headers: new Map(), body: null })).toBe(false);
    expect(isFetchResponse(json(1))).toBe(false);
    expect(isFetchResponse(null)).toBe(false);
  });

  it('keeps status and headers, streams the body, drops content-length', async () => {
    const r = fromFetchResponse(
      fetchResponse('hello', {
        status: 202,
        headers: { 'content-type': 'text/x', 'content-length': '5', 'x-a': '1' },
      }),
    );
    expect(r.status).toBe(202);
    expect(r.headers).toEqual([['x-a', '1']]);
    expect(r.body.kind).toBe('stream');
    if (r.body.kind !== 'stream') throw new Error('unreachable');
    expect(r.body.contentType).toBe('text/x');
    expect(new TextDecoder().decode(await collect(r.body.stream))).toBe('hello');
  });

  it('turns a null body into an empty one', () => {
    const r = fromFetchResponse(fetchResponse(null, { status: 204 }));
    expect(r).toMatchObject({ status: 204, body: { kind: 'empty' } });
  });

  it('refuses a status no final response can have', () => {
    const fake = { status: 600, headers: { forEach() {} }, body: null };
    expect(codeOf(() => fromFetchResponse(fake))).toBe(ErrorCode.INVALID_STATUS);
  });
});
