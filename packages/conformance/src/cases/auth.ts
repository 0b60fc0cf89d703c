import { type AnyRoute, defineRoute, defineSecurity, forbidden } from '@statuskit/core';
import type { ConformanceCase, Expectation } from '../case.js';
import { ItemInSchema } from '../fixture/schemas.js';
import { detailAnswer, jsonAnswer, jsonRequest, req, step } from './helpers.js';

// Guards (`defineSecurity`): a route's security is checked before its schemas
// and its body, the same on every adapter: 401 with the scheme's challenge
// when credentials are missing or not valid, 403 when the guard forbids, the
// guard's value in the handler, a failing guard a 500 that leaks nothing.

const REF = 'packages/core/README.md, security; RFC 9110 11.6.1 and 15.5.2; RFC 6750 3';
const users: Record<string, { name: string; admin: boolean }> = {
  'tok-alice': { name: 'alice', admin: true },
  'tok-bob': { name: 'bob', admin: false },
};

const bearer = defineSecurity({
  name: 'bearerAuth',
  scheme: { type: 'http', scheme: 'bearer' },
  verify: (token, { scopes }) => {
    const user = users[token];
    return user !== undefined && scopes.includes('admin') && !user.admin ? forbidden() : user;
  },
});
const basic = defineSecurity({
  name: 'basicAuth',
  scheme: { type: 'http', scheme: 'basic' },
  realm: 'suite',
  verify: ({ username, password }) => (password === 'sesame' ? username : undefined),
});
const key = (where: 'header' | 'query' | 'cookie', name: string) =>
  defineSecurity({
    name: `apiKey-${where}`,
    scheme: { type: 'apiKey', in: where, name },
    verify: (value) => (value === 'key-1' ? `client-1 by ${where}` : undefined),
  });
const headerKey = key('header', 'x-api-key');
const failing = defineSecurity({
  name: 'failingAuth',
  scheme: { type: 'http', scheme: 'bearer' },
  verify: () => {
    throw new Error('secret-guard-failure');
  },
});

/** The /guarded/* routes of the A cases, each returning what its guard gave the handler. */
export function authRoutes(): AnyRoute[] {
  return [
    defineRoute({ method: 'GET', path: '/guarded/me', security: bearer }, ({ auth }) => ({
      user: auth.name,
    })),
    defineRoute(
      {
        method: 'DELETE',
        path: '/guarded/admin',
        status: 200,
        security: bearer.withScopes('admin'),
      },
      ({ auth }) => ({ deletedBy: auth.name }),
    ),
    defineRoute(
      {
        method: 'POST',
        path: '/guarded/items',
        status: 201,
        security: bearer,
        request: { body: ItemInSchema },
      },
      ({ auth, body }) => ({ by: auth.name, name: body.name }),
    ),
    defineRoute({ method: 'GET', path: '/guarded/basic', security: basic }, ({ auth }) => ({
      user: auth,
    })),
    defineRoute({ method: 'GET', path: '/guarded/key', security: headerKey }, ({ auth }) => ({
      client: auth,
    })),
    defineRoute(
      { method: 'GET', path: '/guarded/query', security: key('query', 'api_key') },
      ({ auth }) => ({ client: auth }),
    ),
    defineRoute(
      { method: 'GET', path: '/guarded/cookie', security: key('cookie', 'session') },
      ({ auth }) => ({ client: auth }),
    ),
    defineRoute(
      { method: 'GET', path: '/guarded/either', security: [bearer, headerKey] },
      ({ auth }) => ({ who: typeof auth === 'string' ? auth : auth.name }),
    ),
    defineRoute({ method: 'GET', path: '/guarded/failing', security: failing }, () => ({
      never: true,
    })),
  ];
}

const challenged = (detail: string, challenge: string): Expectation =>
  detailAnswer(401, detail, { 'www-authenticate': challenge });
const missing = (challenge: string) => challenged('Not authenticated', challenge);
const invalid = (challenge: string) => challenged('Invalid authentication credentials', challenge);
const bearerOf = (token: string) => ({ authorization: `Bearer ${token}` });
const basicOf = (user: string, password: string) => ({
  authorization: `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`,
});

