import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ErrorCode, isStatuskitError } from './errors.js';
import { parsePath } from './path-template.js';
import { defineRoute } from './route.js';
import { thrownBy } from './test-helpers.js';

const Item = z.object({ name: z.string() });
const noop = (): undefined => undefined;

function expectError(fn: () => unknown, code: string, message: string | RegExp): void {
  const error = thrownBy(fn);
  expect(isStatuskitError(error)).toBe(true);
  expect((error as { code: string }).code).toBe(code);
  if (typeof message === 'string') expect((error as Error).message).toContain(message);
  else expect((error as Error).message).toMatch(message);
}

describe('defineRoute', () => {
  it('returns the route with id, upper-cased method, path, spec, segments and handler', () => {
    const handler = (): string => 'x';
    const spec = { method: 'get', path: '/items/{id}/tags' };
    const route = defineRoute(spec, handler);
    expect(route).toEqual({
      id: 'GET /items/{id}/tags',
      method: 'GET',
      path: '/items/{id}/tags',
      spec,
      segments: [
        { param: false, text: 'items' },
        { param: true, name: 'id' },
        { param: false, text: 'tags' },
      ],
      handler,
    });
  });

  it('accepts extension methods that are HTTP tokens', () => {
    expect(defineRoute({ method: 'PURGE', path: '/' }, noop).id).toBe('PURGE /');
  });

  it.each([
    [99, '99'],
    [600, '600'],
    [200.5, '200.5'],
    ['201', '"201"'],
    [Number.NaN, 'NaN'],
    [-1, '-1'],
  ])('refuses the status %s, naming the route and the value', (status, shown) => {
    expectError(
      () => defineRoute({ method: 'POST', path: '/items', status: status as number }, noop),
      ErrorCode.INVALID_STATUS,
      `[statuskit] route POST /items: status ${shown} is not an integer from 100 to 599`,
    );
  });

  it.each([100, 101, 103])('refuses the interim status %i as a final status', (status) => {
    expectError(
      () => defineRoute({ method: 'GET', path: '/x', status }, noop),
      ErrorCode.INVALID_STATUS,
      `route GET /x: status ${status} is an interim (1xx) code`,
    );
  });

  it.each([204, 205, 304])('refuses a response model on a %i route', (status) => {
    expectError(
      () => defineRoute({ method: 'PUT', path: '/x', status, response: Item }, noop as never),
      ErrorCode.BODY_NOT_ALLOWED,
      `route PUT /x: status ${status} has no body, so it cannot have a response model`,
    );
  });

  it('accepts a 204 route without a model and a 200 route with one (zod or valibot)', () => {
    expect(() => defineRoute({ method: 'DELETE', path: '/x', status: 204 }, noop)).not.toThrow();
    expect(() =>
      defineRoute({ method: 'GET', path: '/x', status: 200, response: Item }, () => ({
        name: 'a',
      })),
    ).not.toThrow();
    expect(() =>
      defineRoute({ method: 'GET', path: '/x', response: v.object({ n: v.number() }) }, () => ({
        n: 1,
      })),
    ).not.toThrow();
  });

  it.each([204, 205, 304])('refuses a model in responses[%i]', (status) => {
    expectError(
      () =>
        defineRoute({ method: 'GET', path: '/x', responses: { [status]: { model: Item } } }, noop),
      ErrorCode.BODY_NOT_ALLOWED,
      `route GET /x: responses[${status}] declares a model`,
    );
  });

  it('accepts responses keyed by code, range or default, with strings or docs', () => {
    expect(() =>
      defineRoute(
        {
          method: 'GET',
          path: '/x',
          responses: {
            204: 'Nothing',
            404: { description: 'Missing', model: Item },
            '4XX': 'Client error',
            '5XX': { description: 'Server error' },
            default: 'Anything else',
          },
        },
        noop,
      ),
    ).not.toThrow();
  });

  it.each(['abc', '600', '99', '101', '4xx', '2XXX', '200.5'])(
    'refuses the responses key %j, naming it',
    (key) => {
      expectError(
        () => defineRoute({ method: 'GET', path: '/x', responses: { [key]: 'x' } }, noop),
        ErrorCode.INVALID_STATUS,
        `route GET /x, responses key "${key}"`,
      );
    },
  );

  it.each(['', ' GET', 'GE T', 'GET\r\n', 1, undefined])('refuses the method %j', (method) => {
    expectError(
      () => defineRoute({ method: method as string, path: '/x' }, noop),
      ErrorCode.INVALID_ROUTE,
      'method must be an HTTP token',
    );
  });

  it('refuses a handler that is not a function', () => {
    expectError(
      () => defineRoute({ method: 'GET', path: '/x' }, 'nope' as never),
      ErrorCode.INVALID_ROUTE,
      'route GET /x: the handler must be a function.',
    );
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY, '10'])(
    'refuses the timeout %s',
    (timeout) => {
      expectError(
        () => defineRoute({ method: 'GET', path: '/x', timeout: timeout as number }, noop),
        ErrorCode.INVALID_ROUTE,
        'must be a positive number of milliseconds',
      );
    },
  );

  it('accepts a positive timeout', () => {
    expect(defineRoute({ method: 'GET', path: '/x', timeout: 50 }, noop).spec.timeout).toBe(50);
  });
});

describe('parsePath (malformed paths)', () => {
  it.each([
    ['items', 'path "items" must start with "/"'],
    ['', 'path "" must start with "/"'],
    ['/items/{id', 'segment "{id" is not a parameter'],
    ['/items/id}', 'segment "id}" is not a parameter'],
    ['/items/{}', 'segment "{}" is not a parameter'],
    ['/items/{1d}', 'segment "{1d}" is not a parameter'],
    ['/items/x{id}', 'segment "x{id}" is not a parameter'],
    ['/items/{a-b}', 'segment "{a-b}" is not a parameter'],
    ['/a/{id}/b/{id}', 'parameter {id} appears twice'],
  ])('refuses %j', (path, message) => {
    expectError(
      () => defineRoute({ method: 'GET', path }, noop),
      ErrorCode.INVALID_ROUTE,
      `route GET ${path}: ${message}`,
    );
  });

  it('refuses a path that is not a string', () => {
    expectError(() => parsePath(5 as unknown as string, 'GET 5'), ErrorCode.INVALID_ROUTE, '5');
  });

  it('parses the root and parameters with underscores and digits', () => {
    expect(parsePath('/', 'GET /')).toEqual([{ param: false, text: '' }]);
    expect(parsePath('/{_id2}', 'x')).toEqual([{ param: true, name: '_id2' }]);
  });
});
