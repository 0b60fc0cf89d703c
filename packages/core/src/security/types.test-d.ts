import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { type AnyRoute, defineRoute } from '../route.js';
import {
  type AuthOf,
  type BasicCredentials,
  defineSecurity,
  forbidden,
  type Security,
} from './define.js';

interface User {
  id: number;
}
const bearer = defineSecurity({
  name: 'bearerAuth',
  scheme: { type: 'http', scheme: 'bearer' },
  verify: async (token): Promise<User | undefined> => (token === 'x' ? { id: 1 } : undefined),
});
const basic = defineSecurity({
  name: 'basicAuth',
  scheme: { type: 'http', scheme: 'basic' },
  verify: (credentials) => {
    expectTypeOf(credentials).toEqualTypeOf<BasicCredentials>();
    return credentials.password === 'p' ? credentials.username : forbidden();
  },
});
const key = defineSecurity({
  name: 'key',
  scheme: { type: 'apiKey', in: 'header', name: 'x-key' },
  verify: (k) => {
    expectTypeOf(k).toEqualTypeOf<string>();
    return k === 'k' ? { key: k } : null;
  },
});

describe('ctx.auth', () => {
  it('is what the guard returns, without the refusals', () => {
    expectTypeOf(bearer).toEqualTypeOf<Security<User>>();
    expectTypeOf(basic).toEqualTypeOf<Security<string>>();
    defineRoute({ method: 'GET', path: '/me', security: bearer }, (ctx) => {
      expectTypeOf(ctx.auth).toEqualTypeOf<User>();
    });
    defineRoute(
      {
        method: 'POST',
        path: '/b',
        security: basic,
        request: { body: z.object({ n: z.number() }) },
      },
      ({ auth, body }) => {
        expectTypeOf(auth).toEqualTypeOf<string>();
        expectTypeOf(body).toEqualTypeOf<{ n: number }>();
      },
    );
  });

  it('is the union of the alternatives, keeps scopes, and is undefined without a guard', () => {
    defineRoute({ method: 'GET', path: '/any', security: [bearer, key] }, ({ auth }) => {
      expectTypeOf(auth).toEqualTypeOf<User | { key: string }>();
    });
    defineRoute({ method: 'GET', path: '/s', security: bearer.withScopes('a') }, ({ auth }) => {
      expectTypeOf(auth).toEqualTypeOf<User>();
    });
    defineRoute({ method: 'GET', path: '/open' }, ({ auth }) => {
      expectTypeOf(auth).toEqualTypeOf<undefined>();
    });
    defineRoute({ method: 'GET', path: '/doc', security: [{ bearerAuth: [] }] }, ({ auth }) => {
      expectTypeOf(auth).toEqualTypeOf<undefined>();
    });
    defineRoute({ method: 'GET', path: '/public', security: [] }, ({ auth }) => {
      expectTypeOf(auth).toEqualTypeOf<undefined>();
    });
    expectTypeOf<AuthOf<readonly [Security<1>, Security<2>]>>().toEqualTypeOf<1 | 2>();
  });

  it('a guarded route still fits a list of routes', () => {
    const routes: AnyRoute[] = [
      defineRoute({ method: 'GET', path: '/me', security: bearer }, ({ auth }) => auth.id),
    ];
    expectTypeOf(routes).toEqualTypeOf<AnyRoute[]>();
  });
});
