// The status contract in the types: each form accepted, and each refused form
// marked with a ts-expect-error directive (the check fails if it compiles).
import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { HttpException } from '../http-exception.js';
import { bytes, empty, html, json, redirect, stream, text } from '../response.js';
import { type AnyRoute, defineRoute, type HandlerContext } from '../route.js';
import type { DeclaredStatus, DetailAt, ModelAt, PathParams } from './types.js';

const Item = z.object({ name: z.string(), price: z.number() });
const Message = z.object({ detail: z.string() });
const Problem = z.object({ code: z.string() });
const Coded = z.object({ detail: z.object({ code: z.number() }) });
const chunks = (async function* () {})();

const declared = { 404: { description: 'Not found', model: Message }, 409: 'Conflict' } as const;

describe('json() and friends accept only declared statuses', () => {
  it('accepts the success status (declared or not), responses keys and their models', () => {
    defineRoute({ method: 'GET', path: '/a', response: Item, responses: declared }, (ctx) => {
      if (ctx.query.a) return json({ name: 'a', price: 1 });
      if (ctx.query.b) return json({ name: 'a', price: 1 }, { status: 200 });
      if (ctx.query.c) return json({ detail: 'Item not found' }, { status: 404 });
      if (ctx.query.d) return text('conflict', { status: 409 });
      if (ctx.query.e) return empty(404);
      if (ctx.query.f) return html('<p>x</p>', { status: 409 });
      if (ctx.query.g) return bytes(new Uint8Array(1), { status: 409, contentType: 'x/y' });
      return stream(chunks, { status: 200 });
    });
    defineRoute({ method: 'POST', path: '/a', status: 202, responses: {} }, () =>
      json({ any: 'thing' }, { status: 202 }),
    );
  });

  it('refuses an undeclared status, at the call', () => {
    defineRoute({ method: 'GET', path: '/a', response: Item, responses: declared }, (ctx) => {
      // @ts-expect-error 418 is not declared
      if (ctx.query.a) return json({ name: 'a', price: 1 }, { status: 418 });
      // @ts-expect-error 201 is not this GET's success status
      if (ctx.query.b) return text('x', { status: 201 });
      // @ts-expect-error 500 is not declared (the core answers it, a handler does not)
      if (ctx.query.c) return empty(500);
      // @ts-expect-error 503 is not declared
      if (ctx.query.d) return html('x', { status: 503 });
      // @ts-expect-error 410 is not declared
      if (ctx.query.e) return bytes(new Uint8Array(0), { status: 410 });
      // @ts-expect-error 206 is not declared
      return stream(chunks, { status: 206 });
    });
  });

  it("refuses a JSON body that is not its status's model input", () => {
    defineRoute({ method: 'GET', path: '/a', response: Item, responses: declared }, (ctx) => {
      // @ts-expect-error price must be a number (the success model)
      if (ctx.query.a) return json({ name: 'a', price: '1' });
      // @ts-expect-error a 404 body is a Message
      if (ctx.query.b) return json({ name: 'a', price: 1 }, { status: 404 });
      // 409 has no model: any body.
      return json({ anything: true }, { status: 409 });
    });
  });

  it('reads class keys, default and string keys', () => {
    defineRoute(
      { method: 'GET', path: '/a', status: 200, responses: { '4XX': { model: Problem } } },
      (ctx) => {
        if (ctx.query.a) return json({ code: 'teapot' }, { status: 418 });
        // @ts-expect-error a 4xx body is a Problem
        if (ctx.query.b) return json({ detail: 'x' }, { status: 400 });
        // @ts-expect-error 5xx is not declared
        return json({ code: 'x' }, { status: 502 });
      },
    );
    defineRoute({ method: 'GET', path: '/a', responses: { default: { model: Problem } } }, () =>
      json({ code: 'x' }, { status: 599 }),
    );
    defineRoute({ method: 'GET', path: '/a', responses: { '404': { model: Message } } }, () =>
      json({ detail: 'x' }, { status: 404 }),
    );
  });

  it('takes the success statuses of the built-in policies when none is declared', () => {
    defineRoute({ method: 'POST', path: '/a', responses: {} }, (ctx) =>
      ctx.query.a ? empty(200) : json(1, { status: 201 }),
    );
    defineRoute({ method: 'DELETE', path: '/a', responses: {} }, (ctx) =>
      ctx.query.a ? empty(204) : json(1, { status: 200 }),
    );
    // @ts-expect-error a GET's success is 200 under both policies
    defineRoute({ method: 'GET', path: '/a', responses: {} }, () => empty(204));
  });

  it('redirect() needs 307 declared, or a declared status', () => {
    defineRoute({ method: 'GET', path: '/a', responses: { 307: 'Moved' } }, () => redirect('/b'));
    defineRoute({ method: 'GET', path: '/a', responses: { 301: 'Moved' } }, () =>
      redirect('/b', { status: 301 }),
    );
    // @ts-expect-error 307 is not declared
    defineRoute({ method: 'GET', path: '/a', responses: { 301: 'Moved' } }, () => redirect('/b'));
    defineRoute({ method: 'GET', path: '/a', responses: { 301: 'Moved' } }, () =>
      // @ts-expect-error 308 is not declared
      redirect('/b', { status: 308 }),
    );
    defineRoute({ method: 'GET', path: '/a', responses: { 301: 'Moved', 404: 'Gone' } }, () =>
      // @ts-expect-error 404 is declared, but a redirect is a 3xx
      redirect('/b', { status: 404 }),
    );
  });

  it('checks async handlers and conditional returns the same way', () => {
    defineRoute({ method: 'GET', path: '/a', responses: declared }, async (ctx) =>
      ctx.query.a ? json({ detail: 'x' }, { status: 404 }) : json({ ok: 1 }),
    );
    defineRoute({ method: 'GET', path: '/a', responses: declared }, async (ctx) => {
      // @ts-expect-error 418 is not declared
      if (ctx.query.a) return json(1, { status: 418 });
      return ctx.query.b ? json({ detail: 'x' }, { status: 404 }) : json({ ok: 1 });
    });
  });

  it('keeps checking routes written inside a list typed AnyRoute[]', () => {
    const list: AnyRoute[] = [
      defineRoute({ method: 'GET', path: '/a', status: 200, responses: declared }, () =>
        // @ts-expect-error 418 is not declared
        json({}, { status: 418 }),
      ),
    ];
    expectTypeOf(list).toEqualTypeOf<AnyRoute[]>();
  });
});

