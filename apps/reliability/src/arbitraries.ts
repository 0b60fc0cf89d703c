import fc from 'fast-check';
import { body, framing } from './body-arbitraries.js';
import { type FuzzRequest, utf8Bytes } from './fuzz-request.js';

// Generators of hostile-but-plausible requests against the seed app. Most
// requests aim at a real route (so the adapters' answers say something), then
// get bent: odd methods, encodings, framing, bodies.

/** The seed app's routes, the default aim of generated requests. */
export const ROUTES: ReadonlyArray<readonly [string, string]> = [
  ['GET', '/items/{id}'],
  ['POST', '/items'],
  ['POST', '/items/declared'],
  ['DELETE', '/items/{id}'],
  ['PUT', '/items/{id}/touch'],
  ['GET', '/status'],
  ['GET', '/status/number'],
  ['GET', '/accepted'],
  ['GET', '/text'],
  ['GET', '/old-items/{id}'],
  ['GET', '/moved'],
  ['GET', '/override'],
  ['GET', '/override/raise'],
  ['GET', '/teapot'],
  ['GET', '/boom'],
  ['POST', '/process'],
  ['GET', '/process/log'],
  ['POST', '/process/late'],
  ['GET', '/items/{id}/maybe'],
  ['GET', '/auth'],
  ['GET', '/openapi.json'],
  ['GET', '/nope'],
  ['GET', '/'],
];

/** Methods: the usual ones most of the time, then rare, lower-case and invented ones. */
export const method: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'), weight: 10 },
  {
    arbitrary: fc.constantFrom(
      'OPTIONS',
      'TRACE',
      'QUERY',
      'PROPFIND',
      'SEARCH',
      'PURGE',
      'LINK',
      'M-SEARCH',
      'MKCOL',
      'CONNECT',
    ),
    weight: 2,
  },
  { arbitrary: fc.constantFrom('get', 'post', 'Get', 'delete', 'head', 'pUT'), weight: 1 },
  { arbitrary: fc.stringMatching(/^[A-Z][A-Z_-]{0,11}$/), weight: 1 },
  { arbitrary: fc.constantFrom('', 'G ET', 'GET\t', 'G\u00c9T', 'X'.repeat(300)), weight: 1 },
);

const id: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom('1', '2', '3', '999'), weight: 6 },
  {
    arbitrary: fc.constantFrom(
      '0',
      '-1',
      '+1',
      '01',
      '1.5',
      '1e3',
      '0x1',
      ' 1',
      '9007199254740993',
      '99999999999999999999',
      'abc',
      'null',
      '__proto__',
      'constructor',
    ),
    weight: 2,
  },
  { arbitrary: fc.nat().map(String), weight: 2 },
);

function percentEncodeAt(path: string, index: number, lower: boolean): string {
  // Never the leading "/": "%2Fitems" is not an origin-form target at all.
  if (path.length < 2) return path;
  const i = 1 + (index % (path.length - 1));
  const hex = path.charCodeAt(i).toString(16).padStart(2, '0');
  return `${path.slice(0, i)}%${lower ? hex : hex.toUpperCase()}${path.slice(i + 1)}`;
}

const pathMutation: fc.Arbitrary<(path: string) => string> = fc.oneof(
  { arbitrary: fc.constant((p: string) => `${p}/`), weight: 3 },
  {
    arbitrary: fc.tuple(fc.nat(), fc.boolean()).map(
      ([i, lower]) =>
        (p: string) =>
          percentEncodeAt(p, i, lower),
    ),
    weight: 3,
  },
  {
    arbitrary: fc
      .constantFrom('/.', '/..', '/x/..', '/%2e', '/%2E%2E', '//', '/%2F', '/%2f')
      .map((seg) => (p: string) => {
        const cut = p.lastIndexOf('/');
        return cut <= 0 ? `${seg}${p}` : `${p.slice(0, cut)}${seg}${p.slice(cut)}`;
      }),
    weight: 2,
  },
  { arbitrary: fc.constant((p: string) => p.toUpperCase()), weight: 1 },
  {
    arbitrary: fc
      .constantFrom('%00', '%ZZ', '%', '%C3%A9', '%FF', '%E2%82', '%F0%9F%98%80', '%u0041')
      .map((seg) => (p: string) => `${p}/${seg}`),
    weight: 2,
  },
  {
    // Raw UTF-8 in a target: Node's parser refuses it.
    arbitrary: fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 8 })
      .map((text) => (p: string) => `${p}/${utf8Bytes(text)}`),
    weight: 1,
  },
  {
    arbitrary: fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 8 })
      .map((text) => (p: string) => `${p}/${encodeURIComponent(text)}`),
    weight: 2,
  },
  {
    arbitrary: fc
      .integer({ min: 100, max: 20_000 })
      .map((n) => (p: string) => `${p}/${'a'.repeat(n)}`),
    weight: 1,
  },
  {
    arbitrary: fc
      .string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 6 })
      .map((text) => (p: string) => `${p}${text}`),
    weight: 1,
  },
);

const routedPath = (
  routes: ReadonlyArray<readonly [string, string]>,
): fc.Arbitrary<{ method: string; path: string }> =>
  fc
    .tuple(
      fc.constantFrom(...routes),
      id,
      fc.oneof(
        { arbitrary: fc.constant([]), weight: 3 },
        { arbitrary: fc.array(pathMutation, { minLength: 1, maxLength: 2 }), weight: 2 },
      ),
      fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary: method, weight: 1 }),
    )
    .map(([[routeMethod, template], itemId, mutations, otherMethod]) => {
      let path = template.replace('{id}', itemId);
      for (const mutate of mutations) path = mutate(path);
      return { method: otherMethod ?? routeMethod, path };
    });

