import { describe, expect, it } from 'vitest';
import { ErrorCode, isStatuskitError } from '../errors.js';
import { exchangeFor, thrownBy } from '../test-helpers.js';

describe('exchange: the handler context', () => {
  it('exposes route, method, url, params, query, headers and native objects', async () => {
    let seen: Record<string, unknown> = {};
    const exchange = exchangeFor((ctx) => {
      seen = {
        route: ctx.route,
        method: ctx.method,
        url: ctx.url,
        params: ctx.params,
        query: { ...(ctx.query as object) },
        headers: ctx.headers,
        body: ctx.body,
        native: ctx.native,
      };
      return null;
    });
    await exchange.run();
    expect(seen).toEqual({
      route: expect.objectContaining({
        id: 'POST /items/{id}',
        method: 'POST',
        path: '/items/{id}',
      }),
      method: 'POST',
      url: '/items/1?a=1&a=2',
      params: { id: '1' },
      query: { a: ['1', '2'] },
      headers: {},
      body: undefined,
      native: { framework: 'test', req: null, res: null },
    });
  });

  it('refuses an invalid setStatus, naming the route and value', async () => {
    let error: unknown;
    const exchange = exchangeFor((ctx) => {
      error = thrownBy(() => ctx.setStatus(600));
      return null;
    });
    await exchange.run();
    expect(isStatuskitError(error, ErrorCode.INVALID_STATUS)).toBe(true);
    expect((error as Error).message).toContain('route POST /items/{id} setStatus(): status 600');
  });

  it.each([99, 600, 200.5, '201', Number.NaN, -1, 101])('setStatus(%s) is refused', async (bad) => {
    let error: unknown;
    const exchange = exchangeFor((ctx) => {
      error = thrownBy(() => ctx.setStatus(bad as number));
      return null;
    });
    await exchange.run();
    expect(isStatuskitError(error, ErrorCode.INVALID_STATUS)).toBe(true);
  });

  it('refuses a header with CR/LF in setHeader, and replaces a header set twice', async () => {
    let error: unknown;
    const exchange = exchangeFor((ctx) => {
      error = thrownBy(() => ctx.setHeader('x-a', 'a\r\nb'));
      ctx.setHeader('X-B', '1');
      ctx.setHeader('x-b', '2');
      return { ok: true };
    });
    const out = await exchange.run();
    expect(isStatuskitError(error, ErrorCode.INVALID_HEADER)).toBe(true);
    expect(out.headers.filter(([n]) => n === 'x-b')).toEqual([['x-b', '2']]);
  });

  it('refuses a background task that is not a function', async () => {
    let error: unknown;
    const exchange = exchangeFor((ctx) => {
      error = thrownBy(() => ctx.background.add('nope' as never));
      return null;
    });
    await exchange.run();
    expect(isStatuskitError(error, ErrorCode.INVALID_OPTION)).toBe(true);
  });
});
