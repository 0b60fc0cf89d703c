import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ErrorCode, isStatuskitError } from './errors.js';
import { defineRoute } from './route.js';
import { closestMethod } from './route-checks.js';
import { thrownBy } from './test-helpers.js';

const noop = (): undefined => undefined;

// The exact message and code a declaration is refused with.
function refusal(fn: () => unknown): { code: string; message: string } {
  const error = thrownBy(fn);
  expect(isStatuskitError(error)).toBe(true);
  return { code: (error as { code: string }).code, message: (error as Error).message };
}

describe('start-up mistakes: an unknown method', () => {
  it('refuses GTE, suggests GET and lists the usual methods', () => {
    expect(refusal(() => defineRoute({ method: 'GTE', path: '/typo' }, noop))).toEqual({
      code: ErrorCode.INVALID_ROUTE,
      message:
        "[statuskit] route GTE /typo: method 'GTE' is not an HTTP method Node accepts, so no request could reach this route. Did you mean 'GET'? Use GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS, TRACE, QUERY or another method Node's parser knows (http.METHODS, except CONNECT).",
    });
  });

  it('suggests nothing for a method far from every known one', () => {
    const { message } = refusal(() => defineRoute({ method: 'FROBNICATE', path: '/x' }, noop));
    expect(message).toContain("method 'FROBNICATE' is not an HTTP method Node accepts");
    expect(message).not.toContain('Did you mean');
  });

  it('refuses CONNECT, whose target is a host and never a path', () => {
    expect(refusal(() => defineRoute({ method: 'CONNECT', path: '/x' }, noop)).code).toBe(
      ErrorCode.INVALID_ROUTE,
    );
  });

  it.each([
    ['POTS', 'POST'],
    ['DELEET', 'DELETE'],
    ['PTACH', 'PATCH'],
    ['GETT', 'GET'],
    ['OPTION', 'OPTIONS'],
    ['XYZZY', undefined],
  ])('closestMethod(%j) is %j', (typo, near) => {
    expect(closestMethod(typo)).toBe(near);
  });

  it('accepts every method Node parses (lower case too) but CONNECT', () => {
    for (const method of ['get', 'QUERY', 'PURGE', 'M-SEARCH', 'PROPFIND', 'TRACE']) {
      expect(() => defineRoute({ method, path: '/x' }, noop)).not.toThrow();
    }
  });
});

describe('start-up mistakes: an Express-style path', () => {
  it('refuses /items/:id and writes the statuskit path', () => {
    expect(refusal(() => defineRoute({ method: 'GET', path: '/items/:id' }, noop))).toEqual({
      code: ErrorCode.INVALID_ROUTE,
      message:
        '[statuskit] route GET /items/:id: segment ":id" is an Express-style parameter; statuskit writes parameters in braces: path \'/items/{id}\'.',
    });
  });

  it('rewrites every parameter, optional ones too', () => {
    expect(
      refusal(() => defineRoute({ method: 'GET', path: '/a/:x/b/:y?' }, noop)).message,
    ).toContain("path '/a/{x}/b/{y}'");
  });

  it('leaves a colon inside a segment alone (Google-style custom methods)', () => {
    expect(() => defineRoute({ method: 'POST', path: '/items:batchGet' }, noop)).not.toThrow();
  });
});

describe('start-up mistakes: params schema and path disagree', () => {
  it('refuses a key that is not a parameter of the path', () => {
    expect(
      refusal(() =>
        defineRoute(
          {
            method: 'GET',
            path: '/items/{id}',
            request: { params: z.object({ itemId: z.string() }) },
          },
          noop,
        ),
      ),
    ).toEqual({
      code: ErrorCode.INVALID_ROUTE,
      message:
        '[statuskit] route GET /items/{id}: the params schema has a key "itemId" that is not a parameter of the path (its parameters: {id}); rename the key, or add {itemId} to the path.',
    });
  });

  it('names "none" when the path has no parameter at all', () => {
    expect(
      refusal(() =>
        defineRoute(
          { method: 'GET', path: '/items', request: { params: z.object({ id: z.string() }) } },
          noop,
        ),
      ).message,
    ).toContain('(its parameters: none)');
  });

  it('refuses a path parameter the schema has no key for', () => {
    expect(
      refusal(() =>
        defineRoute(
          {
            method: 'GET',
            path: '/items/{id}/{slug}',
            request: { params: z.object({ id: z.coerce.number() }) },
          },
          noop,
        ),
      ),
    ).toEqual({
      code: ErrorCode.INVALID_ROUTE,
      message:
        '[statuskit] route GET /items/{id}/{slug}: path parameter {slug} has no key in the params schema, so the handler would never see it; add a "slug" key to the schema.',
    });
  });

  it('accepts a schema that keeps unknown keys, a record, and a named (ref) schema that matches', () => {
    const loose = z.looseObject({ id: z.string() });
    const named = z.object({ id: z.string(), slug: z.string() }).meta({ id: 'ItemParams' });
    expect(() =>
      defineRoute({ method: 'GET', path: '/a/{id}/{slug}', request: { params: loose } }, noop),
    ).not.toThrow();
    expect(() =>
      defineRoute(
        { method: 'GET', path: '/b/{id}', request: { params: z.record(z.string(), z.string()) } },
        noop,
      ),
    ).not.toThrow();
    expect(() =>
      defineRoute({ method: 'GET', path: '/c/{id}/{slug}', request: { params: named } }, noop),
    ).not.toThrow();
  });

  it('skips the check when the schema cannot describe itself (valibot without a converter)', () => {
    expect(() =>
      defineRoute(
        { method: 'GET', path: '/items/{id}', request: { params: v.object({ nope: v.string() }) } },
        noop,
      ),
    ).not.toThrow();
  });
});

describe("start-up mistakes: '4xx'", () => {
  it("as a responses key: write '4XX'", () => {
    expect(
      refusal(() => defineRoute({ method: 'GET', path: '/x', responses: { '4xx': 'Oops' } }, noop)),
    ).toEqual({
      code: ErrorCode.INVALID_STATUS,
      message:
        '[statuskit] route GET /x, responses key "4xx": status range "4xx" is written in upper case; use \'4XX\' (OpenAPI\'s spelling).',
    });
  });

  it('as a route status: one code, the range goes in responses', () => {
    expect(
      refusal(() => defineRoute({ method: 'GET', path: '/x', status: '4xx' as never }, noop)),
    ).toEqual({
      code: ErrorCode.INVALID_STATUS,
      message:
        "[statuskit] route GET /x: status \"4xx\" is a range, and a route's status is one code; declare the range as a responses key ('4XX') and set status to a code such as 200.",
    });
  });
});