describe('open routes (no status, no responses) stay permissive', () => {
  it('accepts any status and, without a model, any body', () => {
    defineRoute({ method: 'GET', path: '/a' }, (ctx) => {
      ctx.setStatus(299);
      const computed: number = Number(ctx.query.s);
      ctx.setStatus(computed);
      if (ctx.query.a) return json({ x: 1 }, { status: 418 });
      if (ctx.query.b) return empty(computed);
      return redirect('/b');
    });
    // A status known only as `number` opens the route too.
    const status: number = 201;
    defineRoute({ method: 'GET', path: '/a', status }, () => json(1, { status: 418 }));
  });

  it('still checks a json() body without status against the response model', () => {
    // @ts-expect-error price is missing
    defineRoute({ method: 'GET', path: '/a', response: Item }, () => json({ name: 'a' }));
  });

  it('does not check a response built outside a return (the run time does)', () => {
    const prebuilt = json({ x: 1 }, { status: 418 });
    defineRoute({ method: 'GET', path: '/a', status: 200, responses: {} }, () => prebuilt);
  });
});

describe('setStatus', () => {
  it('accepts declared statuses only', () => {
    defineRoute(
      { method: 'PUT', path: '/a', status: 200, responses: { 201: 'Created' } },
      (ctx) => {
        ctx.setStatus(201);
        ctx.setStatus(200);
        // @ts-expect-error 299 is not declared
        ctx.setStatus(299);
        const computed: number = 201;
        // @ts-expect-error a number is not known to be declared
        ctx.setStatus(computed);
        expectTypeOf(ctx.setStatus).parameter(0).toEqualTypeOf<200 | 201>();
      },
    );
  });
});

