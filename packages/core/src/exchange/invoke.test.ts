import { describe, expect, it, vi } from 'vitest';
import { DiagnosticCode } from '../diagnostic.js';
import { ErrorCode, StatuskitError } from '../errors.js';
import { HttpException } from '../http-exception.js';
import { createStatuskit } from '../kit.js';
import { defineRoute } from '../route.js';
import { recorder, request, send } from '../test-helpers.js';

describe('kit.dispatch: exceptions and errors', () => {
  function kitThrowing(value: () => unknown, options = {}) {
    const rec = recorder();
    const kit = createStatuskit(
      [
        defineRoute(
          { method: 'GET', path: '/x', status: 201, responses: { 202: 'Set' } },
          (ctx) => {
            ctx.setStatus(202);
            throw value();
          },
        ),
      ],
      // Off: these routes throw statuses they do not declare, on purpose (check.test.ts has the contract).
      { ...rec.options, contract: 'off' as const, ...options },
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
