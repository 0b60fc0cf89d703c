import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DiagnosticCode } from '../diagnostic.js';
import { ErrorCode, isStatuskitError } from '../errors.js';
import { HttpException } from '../http-exception.js';
import { createStatuskit } from '../kit.js';
import { defineRoute } from '../route.js';
import { recorder, request, send, thrownBy, withBody } from '../test-helpers.js';
import { defineSecurity, forbidden, type GuardContext, isSecurity } from './define.js';

interface User {
  readonly name: string;
  readonly admin: boolean;
}
const users: Record<string, User> = {
  'tok-alice': { name: 'alice', admin: true },
  'tok-bob': { name: 'bob', admin: false },
};
const seen: GuardContext[] = [];

const bearer = defineSecurity({
  name: 'bearerAuth',
  scheme: { type: 'http', scheme: 'bearer' },
  verify: async (token, ctx) => {
    seen.push(ctx);
    const user = users[token];
    if (user !== undefined && ctx.scopes.includes('admin') && !user.admin) return forbidden();
    return user;
  },
});
const basic = defineSecurity({
  name: 'basicAuth',
  scheme: { type: 'http', scheme: 'basic' },
  realm: 'shop',
  verify: ({ username, password }) => (password === 'sesame' ? { username } : undefined),
});
const headerKey = defineSecurity({
  name: 'apiKeyHeader',
  scheme: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
  verify: (key) => (key === 'k1' ? { key } : null),
});
const queryKey = defineSecurity({
  name: 'apiKeyQuery',
  scheme: { type: 'apiKey', in: 'query', name: 'api_key' },
  verify: (key) => key === 'k1' && 'query-client',
});
const cookieKey = defineSecurity({
  name: 'session',
  scheme: { type: 'apiKey', in: 'cookie', name: 'sid' },
  verify: (key) => (key === 's 1' ? 'session-client' : undefined),
});
const failing = defineSecurity({
  name: 'failing',
  scheme: { type: 'http', scheme: 'bearer' },
  verify: () => {
    throw new Error('secret database password');
  },
});
const raising = defineSecurity({
  name: 'raising',
  scheme: { type: 'http', scheme: 'bearer' },
  verify: (token): string => {
    if (token === 'expired') throw new HttpException(401, 'Token expired');
    throw new HttpException(401, 'Nope', { headers: { 'www-authenticate': 'Bearer realm="x"' } });
  },
});

const Body = z.object({ name: z.string() });
const ran: string[] = [];
const hooks = recorder();
const kit = createStatuskit(
  [
    defineRoute({ method: 'GET', path: '/me', security: bearer }, ({ auth }) => {
      ran.push(auth.name);
      return { name: auth.name };
    }),
    defineRoute(
      { method: 'GET', path: '/admin/{id}', security: bearer.withScopes('admin') },
      ({ auth, params }) => ({ admin: auth.name, id: params.id }),
    ),
    defineRoute(
      { method: 'POST', path: '/items', security: bearer, request: { body: Body } },
      ({ auth, body }) => ({ by: auth.name, name: body.name }),
    ),
    defineRoute({ method: 'GET', path: '/basic', security: basic }, ({ auth }) => auth),
    defineRoute({ method: 'GET', path: '/key', security: headerKey }, ({ auth }) => auth),
    defineRoute({ method: 'GET', path: '/query', security: queryKey }, ({ auth }) => ({ auth })),
    defineRoute({ method: 'GET', path: '/cookie', security: cookieKey }, ({ auth }) => ({ auth })),
    defineRoute({ method: 'GET', path: '/any', security: [bearer, headerKey] }, ({ auth }) => ({
      who: 'name' in auth ? auth.name : auth.key,
    })),
    defineRoute({ method: 'GET', path: '/failing', security: failing }, () => 'never'),
    defineRoute({ method: 'GET', path: '/raising', security: raising }, () => 'never'),
    defineRoute(
      { method: 'GET', path: '/documented', security: [{ bearerAuth: [] }] },
      ({ auth }) => ({ auth: auth === undefined }),
    ),
  ],
  hooks.options,
);

const get = (url: string, headers: Record<string, string> = {}) =>
  send(kit, request('GET', url, { headers }));
// UTF-8 then base64, as RFC 7617 says for `charset="UTF-8"`.
const { btoa } = globalThis as unknown as { btoa(binary: string): string };
const b64 = (text: string) => btoa(String.fromCharCode(...new TextEncoder().encode(text)));

