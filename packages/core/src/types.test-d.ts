import * as v from 'valibot';
import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { HttpException } from './http-exception.js';
import { createStatuskit } from './kit.js';
import { json, redirect } from './response.js';
import { type AnyRoute, defineRoute, type HandlerContext } from './route.js';
import { type RegisteredStatus, Status } from './status.js';

const Item = z.object({ name: z.string(), price: z.number() });
const Id = z.object({ id: z.coerce.number() });

describe('Status', () => {
  it('has literal values', () => {
    expectTypeOf(Status.CREATED).toEqualTypeOf<201>();
    expectTypeOf(Status.NO_CONTENT).toEqualTypeOf<204>();
    expectTypeOf(Status.IM_A_TEAPOT).toEqualTypeOf<418>();
    expectTypeOf<201>().toExtend<RegisteredStatus>();
    expectTypeOf<299>().not.toExtend<RegisteredStatus>();
  });
});

describe('defineRoute: the handler context', () => {
  it('types ctx.body as the request model output', () => {
    defineRoute({ method: 'POST', path: '/items', request: { body: Item } }, (ctx) => {
      expectTypeOf(ctx.body).toEqualTypeOf<{ name: string; price: number }>();
    });
    defineRoute(
      { method: 'POST', path: '/v', request: { body: v.object({ n: v.number() }) } },
      (ctx) => {
        expectTypeOf(ctx.body).toEqualTypeOf<{ n: number }>();
      },
    );
  });

  it('types ctx.params as the params model output, else from the path template', () => {
    defineRoute({ method: 'GET', path: '/items/{id}', request: { params: Id } }, (ctx) => {
      expectTypeOf(ctx.params).toEqualTypeOf<{ id: number }>();
    });
    defineRoute({ method: 'GET', path: '/items/{id}' }, (ctx) => {
      expectTypeOf(ctx.params).toEqualTypeOf<{ readonly id: string }>();
      expectTypeOf(ctx.query).toEqualTypeOf<Readonly<Record<string, string | string[]>>>();
      expectTypeOf(ctx.body).toBeUnknown();
    });
  });

  it('types query and headers from their models', () => {
    defineRoute(
      {
        method: 'GET',
        path: '/q',
        request: {
          query: z.object({ limit: z.coerce.number() }),
          headers: z.object({ 'x-a': z.string() }),
        },
      },
      (ctx) => {
        expectTypeOf(ctx.query).toEqualTypeOf<{ limit: number }>();
        expectTypeOf(ctx.headers).toEqualTypeOf<{ 'x-a': string }>();
        // No status and no responses declared: an open route, any status.
        expectTypeOf(ctx.setStatus).toEqualTypeOf<(status: number) => void>();
      },
    );
  });
});

describe('defineRoute: the handler result', () => {
  it('accepts the response model input, explicit responses and promises of them', () => {
    defineRoute({ method: 'GET', path: '/a', response: Item }, () => ({ name: 'a', price: 1 }));
    defineRoute({ method: 'GET', path: '/a', response: Item }, async () => ({
      name: 'a',
      price: 1,
    }));
    defineRoute({ method: 'GET', path: '/a', response: Item }, () => json({ name: 'a', price: 1 }));
    defineRoute({ method: 'GET', path: '/a', response: Item }, () => redirect('/b'));
  });

  it('refuses a wrong shape', () => {
    // @ts-expect-error price must be a number
    defineRoute({ method: 'GET', path: '/a', response: Item }, () => ({ name: 'a', price: '1' }));
    // @ts-expect-error name is missing
    defineRoute({ method: 'GET', path: '/a', response: Item }, async () => ({ price: 1 }));
    // @ts-expect-error a number is not an Item
    defineRoute({ method: 'GET', path: '/a', response: Item }, () => 404);
  });

  it('accepts anything without a response model', () => {
    defineRoute({ method: 'GET', path: '/a' }, () => 404);
    defineRoute({ method: 'GET', path: '/a' }, () => undefined);
  });
});

describe('routes and the app', () => {
  it('a typed route is an AnyRoute, and createStatuskit takes AnyRoute[]', () => {
    const route = defineRoute(
      { method: 'POST', path: '/items', request: { body: Item } },
      ({ body }) => body,
    );
    expectTypeOf(route).toExtend<AnyRoute>();
    const list: AnyRoute[] = [route];
    expectTypeOf(createStatuskit).toBeCallableWith(list);
    expectTypeOf(createStatuskit(list).routes).toEqualTypeOf<readonly AnyRoute[]>();
  });

  it('HttpException takes any JSON detail', () => {
    expectTypeOf(HttpException).toBeConstructibleWith(404, 'x');
    expectTypeOf(HttpException).toBeConstructibleWith(
      418,
      { reason: 'x' },
      { headers: { 'x-a': '1' } },
    );
    expectTypeOf<HandlerContext['background']['add']>().parameter(0).toEqualTypeOf<() => unknown>();
  });
});
