import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileRoute } from './compile.js';
import type { HeaderList } from './headers.js';
import { HttpException } from './http-exception.js';
import { resolveOptions } from './options.js';
import type { Outcome } from './outcome.js';
import { definePolicy, type MethodDefaultPolicy } from './policy.js';
import { type ResolveOptions, type ResolveState, resolve } from './resolve.js';
import {
  bytes,
  type ExplicitResponse,
  empty,
  fromFetchResponse,
  html,
  json,
  redirect,
  stream,
  text,
} from './response.js';
import { defineRoute } from './route.js';
import { fetchResponse, streamOf } from './test-helpers.js';

// Statuses the resolver may meet, biased towards the ones with special rules.
const finalStatus = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 200, max: 599 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(200, 201, 204, 205, 206, 301, 304, 307, 401, 404, 405, 422, 500),
  },
);
const noBodyStatus = new Set([204, 205, 304]);

const policy: fc.Arbitrary<MethodDefaultPolicy | 'rest' | 'fastapi'> = fc.oneof(
  fc.constant('rest' as const),
  fc.constant('fastapi' as const),
  fc
    .func(finalStatus)
    .map((fn) => definePolicy('random', (method, returned) => fn(method, returned))),
);

const routeMethod = fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'PURGE');

const headerName = fc.constantFrom(
  'x-a',
  'x-b',
  'etag',
  'content-type',
  'content-length',
  'transfer-encoding',
  'location',
  'allow',
  'www-authenticate',
);
const headerValue = fc.string({
  unit: fc.constantFrom('a', 'b', '1', ' ', '/', '"'),
  maxLength: 8,
});
// Headers as setHeader leaves them: lower-case, one entry per name.
const headerList: fc.Arbitrary<HeaderList> = fc
  .uniqueArray(fc.tuple(headerName, headerValue), { selector: ([n]) => n, maxLength: 4 })
  .map((pairs) => pairs.map(([n, v]) => [n, v] as const));
const headerRecord = headerList.map((list) => Object.fromEntries(list));

