import { describe, expect, it } from 'vitest';
import { createStatuskit } from './kit.js';
import { defineRoute } from './route.js';
import { request } from './test-helpers.js';

const routes = [
  defineRoute({ method: 'GET', path: '/items/{id}' }, ({ params }) => ({ id: params.id })),
  defineRoute({ method: 'DELETE', path: '/items/{id}' }, () => undefined),
  defineRoute({ method: 'POST', path: '/items' }, () => ({ ok: true })),
  defineRoute({ method: 'GET', path: '/slash/' }, () => 'slash'),
];

describe('kit.owns: a request is the kit’s when one of its routes serves the path', () => {
  const kit = createStatuskit(routes);

  it.each([
    ['/items/1', 'a route'],
    ['/items/1?full=true', 'a route, whatever the query'],
    ['/items', 'another route'],
    ['/items/1/', 'the trailing-slash alternate of a route (its 307)'],
    ['/slash', 'the alternate the other way round'],
    ['/items/a%2Fb', 'a decoded %2F stays inside its segment'],
    ['/it%65ms/1', 'a percent-encoded path that decodes to a route'],
    ['http://host.invalid/items/1', 'an absolute-form target'],
  ])('owns %s (%s)', (url) => {
    expect(kit.owns(url)).toBe(true);
  });

  it.each([
    ['/', 'a path no route serves'],
    ['/items/1/tags', 'a longer path'],
    ['/ITEMS/1', 'another case'],
    ['/items/%zz', 'a malformed percent-encoding: nobody can tell whose it is'],
    ['*', 'an asterisk-form target'],
    ['//items/1', 'an empty first segment'],
  ])('does not own %s (%s)', (url) => {
    expect(kit.owns(url)).toBe(false);
  });

  it('owns no alternate when redirectSlashes is off', () => {
    const strict = createStatuskit(routes, { redirectSlashes: false });
    expect(strict.owns('/items/1/')).toBe(false);
    expect(strict.owns('/items/1')).toBe(true);
  });
});

describe('kit.claim: dispatch for a kit inside an app', () => {
  const kit = createStatuskit(routes);
  const statusOf = async (method: string, url: string): Promise<number | undefined> => {
    const pending = kit.claim(request(method, url));
    return pending === undefined ? undefined : (await pending).commit().status;
  };

  it('answers what the kit owns, the 405, HEAD and the 307 of its paths included', async () => {
    expect(await statusOf('GET', '/items/1')).toBe(200);
    expect(await statusOf('HEAD', '/items/1')).toBe(200);
    expect(await statusOf('PUT', '/items/1')).toBe(405);
    expect(await statusOf('PROPFIND', '/items')).toBe(405);
    expect(await statusOf('GET', '/items/1/')).toBe(307);
  });

  it('returns undefined for what it does not own: no exchange, nothing decided', async () => {
    expect(await statusOf('GET', '/nope')).toBeUndefined();
    expect(await statusOf('GET', '/items/%zz')).toBeUndefined();
  });

  it('decides as dispatch does', async () => {
    const claimed = await kit.claim(request('PUT', '/items/1'));
    const dispatched = await kit.dispatch(request('PUT', '/items/1'));
    expect(claimed?.commit()).toEqual(dispatched.commit());
  });
});