describe('ctx.error', () => {
  it('raises a declared 4xx/5xx with the detail its model takes', () => {
    defineRoute({ method: 'GET', path: '/a', responses: declared }, (ctx) => {
      if (ctx.query.a) throw ctx.error(404, 'Item not found');
      if (ctx.query.b) throw ctx.error(404);
      if (ctx.query.c) throw ctx.error(409, { any: ['json'] }, { headers: { 'x-a': '1' } });
      expectTypeOf(ctx.error(409)).toEqualTypeOf<HttpException>();
      // @ts-expect-error 418 is not declared
      if (ctx.query.d) throw ctx.error(418);
      // @ts-expect-error the 404 model's detail is a string
      throw ctx.error(404, { code: 1 });
    });
  });

  it("takes an object detail from the model's `detail`; any status on an open route", () => {
    defineRoute({ method: 'GET', path: '/a', responses: { 422: { model: Coded } } }, (ctx) => {
      if (ctx.query.a) throw ctx.error(422, { code: 7 });
      // @ts-expect-error code is a number
      throw ctx.error(422, { code: '7' });
    });
    defineRoute({ method: 'GET', path: '/a' }, (ctx) => {
      throw ctx.error(418, { any: 'json' });
    });
  });

  it('leaves HttpException as it was: any status, any JSON detail', () => {
    defineRoute({ method: 'GET', path: '/a', status: 200, responses: {} }, () => {
      throw new HttpException(418, { reason: 'teapot' });
    });
  });
});

describe('path parameters from the template', () => {
  it('types params from the path when no params schema is given', () => {
    defineRoute({ method: 'GET', path: '/shops/{shop}/items/{id}' }, (ctx) => {
      expectTypeOf(ctx.params).toEqualTypeOf<{ readonly shop: string; readonly id: string }>();
      // @ts-expect-error no such parameter
      ctx.params.nope;
    });
    defineRoute({ method: 'GET', path: '/plain' }, (ctx) => {
      // biome-ignore lint/complexity/noBannedTypes: a path without parameters has none.
      expectTypeOf(ctx.params).toEqualTypeOf<{}>();
    });
    expectTypeOf<PathParams<string>>().toEqualTypeOf<Readonly<Record<string, string>>>();
  });

  it('a params schema wins', () => {
    defineRoute(
      {
        method: 'GET',
        path: '/items/{id}',
        request: { params: z.object({ id: z.coerce.number() }) },
      },
      (ctx) => {
        expectTypeOf(ctx.params).toEqualTypeOf<{ id: number }>();
      },
    );
  });
});

describe('what a route keeps for the client', () => {
  it('keeps the method, path, id, status and responses literals and the schemas', () => {
    const route = defineRoute(
      { method: 'post', path: '/items', status: 201, response: Item, responses: declared },
      () => ({ name: 'a', price: 1 }),
    );
    expectTypeOf(route.id).toEqualTypeOf<'POST /items'>();
    expectTypeOf(route.method).toEqualTypeOf<'POST'>();
    expectTypeOf(route.path).toEqualTypeOf<'/items'>();
    expectTypeOf(route.spec.status).toEqualTypeOf<201 | undefined>();
    expectTypeOf(route.spec.response).toEqualTypeOf<typeof Item | undefined>();
    expectTypeOf(route.spec.responses).toEqualTypeOf<typeof declared | undefined>();
    expectTypeOf(route).toExtend<AnyRoute>();
  });

  it('exposes the contract types', () => {
    type D = HandlerContext<object, '/a', never>;
    expectTypeOf<D['setStatus']>().parameter(0).toEqualTypeOf<number>();
    type Decl = import('./types.js').Declaration<'GET', 200, typeof declared, typeof Item>;
    expectTypeOf<DeclaredStatus<Decl>>().toEqualTypeOf<200 | 404 | 409>();
    expectTypeOf<ModelAt<Decl, 404>>().toEqualTypeOf<typeof Message>();
    expectTypeOf<ModelAt<Decl, 200>>().toEqualTypeOf<typeof Item>();
    expectTypeOf<ModelAt<Decl, 409>>().toEqualTypeOf<undefined>();
    expectTypeOf<DetailAt<Decl, 404>>().toEqualTypeOf<string>();
  });
});