/** Auth guard cases: one per kind of credentials, then the order and failure rules. */
export const authCases: readonly ConformanceCase[] = [
  {
    id: 'A01',
    level: 'MUST',
    title:
      'Bearer: missing credentials are 401 with `www-authenticate: Bearer`, before the handler',
    ref: REF,
    steps: [
      step(req('GET', '/guarded/me'), missing('Bearer')),
      step(req('GET', '/guarded/me', { authorization: 'Basic YTpi' }), missing('Bearer')),
    ],
  },
  {
    id: 'A02',
    level: 'MUST',
    title: 'Bearer: a token the guard refuses is 401 with `error="invalid_token"` (RFC 6750 3.1)',
    ref: REF,
    steps: [
      step(req('GET', '/guarded/me', bearerOf('tok-eve')), invalid('Bearer error="invalid_token"')),
    ],
  },
  {
    id: 'A03',
    level: 'MUST',
    title:
      "Bearer: a valid token runs the handler with the guard's value (the scheme name in any case)",
    ref: REF,
    steps: [
      step(req('GET', '/guarded/me', bearerOf('tok-bob')), jsonAnswer(200, { user: 'bob' })),
      step(
        req('GET', '/guarded/me', { authorization: 'bearer tok-alice' }),
        jsonAnswer(200, { user: 'alice' }),
      ),
    ],
  },
  {
    id: 'A04',
    level: 'MUST',
    title: 'A guard that forbids answers 403 without a challenge; enough rights run the handler',
    ref: `${REF}; RFC 9110 15.5.4`,
    steps: [
      step(
        req('DELETE', '/guarded/admin', bearerOf('tok-bob')),
        detailAnswer(403, 'Not enough permissions', { 'www-authenticate': null }),
      ),
      step(req('DELETE', '/guarded/admin'), missing('Bearer')),
      step(
        req('DELETE', '/guarded/admin', bearerOf('tok-alice')),
        jsonAnswer(200, { deletedBy: 'alice' }),
      ),
    ],
  },
  {
    id: 'A05',
    level: 'MUST',
    title: 'A guard that throws an Error is a 500 that leaks nothing',
    ref: `${REF}; docs/seed-scenarios.md row 19`,
    steps: [
      step(req('GET', '/guarded/failing', bearerOf('x')), {
        ...detailAnswer(500, 'Internal Server Error'),
        absent: ['secret-guard-failure'],
      }),
    ],
  },
  {
    id: 'A06',
    level: 'MUST',
    title:
      'The guard runs before the body is read or validated: an invalid body without credentials is 401, not 422',
    ref: REF,
    steps: [
      step(jsonRequest('POST', '/guarded/items', '{"name": '), missing('Bearer')),
      step(jsonRequest('POST', '/guarded/items', { name: '', price: -1 }), missing('Bearer')),
      step(
        jsonRequest('POST', '/guarded/items', { name: 'Saw', price: 3 }, bearerOf('tok-bob')),
        jsonAnswer(201, { by: 'bob', name: 'Saw' }),
      ),
    ],
  },
  {
    id: 'A07',
    level: 'MUST',
    title:
      'HEAD on a guarded GET: 401 with the challenge and no body; with credentials, 200 and no body',
    ref: `${REF}; RFC 9110 9.3.2`,
    steps: [
      step(req('HEAD', '/guarded/me'), {
        status: 401,
        headers: { 'www-authenticate': 'Bearer', 'content-type': 'application/json' },
        body: { empty: true },
      }),
      step(req('HEAD', '/guarded/me', bearerOf('tok-bob')), {
        status: 200,
        headers: { 'content-type': 'application/json', 'www-authenticate': null },
        body: { empty: true },
      }),
    ],
  },
  {
    id: 'A08',
    level: 'MUST',
    title:
      'Basic: 401 with `Basic realm="..."` when missing or wrong; the user name reaches the handler',
    ref: `${REF}; RFC 7617`,
    steps: [
      step(req('GET', '/guarded/basic'), missing('Basic realm="suite"')),
      step(req('GET', '/guarded/basic', basicOf('zoë', 'nope')), invalid('Basic realm="suite"')),
      step(
        req('GET', '/guarded/basic', { authorization: 'Basic %%%' }),
        invalid('Basic realm="suite"'),
      ),
      step(
        req('GET', '/guarded/basic', basicOf('zoë', 'sesame')),
        jsonAnswer(200, { user: 'zoë' }),
      ),
    ],
  },
  {
    id: 'A09',
    level: 'MUST',
    title:
      'API key in a header: 401 with `www-authenticate: APIKey` when missing or wrong, else 200',
    ref: REF,
    steps: [
      step(req('GET', '/guarded/key'), missing('APIKey')),
      step(req('GET', '/guarded/key', { 'x-api-key': 'key-2' }), invalid('APIKey')),
      step(
        req('GET', '/guarded/key', { 'x-api-key': 'key-1' }),
        jsonAnswer(200, { client: 'client-1 by header' }),
      ),
    ],
  },
  {
    id: 'A10',
    level: 'MUST',
    title: 'API key in the query and in a cookie: the same rules',
    ref: REF,
    steps: [
      step(req('GET', '/guarded/query'), missing('APIKey')),
      step(req('GET', '/guarded/query?api_key=key-2'), invalid('APIKey')),
      step(
        req('GET', '/guarded/query?api_key=key-1'),
        jsonAnswer(200, { client: 'client-1 by query' }),
      ),
      step(req('GET', '/guarded/cookie', { cookie: 'other=key-1' }), missing('APIKey')),
      step(req('GET', '/guarded/cookie', { cookie: 'a=b; session=key-2' }), invalid('APIKey')),
      step(
        req('GET', '/guarded/cookie', { cookie: 'a=b; session=key-1' }),
        jsonAnswer(200, { client: 'client-1 by cookie' }),
      ),
    ],
  },
  {
    id: 'A11',
    level: 'MUST',
    title: 'Alternatives: every challenge when nothing is sent; the credentials sent decide',
    ref: REF,
    steps: [
      step(req('GET', '/guarded/either'), missing('Bearer, APIKey')),
      step(
        req('GET', '/guarded/either', { 'x-api-key': 'key-1' }),
        jsonAnswer(200, { who: 'client-1 by header' }),
      ),
      step(req('GET', '/guarded/either', bearerOf('tok-bob')), jsonAnswer(200, { who: 'bob' })),
      step(
        req('GET', '/guarded/either', { ...bearerOf('tok-eve'), 'x-api-key': 'key-1' }),
        invalid('Bearer error="invalid_token", APIKey'),
      ),
    ],
  },
];