const jsonish = fc.oneof(
  { weight: 5, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  { weight: 1, arbitrary: fc.constantFrom(undefined, null) },
  // JSON cannot carry these: the resolver must answer 500, never throw.
  { weight: 1, arbitrary: fc.bigInt().map((n) => ({ n })) },
);

const maybeStatus = fc.option(finalStatus, { nil: undefined });
const init = fc.record({ status: maybeStatus, headers: headerRecord });
const chunks = fc.array(fc.uint8Array({ maxLength: 8 }), { maxLength: 3 });
const redirectStatus = fc.constantFrom(300, 301, 302, 303, 304, 305, 307, 308, 399);

const explicit: fc.Arbitrary<ExplicitResponse> = fc.oneof(
  fc.tuple(jsonish, init).map(([v, i]) => json(v, clean(i))),
  fc.tuple(fc.string({ maxLength: 10 }), init).map(([t, i]) => text(t, clean(i))),
  fc.tuple(fc.string({ maxLength: 10 }), init).map(([t, i]) => html(t, clean(i))),
  fc.tuple(fc.uint8Array({ maxLength: 10 }), init).map(([b, i]) => bytes(b, clean(i))),
  fc.tuple(chunks, init).map(([c, i]) => stream(streamOf(c), clean(i))),
  fc.tuple(finalStatus, headerRecord).map(([s, headers]) => empty(s, { headers })),
  fc
    .tuple(fc.webPath({ size: 'small' }), redirectStatus, headerRecord)
    .map(([path, status, headers]) => redirect(`/${path}`, { status, headers })),
  fc
    .tuple(finalStatus, fc.option(fc.string({ maxLength: 10 }), { nil: null }))
    .map(([status, body]) =>
      fromFetchResponse(fetchResponse(noBodyStatus.has(status) ? null : body, { status })),
    ),
);

const detail = fc.option(fc.jsonValue({ maxDepth: 2 }), { nil: undefined });
const exception = fc
  .tuple(finalStatus, detail, headerRecord)
  .map(([status, d, headers]) => new HttpException(status, d, { headers }));

const outcome: fc.Arbitrary<Outcome> = fc.oneof(
  jsonish.map((value): Outcome => ({ kind: 'value', value })),
  explicit.map((response): Outcome => ({ kind: 'response', response })),
  exception.map((e): Outcome => ({ kind: 'exception', exception: e })),
  // Thrown non-Error values (and Errors): always 500.
  fc
    .oneof(
      fc.anything({ maxDepth: 1 }),
      fc.string().map((m) => new Error(m)),
    )
    .map((error): Outcome => ({ kind: 'error', error })),
);

const state: fc.Arbitrary<ResolveState> = fc.record({
  status: maybeStatus,
  headers: fc.option(headerList, { nil: undefined }),
});

const options: fc.Arbitrary<ResolveOptions> = fc.record({
  errorFormat: fc.constantFrom('detail' as const, 'problem' as const),
  debug: fc.boolean(),
});

const scenario = fc.record({
  routeMethod,
  declared: maybeStatus,
  policy,
  outcome,
  state,
  options,
  head: fc.boolean(),
});

function clean(i: { status: number | undefined; headers: Record<string, string> }) {
  return i.status === undefined ? { headers: i.headers } : { status: i.status, headers: i.headers };
}

function planFor(s: {
  routeMethod: string;
  declared: number | undefined;
  policy: MethodDefaultPolicy | 'rest' | 'fastapi';
}) {
  const spec =
    s.declared === undefined
      ? { method: s.routeMethod, path: '/r' }
      : { method: s.routeMethod, path: '/r', status: s.declared };
  return compileRoute(
    defineRoute(spec, () => null),
    resolveOptions({ policy: s.policy }),
  );
}

function names(headers: HeaderList, name: string): number {
  return headers.filter(([n]) => n === name).length;
}

const RUNS = { numRuns: 400 };

describe('resolve: invariants for any outcome, policy and method', () => {
  it('the final status is an integer from 200 to 599', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const method = s.head ? 'HEAD' : s.routeMethod;
        const out = resolve(planFor(s), method, s.outcome, s.state, s.options);
        expect(Number.isInteger(out.status)).toBe(true);
        expect(out.status).toBeGreaterThanOrEqual(200);
        expect(out.status).toBeLessThanOrEqual(599);
      }),
      RUNS,
    );
  });

  it('204, 205, 304 and HEAD never carry a body; 204 and 304 never content-type or content-length', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const method = s.head ? 'HEAD' : s.routeMethod;
        const out = resolve(planFor(s), method, s.outcome, s.state, s.options);
        if (noBodyStatus.has(out.status) || method === 'HEAD') expect(out.body).toBeNull();
        if (out.status === 204 || out.status === 304) {
          expect(names(out.headers, 'content-type')).toBe(0);
          expect(names(out.headers, 'content-length')).toBe(0);
        }
        if (out.status === 205) expect(out.headers).toContainEqual(['content-length', '0']);
        expect(names(out.headers, 'transfer-encoding')).toBe(0);
        expect(names(out.headers, 'content-length')).toBeLessThanOrEqual(1);
      }),
      RUNS,
    );
  });

  it('content-length equals the byte length of a byte body', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const out = resolve(planFor(s), s.routeMethod, s.outcome, s.state, s.options);
        if (typeof out.body === 'string') {
          const bytes = new TextEncoder().encode(out.body).byteLength;
          expect(out.headers).toContainEqual(['content-length', String(bytes)]);
        } else if (out.body instanceof Uint8Array) {
          expect(out.headers).toContainEqual(['content-length', String(out.body.byteLength)]);
        } else if (out.body !== null) {
          // A stream has no known length.
          expect(names(out.headers, 'content-length')).toBe(0);
        }
      }),
      RUNS,
    );
  });

  it('HEAD answers with the status and headers of GET and a null body', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const plan = planFor({ ...s, routeMethod: 'GET' });
        const get = resolve(plan, 'GET', s.outcome, s.state, s.options);
        const head = resolve(plan, 'HEAD', s.outcome, s.state, s.options);
        expect(head.status).toBe(get.status);
        expect(head.headers).toEqual(get.headers);
        expect(head.body).toBeNull();
      }),
      RUNS,
    );
  });

  it("an exception's status wins over setStatus, declared and policy; any other throw is 500", () => {
    fc.assert(
      fc.property(scenario, exception, fc.anything({ maxDepth: 1 }), (s, e, thrown) => {
        const plan = planFor(s);
        const raised = resolve(
          plan,
          s.routeMethod,
          { kind: 'exception', exception: e },
          s.state,
          s.options,
        );
        expect(raised.status).toBe(e.status);
        // setHeader headers are dropped: only the exception's own headers (and framing) remain.
        for (const [name] of raised.headers) {
          if (name !== 'content-type' && name !== 'content-length') {
            expect(e.headers.some(([n]) => n === name)).toBe(true);
          }
        }
        const failed = resolve(
          plan,
          s.routeMethod,
          { kind: 'error', error: thrown },
          s.state,
          s.options,
        );
        expect(failed.status).toBe(500);
      }),
      RUNS,
    );
  });

  it('an explicit status beats setStatus, which beats the declared status, which beats the policy', () => {
    fc.assert(
      fc.property(scenario, explicit, jsonish, (s, response, value) => {
        const plan = planFor(s);
        const r = resolve(plan, s.routeMethod, { kind: 'response', response }, s.state, s.options);
        const v = resolve(plan, s.routeMethod, { kind: 'value', value }, s.state, s.options);
        const policy = resolveOptions({ policy: s.policy }).policy;
        const byDeclaration =
          s.declared ?? policy.status(s.routeMethod, value !== undefined && value !== null);
        const valueStatus = s.declared ?? policy.status(s.routeMethod, true);
        const serialisable =
          typeof value !== 'object' ||
          value === null ||
          !('n' in value && typeof value.n === 'bigint');
        if (serialisable) expect(v.status).toBe(s.state.status ?? byDeclaration);
        // Serialising an explicit json() can fail too; then the answer is a 500.
        if (r.status !== 500 || response.status === 500) {
          expect(r.status).toBe(response.status ?? s.state.status ?? valueStatus);
        }
      }),
      RUNS,
    );
  });

  it('never throws, and a 500 never echoes an error message unless debug is on', () => {
    fc.assert(
      fc.property(scenario, fc.string({ minLength: 6, maxLength: 12 }), (s, secret) => {
        const out = resolve(
          planFor(s),
          'GET',
          { kind: 'error', error: new Error(`secret:${secret}`) },
          s.state,
          { ...s.options, debug: false },
        );
        const body =
          typeof out.body === 'string'
            ? out.body
            : new TextDecoder().decode(out.body as Uint8Array);
        expect(body).not.toContain('secret:');
        expect(out.headers.map(([n]) => n)).toEqual(['content-type', 'content-length']);
      }),
      RUNS,
    );
  });
});

describe('resolve: the property tests can fail', () => {
  it('a HEAD with a body would be caught', () => {
    const out = resolve(
      { id: 'GET /', valueStatus: 200, emptyStatus: 200 },
      'GET',
      { kind: 'value', value: 1 },
      { status: undefined, headers: undefined },
      { errorFormat: 'detail', debug: false },
    );
    // GET does carry the body, so "HEAD has no body" is not vacuously true.
    expect(out.body).toBe('1');
  });
});