const oddTarget: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '*',
    '',
    'items/1',
    'http://fuzz.invalid/items/1',
    'http://fuzz.invalid',
    'HTTP://FUZZ.INVALID/text',
    '//items/1',
    '/items/1#frag',
    '/%',
    '/..',
    '/../../etc/passwd',
    '/items/1?',
    '/items/1??a=1',
    '/items/1;a=b',
    '/ items/1',
    '/items/1\u0000',
  ),
  fc.string({ unit: 'grapheme-ascii', maxLength: 30 }).map((s) => `/${s}`),
);

const query: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constant(''), weight: 6 },
  {
    arbitrary: fc.constantFrom(
      '?',
      '?a=1&a=2',
      '?a=%ZZ',
      '?__proto__[polluted]=1',
      '?constructor[prototype][polluted]=1',
      '?id=1',
      '?=&=&',
      '?a=%C3%A9&b=%FF',
      `?${'q'.repeat(5000)}`,
    ),
    weight: 2,
  },
  {
    arbitrary: fc
      .array(
        fc.tuple(
          fc.string({ unit: 'grapheme-ascii', maxLength: 6 }),
          fc.string({ unit: 'grapheme', maxLength: 6 }),
        ),
        { maxLength: 4 },
      )
      .map(
        (pairs) =>
          `?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`,
      ),
    weight: 2,
  },
);

const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'APPLICATION/JSON',
  'application/vnd.api+json',
  'application/json; charset=latin1',
  'text/plain',
  'text/plain; charset=utf-8',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
  'application/json, text/plain',
  'application/jsonx',
  'json',
  '',
  ';',
);

const header: fc.Arbitrary<readonly [string, string]> = fc.oneof(
  { arbitrary: contentType.map((v) => ['content-type', v] as const), weight: 6 },
  {
    arbitrary: fc
      .constantFrom('*/*', 'application/json', 'text/html', 'application/problem+json', '')
      .map((v) => ['accept', v] as const),
    weight: 2,
  },
  {
    arbitrary: fc
      .string({ unit: 'grapheme-ascii', maxLength: 20 })
      .map((v) => ['x-fuzz', v] as const),
    weight: 2,
  },
  {
    arbitrary: fc.constantFrom(
      ['expect', '100-continue'] as const,
      ['expect', 'nothing'] as const,
      ['content-encoding', 'gzip'] as const,
      ['upgrade', 'websocket'] as const,
      ['connection', 'keep-alive'] as const,
      ['host', 'other.invalid'] as const,
      ['x-forwarded-proto', 'https'] as const,
      ['x-http-method-override', 'DELETE'] as const,
      ['cookie', '__proto__=1'] as const,
      ['x-latin1', 'caf\u00e9'] as const,
      ['x-empty', ''] as const,
      ['__proto__', 'polluted'] as const,
    ),
    weight: 3,
  },
  {
    // Node's parser refuses these before any framework sees the request.
    arbitrary: fc.constantFrom(
      ['x-ctl', 'a\u0001b'] as const,
      ['x-del', 'a\u007fb'] as const,
      ['transfer-encoding', 'gzip'] as const,
      ['bad header', '1'] as const,
      ['x(y)', '1'] as const,
      ['x-long', 'v'.repeat(20_000)] as const,
    ),
    weight: 1,
  },
);

/** What the request generator may produce. */
export interface RequestOptions {
  /**
   * Bodies whose length does not match their framing: missing framing (the
   * body becomes a garbage second request), a content-length too short
   * (garbage after the body) or too long (half-close, or silence until the
   * body timeout). Off when the app's own body parser runs first: it reads
   * every body eagerly, whatever the route, so Node meets the garbage before
   * the answer goes out, and it has no body timeout of its own.
   */
  readonly sloppyFraming: boolean;
  /**
   * The `[method, path]` pairs most requests aim at, `{id}` filled in; default
   * the seed app's routes.
   */
  readonly routes?: ReadonlyArray<readonly [string, string]>;
}

/** Hostile requests: aimed at a route most of the time, at nothing in particular otherwise. */
export function fuzzRequests(options: RequestOptions): fc.Arbitrary<FuzzRequest> {
  return fc
    .tuple(
      fc.oneof(
        { arbitrary: routedPath(options.routes ?? ROUTES), weight: 9 },
        {
          arbitrary: fc.tuple(method, oddTarget).map(([m, path]) => ({ method: m, path })),
          weight: 1,
        },
      ),
      query,
      fc.array(header, { maxLength: 3 }),
      fc.oneof(
        { arbitrary: fc.constant(undefined), weight: 4 },
        { arbitrary: contentType, weight: 1 },
      ),
      body,
      framing(options.sloppyFraming),
    )
    .map(([{ method: m, path }, q, headers, jsonType, b, f]) => {
      // Most bodies travel as JSON, as the routes expect; the header list may add a second content-type.
      const all: Array<readonly [string, string]> = [];
      const hasBody = 'utf8' in b ? b.utf8 !== '' : true;
      if (hasBody) all.push(['content-type', jsonType ?? 'application/json']);
      all.push(...headers);
      return { method: m, target: `${path}${q}`, headers: all, body: b, framing: f };
    });
}
