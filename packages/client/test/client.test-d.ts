// The client's types: what each call takes and what each answer carries,
// narrowed by status; the refused forms are marked with ts-expect-error.
import { defineRoute, defineSecurity } from '@statuskit/core';
import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import {
  type Answer,
  type AnswerHeaders,
  createClient,
  type FinalStatus,
  type OperationKey,
  type OperationMonitor,
  type OperationResponseFor,
  type RouteKey,
  type ValidationIssue,
} from '../src/index.js';
import type { routes } from './app.js';
import type { api as withOperations } from './operations-app.js';

const api = createClient<typeof routes>('http://127.0.0.1:1');
// The statuses in the honest arm of GET /items/{id}: all but 200, 404, 422 and the routing ones.
type UndeclaredOf = Exclude<FinalStatus, 200 | 307 | 400 | 404 | 405 | 422 | 500>;
type Item = { name: string; price: number; id: number };

describe('keys and calls', () => {
  it('names every route by its id, and HEAD for each GET', () => {
    expectTypeOf<RouteKey<typeof routes>>().toEqualTypeOf<
      | 'GET /items/{id}'
      | 'HEAD /items/{id}'
      | 'POST /items'
      | 'DELETE /items/{id}'
      | 'GET /search'
      | 'HEAD /search'
      | 'GET /whoami'
      | 'HEAD /whoami'
      | 'GET /echo/{a}/{b}'
      | 'HEAD /echo/{a}/{b}'
      | 'GET /text'
      | 'HEAD /text'
      | 'GET /bytes'
      | 'HEAD /bytes'
      | 'PUT /touch'
      | 'GET /old'
      | 'HEAD /old'
      | 'GET /teapot'
      | 'HEAD /teapot'
      | 'GET /range'
      | 'HEAD /range'
    >();
    // @ts-expect-error no such route
    void api.request('GET /nope', {});
    // @ts-expect-error POST /items/{id} is not a route
    void api.post('/items/{id}', { params: { id: 1 } });
  });

  it('types params from the params schema, or from the path template', () => {
    void api.request('GET /items/{id}', { params: { id: 1 } });
    void api.get('/items/{id}', { params: { id: '1' } });
    void api.get('/echo/{a}/{b}', { params: { a: 'x', b: 2 } });
    // @ts-expect-error params are required
    void api.get('/items/{id}');
    // @ts-expect-error b is missing
    void api.get('/echo/{a}/{b}', { params: { a: 'x' } });
    // @ts-expect-error c is no parameter of the path
    void api.get('/echo/{a}/{b}', { params: { a: 'x', b: 'y', c: 'z' } });
  });

  it('types query, headers and body from their schemas', () => {
    void api.get('/search', { query: { q: 'x' } });
    void api.get('/search', { query: { q: 'x', limit: 2, tag: ['a', 'b'] } });
    void api.get('/whoami', { headers: { 'x-user': 'ada' } });
    void api.post('/items', { body: { name: 'a', price: 1 } });
    // @ts-expect-error q is required
    void api.get('/search', { query: {} });
    // @ts-expect-error the header is required
    void api.get('/whoami');
    // @ts-expect-error price must be a number
    void api.post('/items', { body: { name: 'a', price: '1' } });
    // @ts-expect-error a GET has no body
    void api.get('/text', { body: { a: 1 } });
  });
});