describe('guards: 401 with a challenge, 403, or the value for ctx.auth', () => {
  it('bearer: the handler gets what verify returned', async () => {
    const res = await get('/me', { authorization: 'Bearer tok-bob' });
    expect([res.status, res.json()]).toEqual([200, { name: 'bob' }]);
    expect(ran).toContain('bob');
  });

  it('the auth scheme name is case-insensitive', async () => {
    expect((await get('/me', { authorization: 'bearer   tok-bob' })).status).toBe(200);
  });

  it.each([
    ['no authorization', {}],
    ['another scheme', { authorization: 'Basic YTpi' }],
    ['an empty token', { authorization: 'Bearer ' }],
  ])('bearer, %s: 401 Not authenticated with `www-authenticate: Bearer`', async (_, headers) => {
    const res = await get('/me', headers);
    expect([res.status, res.json(), res.header('www-authenticate')]).toEqual([
      401,
      { detail: 'Not authenticated' },
      'Bearer',
    ]);
  });

  it('bearer, a token verify refuses: 401 with error="invalid_token" (RFC 6750 3.1)', async () => {
    const res = await get('/me', { authorization: 'Bearer wrong' });
    expect([res.status, res.json(), res.header('www-authenticate')]).toEqual([
      401,
      { detail: 'Invalid authentication credentials' },
      'Bearer error="invalid_token"',
    ]);
  });

  it('scopes reach verify; its forbidden() is a 403', async () => {
    seen.length = 0;
    const res = await get('/admin/7', { authorization: 'Bearer tok-bob' });
    expect([res.status, res.json()]).toEqual([403, { detail: 'Not enough permissions' }]);
    expect(res.header('www-authenticate')).toBeUndefined();
    expect(seen[0]).toMatchObject({ scopes: ['admin'], params: { id: '7' }, method: 'GET' });
    const ok = await get('/admin/7', { authorization: 'Bearer tok-alice' });
    expect([ok.status, ok.json()]).toEqual([200, { admin: 'alice', id: '7' }]);
  });

  it('runs before the body is read: no credentials and an invalid body is 401, not 422', async () => {
    const res = await send(kit, withBody('POST', '/items', '{"name": 1'));
    expect([res.status, res.header('www-authenticate')]).toEqual([401, 'Bearer']);
    const bad = await send(
      kit,
      withBody('POST', '/items', '{"name": 1}', 'application/json', {
        authorization: 'Bearer tok-bob',
      }),
    );
    expect(bad.status).toBe(422);
    const good = await send(
      kit,
      withBody('POST', '/items', '{"name":"saw"}', 'application/json', {
        authorization: 'Bearer tok-bob',
      }),
    );
    expect([good.status, good.json()]).toEqual([201, { by: 'bob', name: 'saw' }]);
  });

  it('basic: user and password decoded; the challenge names the realm', async () => {
    const ok = await get('/basic', { authorization: `Basic ${b64('zoë:sesame')}` });
    expect([ok.status, ok.json()]).toEqual([200, { username: 'zoë' }]);
    expect(new TextDecoder().decode(ok.body!)).toContain('zoë');
    for (const value of [`Basic ${b64('zoë:wrong')}`, 'Basic !!!', `Basic ${b64('nocolon')}`]) {
      const res = await get('/basic', { authorization: value });
      expect([res.status, res.header('www-authenticate')]).toEqual([401, 'Basic realm="shop"']);
      expect(res.json()).toEqual({ detail: 'Invalid authentication credentials' });
    }
    expect((await get('/basic')).json()).toEqual({ detail: 'Not authenticated' });
  });

  it('API keys in a header, the query and a cookie; 401 challenges with APIKey', async () => {
    expect((await get('/key', { 'x-api-key': 'k1' })).json()).toEqual({ key: 'k1' });
    expect((await get('/query?api_key=k1')).json()).toEqual({ auth: 'query-client' });
    expect((await get('/cookie', { cookie: 'a=b; sid="s%201"; c=d' })).json()).toEqual({
      auth: 'session-client',
    });
    for (const [url, headers] of [
      ['/key', { 'x-api-key': 'k2' }],
      ['/key', {}],
      ['/query?api_key=k2', {}],
      ['/query?api_key=', {}],
      ['/cookie', { cookie: 'sid=other' }],
      ['/cookie', { cookie: 'other=s 1' }],
    ] as const) {
      const res = await get(url, headers);
      expect([url, res.status, res.header('www-authenticate')]).toEqual([url, 401, 'APIKey']);
    }
  });

  it('alternatives: the first guard whose credentials are there decides', async () => {
    expect((await get('/any', { 'x-api-key': 'k1' })).json()).toEqual({ who: 'k1' });
    expect((await get('/any', { authorization: 'Bearer tok-bob' })).json()).toEqual({
      who: 'bob',
    });
    const none = await get('/any');
    expect([none.status, none.header('www-authenticate')]).toEqual([401, 'Bearer, APIKey']);
    const wrong = await get('/any', { authorization: 'Bearer nope', 'x-api-key': 'k1' });
    expect([wrong.status, wrong.header('www-authenticate')]).toEqual([
      401,
      'Bearer error="invalid_token", APIKey',
    ]);
  });

  it('a guard that throws an Error: 500 that leaks nothing, reported to onError', async () => {
    const res = await get('/failing', { authorization: 'Bearer x' });
    expect([res.status, res.json()]).toEqual([500, { detail: 'Internal Server Error' }]);
    expect(res.text()).not.toContain('secret');
    expect(hooks.errors.at(-1)?.error).toMatchObject({ message: 'secret database password' });
  });

  it("a 401 the guard raises gets the scheme's challenge unless it has one", async () => {
    hooks.diagnostics.length = 0;
    const expired = await get('/raising', { authorization: 'Bearer expired' });
    expect([expired.status, expired.json(), expired.header('www-authenticate')]).toEqual([
      401,
      { detail: 'Token expired' },
      'Bearer error="invalid_token"',
    ]);
    const own = await get('/raising', { authorization: 'Bearer other' });
    expect(own.header('www-authenticate')).toBe('Bearer realm="x"');
    expect(hooks.diagnostics.map((d) => d.code)).not.toContain(
      DiagnosticCode.MISSING_WWW_AUTHENTICATE,
    );
  });

  it('HEAD on a guarded GET: the guard runs, no body', async () => {
    const res = await send(kit, request('HEAD', '/me'));
    expect([res.status, res.body, res.header('www-authenticate')]).toEqual([401, null, 'Bearer']);
    const ok = await send(
      kit,
      request('HEAD', '/me', { headers: { authorization: 'Bearer tok-bob' } }),
    );
    expect([ok.status, ok.body, ok.header('content-length')]).toEqual([200, null, '14']);
  });

  it('OpenAPI requirements alone are only documented: nothing is checked', async () => {
    expect((await get('/documented')).json()).toEqual({ auth: true });
  });
});

