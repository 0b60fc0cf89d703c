import { describe, expect, it } from 'vitest';
import { ErrorCode, isStatuskitError } from './errors.js';
import { type AnyRoute, defineRoute } from './route.js';
import { type Match, Router } from './router.js';

const r = (method: string, path: string): AnyRoute => defineRoute({ method, path }, () => null);

function routeOf(match: Match): string {
  return match.kind === 'route' ? match.route.id : match.kind;
}

describe('Router', () => {
  const routes = [
    r('GET', '/'),
    r('GET', '/items'),
    r('POST', '/items'),
    r('GET', '/items/new'),
    r('GET', '/items/{id}'),
    r('DELETE', '/items/{id}'),
    r('PUT', '/items/{id}/touch'),
    r('GET', '/slash/'),
    r('PURGE', '/cache'),
    r('OPTIONS', '/cache'),
    r('GET', '/files/{name}'),
  ];
  const router = new Router(routes);
  const match = (method: string, path: string, query = '', slashes = true): Match =>
    router.match(method, path, query, slashes);

  it('matches static paths and templates, with params', () => {
    expect(routeOf(match('GET', '/'))).toBe('GET /');
    expect(routeOf(match('POST', '/items'))).toBe('POST /items');
    expect(match('GET', '/items/42')).toEqual({
      kind: 'route',
      route: routes[4],
      params: { id: '42' },
    });
    expect(routeOf(match('PUT', '/items/7/touch'))).toBe('PUT /items/{id}/touch');
  });

  it('prefers a static path over a template that also matches', () => {
    expect(match('GET', '/items/new')).toMatchObject({ kind: 'route', route: routes[3] });
  });

  it('falls through to a template for a method the static path lacks', () => {
    expect(match('DELETE', '/items/new')).toEqual({
      kind: 'route',
      route: routes[5],
      params: { id: 'new' },
    });
  });

  it('answers HEAD with the GET route', () => {
    expect(routeOf(match('HEAD', '/items/1'))).toBe('GET /items/{id}');
    expect(routeOf(match('HEAD', '/items'))).toBe('GET /items');
  });

  it('is not-found for unknown paths, and never matches an empty parameter', () => {
    expect(match('GET', '/nope')).toEqual({ kind: 'not-found' });
    expect(match('GET', '/items/1/2/3')).toEqual({ kind: 'not-found' });
    expect(match('GET', '/files/', '', false)).toEqual({ kind: 'not-found' });
  });

  it('answers 405 with a complete, ordered allow list (HEAD with GET)', () => {
    expect(match('PATCH', '/items')).toEqual({
      kind: 'method-not-allowed',
      allow: 'GET, HEAD, POST',
    });
    expect(match('PUT', '/items/1')).toEqual({
      kind: 'method-not-allowed',
      allow: 'GET, HEAD, DELETE',
    });
    expect(match('GET', '/items/1/touch')).toEqual({ kind: 'method-not-allowed', allow: 'PUT' });
  });

  it('sorts extension methods after the standard ones, and adds HEAD only with GET', () => {
    expect(match('GET', '/cache')).toEqual({ kind: 'method-not-allowed', allow: 'OPTIONS, PURGE' });
  });

  it('unions the allow lists of every path that matches (static and templates)', () => {
    expect(match('PATCH', '/items/new')).toEqual({
      kind: 'method-not-allowed',
      allow: 'GET, HEAD, DELETE',
    });
    const crossed = new Router([r('GET', '/a/{x}'), r('POST', '/{y}/b'), r('PURGE', '/{p}/{q}')]);
    expect(crossed.match('PUT', '/a/b', '', true)).toEqual({
      kind: 'method-not-allowed',
      allow: 'GET, HEAD, POST, PURGE',
    });
  });

  it('redirects a trailing slash to the path that exists, keeping the query', () => {
    expect(match('GET', '/items/1/', 'a=1&b=2')).toEqual({
      kind: 'redirect',
      location: '/items/1?a=1&b=2',
    });
    expect(match('GET', '/slash')).toEqual({ kind: 'redirect', location: '/slash/' });
    expect(match('POST', '/items/')).toEqual({ kind: 'redirect', location: '/items' });
    // The redirect is taken even when the other path would answer 405: it is the canonical path.
    expect(match('PATCH', '/items/')).toEqual({ kind: 'redirect', location: '/items' });
  });

  it('does not redirect when redirectSlashes is off, for "/" or when neither exists', () => {
    expect(match('GET', '/items/1/', '', false)).toEqual({ kind: 'not-found' });
    expect(match('GET', '/nope/')).toEqual({ kind: 'not-found' });
    expect(new Router([r('GET', '/a')]).match('GET', '/', '', true)).toEqual({
      kind: 'not-found',
    });
  });

  it('decodes percent-encoded segments for static paths and params', () => {
    expect(routeOf(match('GET', '/%69tems'))).toBe('GET /items');
    expect(match('GET', '/files/a%20b')).toMatchObject({ params: { name: 'a b' } });
  });

  it('keeps an encoded slash inside one segment', () => {
    expect(match('GET', '/files/a%2Fb')).toMatchObject({
      kind: 'route',
      params: { name: 'a/b' },
    });
    // "/items%2Fnew" is one segment, so it is not the static "/items/new".
    expect(match('GET', '/items%2Fnew')).toEqual({ kind: 'not-found' });
  });

  it.each(['/items/%E0%A4%A', '/items/%zz', '/%', '/files/%C3'])(
    'answers bad-path for the malformed encoding %j',
    (path) => {
      expect(match('GET', path)).toEqual({ kind: 'bad-path' });
    },
  );

  it('gives each route its own parameter names when templates share a shape', () => {
    const get = r('GET', '/users/{id}');
    const del = r('DELETE', '/users/{name}');
    const router2 = new Router([get, del]);
    expect(router2.match('GET', '/users/7', '', true)).toEqual({
      kind: 'route',
      route: get,
      params: { id: '7' },
    });
    expect(router2.match('DELETE', '/users/ann', '', true)).toEqual({
      kind: 'route',
      route: del,
      params: { name: 'ann' },
    });
  });

  it.each([
    [['GET', '/items'], ['GET', '/items'], 'GET /items is declared twice (also as GET /items)'],
    [
      ['GET', '/items/{id}'],
      ['GET', '/items/{name}'],
      'GET /items/{name} is declared twice (also as GET /items/{id})',
    ],
    [['get', '/a'], ['GET', '/a'], 'GET /a is declared twice'],
  ])('refuses duplicate routes %j and %j', (a, b, message) => {
    let caught: unknown;
    try {
      new Router([r(a[0]!, a[1]!), r(b[0]!, b[1]!)]);
    } catch (error) {
      caught = error;
    }
    expect(isStatuskitError(caught, ErrorCode.INVALID_ROUTE)).toBe(true);
    expect((caught as Error).message).toContain(message);
  });
});