describe('answers, discriminated by status', () => {
  it('narrows declared statuses to their models, core statuses to their bodies', async () => {
    const r = await api.request('GET /items/{id}', { params: { id: 1 } });
    expectTypeOf(r.headers).toEqualTypeOf<AnswerHeaders>();
    if (r.status === 200) expectTypeOf(r.body).toEqualTypeOf<Item>();
    if (r.status === 404)
      expectTypeOf(r.body).toEqualTypeOf<{ detail: string } | { readonly detail: string }>();
    if (r.status === 422) {
      expectTypeOf(r.body).toEqualTypeOf<{ readonly detail: readonly ValidationIssue[] }>();
    }
    if (r.status === 500) expectTypeOf(r.body).toEqualTypeOf<{ readonly detail: string }>();
    if (r.status === 307) expectTypeOf(r.body).toEqualTypeOf<undefined>();
    // The honest arm: a status nobody declared (a proxy's 502).
    if (r.status === 502) expectTypeOf(r.body).toBeUnknown();
    // A GET reads no body: a 413 or a 201 is nobody's, in the honest arm.
    if (r.status === 413) expectTypeOf(r.body).toBeUnknown();
    if (r.status === 201) expectTypeOf(r).toEqualTypeOf<Answer<UndeclaredOf, unknown>>();
  });

  it('types the success of a declared status and its errors', async () => {
    const p = await api.post('/items', { body: { name: 'a', price: 1 } });
    if (p.status === 201) expectTypeOf(p.body).toEqualTypeOf<Item>();
    if (p.status === 409) expectTypeOf(p.body.detail).toBeString();
    if (p.status === 413) expectTypeOf(p.body).toEqualTypeOf<{ readonly detail: string }>();
    if (p.status === 400) {
      expectTypeOf(p.body).toEqualTypeOf<
        { readonly detail: string } | { readonly detail: readonly ValidationIssue[] }
      >();
    }
  });

  it('gives bodiless statuses and HEAD no body', async () => {
    const t = await api.put('/touch');
    if (t.status === 204) expectTypeOf(t.body).toEqualTypeOf<undefined>();
    const d = await api.delete('/items/{id}', { params: { id: 1 } });
    if (d.status === 204) expectTypeOf(d.body).toEqualTypeOf<undefined>();
    if (d.status === 200) expectTypeOf(d.body).toBeUnknown();
    const h = await api.head('/items/{id}', { params: { id: 1 } });
    expectTypeOf(h.body).toEqualTypeOf<undefined>();
  });

  it('gives a class key one arm for its class', async () => {
    const r = await api.get('/range');
    if (r.status === 429) expectTypeOf(r.body).toEqualTypeOf<{ detail: string }>();
    if (r.status === 404) {
      expectTypeOf(r.body).toEqualTypeOf<{ detail: string } | { readonly detail: string }>();
    }
    if (r.status === 503) expectTypeOf(r.body).toBeUnknown();
  });

  it('reads the problem format when told', async () => {
    const problem = createClient<typeof routes, 'problem'>('http://127.0.0.1:1');
    const r = await problem.get('/items/{id}', { params: { id: 1 } });
    if (r.status === 422) expectTypeOf(r.body.errors).toEqualTypeOf<readonly ValidationIssue[]>();
    if (r.status === 500) expectTypeOf(r.body.title).toBeString();
  });
});

describe('guarded routes', () => {
  it("types a guard's 401 and 403 with the core's error body", async () => {
    const bearer = defineSecurity({
      name: 'bearer',
      scheme: { type: 'http', scheme: 'bearer' },
      verify: (token) => (token === 'ok' ? { user: 'ada' } : undefined),
    });
    const guarded = [
      defineRoute(
        { method: 'GET', path: '/me', security: bearer, responses: {} },
        ({ auth }) => auth,
      ),
      defineRoute({ method: 'GET', path: '/open', responses: {} }, () => 1),
    ] as const;
    const c = createClient<typeof guarded>('http://127.0.0.1:1');
    const me = await c.get('/me');
    if (me.status === 401) expectTypeOf(me.body).toEqualTypeOf<{ readonly detail: string }>();
    if (me.status === 403) expectTypeOf(me.body).toEqualTypeOf<{ readonly detail: string }>();
    const open = await c.get('/open');
    // No guard: a 401 is nobody's, in the honest arm.
    if (open.status === 401) expectTypeOf(open.body).toBeUnknown();
  });
});