describe('declaring guards', () => {
  it('is recognised by isSecurity, frozen, and withScopes keeps the original', () => {
    expect(isSecurity(bearer)).toBe(true);
    expect(isSecurity({ name: 'x' })).toBe(false);
    const admin = bearer.withScopes('admin', 'admin', 'write');
    expect(admin.scopes).toEqual(['admin', 'write']);
    expect(bearer.scopes).toEqual([]);
    expect(Object.isFrozen(admin)).toBe(true);
  });

  it.each([
    [{ name: 'a b', scheme: { type: 'http', scheme: 'bearer' } }, 'OpenAPI component name'],
    [{ name: 'd', scheme: { type: 'http', scheme: 'digest' } }, "use 'bearer' or 'basic'"],
    [{ name: 'm', scheme: { type: 'mutualTLS' } }, 'cannot be checked'],
    [{ name: 'k', scheme: { type: 'apiKey', in: 'body', name: 'k' } }, "use 'header'"],
    [{ name: 'k', scheme: { type: 'apiKey', in: 'header', name: 'a b' } }, 'not a valid header'],
    [{ name: 'r', scheme: { type: 'http', scheme: 'basic' }, realm: 'a"b' }, 'realm'],
    [{ name: 'v', scheme: { type: 'http', scheme: 'basic' }, verify: 1 }, 'verify must be'],
  ])('refuses %j', (definition, message) => {
    const error = thrownBy(() => defineSecurity({ verify: () => 1, ...definition } as never));
    expect(isStatuskitError(error, ErrorCode.INVALID_OPTION)).toBe(true);
    expect((error as Error).message).toContain(message);
  });

  it('refuses an empty scope', () => {
    const error = thrownBy(() => bearer.withScopes(''));
    expect(isStatuskitError(error, ErrorCode.INVALID_OPTION)).toBe(true);
  });

  it.each([
    [[bearer, { bearerAuth: [] }], 'mixes guards'],
    ['bearer', 'must be a guard'],
    [[{ bearerAuth: 'x' }], 'entries must be'],
  ])('a route refuses security %j', (security, message) => {
    const error = thrownBy(() =>
      defineRoute({ method: 'GET', path: '/', security: security as never }, () => 1),
    );
    expect(isStatuskitError(error, ErrorCode.INVALID_ROUTE)).toBe(true);
    expect((error as Error).message).toContain(message);
  });
});
