import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { DiagnosticCode } from '../diagnostic.js';
import { HttpException } from '../http-exception.js';
import { createStatuskit } from '../kit.js';
import { defineRoute } from '../route.js';
import { recorder, request, send, streamOf, utf8, withBody } from '../test-helpers.js';

const Item = z.object({ name: z.string().min(1).max(100), price: z.number().min(0) });
describe('kit.dispatch: body limits', () => {
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