describe('routes of any list', () => {
  it('takes a plain array of routes too, and opens an open route to every status', async () => {
    const list = [
      defineRoute({ method: 'GET', path: '/open' }, () => 1),
      defineRoute(
        { method: 'POST', path: '/v', request: { body: z.object({ a: z.string() }) } },
        ({ body }) => body,
      ),
    ];
    const c = createClient<typeof list>('http://127.0.0.1:1');
    const o = await c.get('/open');
    if (o.status === 200) expectTypeOf(o.body).toBeUnknown();
    if (o.status === 418) expectTypeOf(o.body).toBeUnknown();
    const v = await c.post('/v', { body: { a: 'x' } });
    if (v.status === 201) expectTypeOf(v.body).toBeUnknown();
    if (v.status === 415) expectTypeOf(v.body).toEqualTypeOf<{ readonly detail: string }>();
  });
});

describe('operations', () => {
  const ops = createClient<typeof withOperations>('http://127.0.0.1:1');
  type Final = OperationResponseFor<typeof withOperations, 'POST /reports', 'detail'>;
  type Report = { id: number; name: string; rows: number };
  // The final statuses: the declared 201 and 409, the start's refusals, the result's 404, 409, 500, 503.
  type Exact = 201 | 307 | 400 | 404 | 405 | 408 | 409 | 413 | 415 | 422 | 500 | 503;

  it('names the operations, and types their start as 202 with the monitor', async () => {
    expectTypeOf<OperationKey<typeof withOperations>>().toEqualTypeOf<'POST /reports'>();
    expectTypeOf<'POST /reports' | 'POST /items'>().toExtend<RouteKey<typeof withOperations>>();
    const started = await ops.post('/reports', { body: { name: 'q3' } });
    if (started.status === 202) expectTypeOf(started.body).toEqualTypeOf<OperationMonitor>();
    if (started.status === 503)
      expectTypeOf(started.body).toEqualTypeOf<{ readonly detail: string }>();
    // @ts-expect-error GET /items/{id} is no operation
    void ops.operation('GET /items/{id}', { params: { id: 1 } });
    // @ts-expect-error the start's body is required
    void ops.operation('POST /reports');
    // @ts-expect-error rows must be a number
    void ops.operation('POST /reports', { body: { name: 'q3', rows: '2' } });
  });

  it("resolves to the union of the operation's final statuses and the honest arm", async () => {
    const r = await ops.operation('POST /reports', { body: { name: 'q3' } }, { interval: 10 });
    expectTypeOf(r).toEqualTypeOf<Final>();
    expectTypeOf<
      Exclude<Final, Answer<Exclude<FinalStatus, Exact>, unknown>>['status']
    >().toEqualTypeOf<Exact>();
    if (r.status === 201) expectTypeOf(r.body).toEqualTypeOf<Report>();
    if (r.status === 409)
      expectTypeOf(r.body).toEqualTypeOf<{ detail: string } | { readonly detail: string }>();
    if (r.status === 500) expectTypeOf(r.body).toEqualTypeOf<{ readonly detail: string }>();
    if (r.status === 404) expectTypeOf(r.body).toEqualTypeOf<{ readonly detail: string }>();
    if (r.status === 422) {
      expectTypeOf(r.body).toEqualTypeOf<
        { readonly detail: readonly ValidationIssue[] } | { readonly detail: string }
      >();
    }
    if (r.status === 502) expectTypeOf(r.body).toBeUnknown();
    // @ts-expect-error 600 is no status an answer can have
    if (r.status === 600) expectTypeOf(r.body).toBeUnknown();
  });

  it('reads the problem format when told', async () => {
    const problem = createClient<typeof withOperations, 'problem'>('http://127.0.0.1:1');
    const r = await problem.operation('POST /reports', { body: { name: 'q3' } });
    if (r.status === 500) expectTypeOf(r.body.title).toBeString();
    if (r.status === 409) expectTypeOf(r.body.detail).toBeString();
  });
});
