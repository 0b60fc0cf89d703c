import {
  type AnyRoute,
  defineRoute,
  empty,
  HttpException,
  json,
  redirect,
  text,
} from '@statuskit/core';
import { docsRoutes } from '@statuskit/docs';
import { adminRoutes } from './admin.js';
import { Item, Message, request } from './models.js';
import { addItem, type Store } from './store.js';

// The seed scenarios (docs/seed-scenarios.md, rows 1-30), one route per row.
// Each route declares only what it needs; the status comes from what the
// handler does, the route's `status`, or the app's method-default policy.

/** Which method-default policy the app runs with: `rest` (201/204) or `fastapi` (200). */
export type Policy = 'rest' | 'fastapi';

const notFound = { 404: { description: 'Item not found', model: Message } };

function find(store: Store, id: number): Item {
  const item = store.items.get(id);
  if (item === undefined) throw new HttpException(404, 'Item not found');
  return item;
}

/** Options of {@link exampleRoutes}. */
export interface ExampleRouteOptions {
  /** Serve `/openapi.json` and `/docs` (default true; `pnpm example` turns them off in production). */
  docs?: boolean;
}

/**
 * Every route of the example, on `store`, then `more` (the operation routes of rows 31-39),
 * with `GET /openapi.json` documenting them under `policy` and the Swagger UI page at
 * `GET /docs` (@statuskit/docs).
 */
export function exampleRoutes(
  store: Store,
  policy: Policy,
  more: readonly AnyRoute[] = [],
  { docs = true }: ExampleRouteOptions = {},
): AnyRoute[] {
  const routes: AnyRoute[] = [
    // 1, 2, 28, 30: no status declared, so 200; a missing item raises 404.
    defineRoute(
      {
        method: 'GET',
        path: '/items/{id}',
        request: request.itemId,
        response: Item,
        summary: 'Read an item',
        responses: notFound,
      },
      ({ params }) => find(store, params.id),
    ),
    // 3, 5, 6: returns the new item; the policy says 201 (rest) or 200 (fastapi).
    defineRoute(
      { method: 'POST', path: '/items', request: request.item, summary: 'Create an item' },
      ({ body }) => addItem(store, body),
    ),
    // 4, 29: a declared 201; the response model drops the extra key.
    defineRoute(
      {
        method: 'POST',
        path: '/items/declared',
        status: 201,
        request: request.item,
        response: Item,
        summary: 'Create an item (declared 201)',
      },
      ({ body }) => ({ ...addItem(store, body), internal: 'dropped by the model' }),
    ),
    // 7, 8: returns nothing: 204 (rest) or 200 with `null` (fastapi).
    defineRoute(
      { method: 'DELETE', path: '/items/{id}', request: request.itemId, responses: notFound },
      ({ params }) => {
        find(store, params.id);
        store.items.delete(params.id);
      },
    ),
    // 9: a declared 204 wins over the returned value, which is dropped.
    defineRoute(
      {
        method: 'PUT',
        path: '/items/{id}/touch',
        status: 204,
        request: request.itemId,
        responses: notFound,
      },
      ({ params }) => find(store, params.id),
    ),
    // 10: an explicit empty 404.
    defineRoute({ method: 'GET', path: '/status', responses: { 404: 'Empty answer' } }, () =>
      empty(404),
    ),
    // 11: a returned number is a body, never a status.
    defineRoute({ method: 'GET', path: '/status/number' }, () => 404),
    // 12: an explicit status on a JSON body.
    defineRoute({ method: 'GET', path: '/accepted', responses: { 202: 'Accepted' } }, () =>
      json({ msg: 'ok' }, { status: 202 }),
    ),
    // 13: plain text.
    defineRoute({ method: 'GET', path: '/text' }, () => text('ok')),
    // 14, 15: redirects, 307 unless told otherwise.
    defineRoute(
      { method: 'GET', path: '/old-items/{id}', responses: { 307: 'Moved' } },
      ({ params }) => redirect(`/items/${params.id}`),
    ),
    defineRoute({ method: 'GET', path: '/moved', responses: { 301: 'Moved Permanently' } }, () =>
      redirect('/items/1', { status: 301 }),
    ),
    // 16, 17: an explicit response and a raised exception both beat the declared 201.
    defineRoute(
      { method: 'GET', path: '/override', status: 201, responses: { 202: 'Explicit' } },
      () => json({ msg: 'explicit' }, { status: 202 }),
    ),
    defineRoute(
      { method: 'GET', path: '/override/raise', status: 201, responses: { 409: 'Conflict' } },
      () => {
        throw new HttpException(409, 'Conflict');
      },
    ),
    // 18: any JSON detail, and headers of its own.
    defineRoute({ method: 'GET', path: '/teapot', responses: { 418: "I'm a teapot" } }, () => {
      throw new HttpException(
        418,
        { reason: 'short and stout' },
        { headers: { 'x-error': 'teapot' } },
      );
    }),
    // 19: anything else thrown is a 500 that leaks nothing.
    defineRoute(
      { method: 'GET', path: '/boom', responses: { 500: 'Internal Server Error' } },
      () => {
        throw new Error('secret');
      },
    ),
    // 20, 21: the task runs after the 202 has been sent; /process/log shows it ran.
    defineRoute({ method: 'POST', path: '/process', status: 202 }, ({ background }) => {
      background.add(() => {
        store.tasks.push('process');
      });
      return { message: 'Accepted for processing' };
    }),
    defineRoute({ method: 'GET', path: '/process/log' }, () => ({
      tasks: store.tasks,
      errors: store.failures,
    })),
    // 22: the status is frozen once the response is decided: the task's attempt fails and is reported.
    defineRoute({ method: 'POST', path: '/process/late', status: 202 }, (ctx) => {
      // @ts-expect-error 500 is not declared; the types refuse it, and so does the run time (frozen).
      ctx.background.add(() => ctx.setStatus(500));
      ctx.background.add(() => {
        store.tasks.push('late');
      });
      return { message: 'Accepted for processing' };
    }),
    // 23, 27: 200 or 404, both in /openapi.json; PATCH gets 405 with `allow: GET, HEAD`.
    defineRoute(
      {
        method: 'GET',
        path: '/items/{id}/maybe',
        request: request.itemId,
        response: Item,
        responses: notFound,
      },
      ({ params }) => find(store, params.id),
    ),
    // 24: a 401 with its www-authenticate header.
    defineRoute({ method: 'GET', path: '/auth', responses: { 401: 'Not authenticated' } }, () => {
      throw new HttpException(401, 'Not authenticated', {
        headers: { 'www-authenticate': 'Bearer' },
      });
    }),
    ...adminRoutes(store),
    ...more,
  ];
  // 25, 40, 41: every status each route can answer, and a page to try them, at start-up.
  const documented = docsRoutes(routes, {
    enabled: docs,
    openapi: { info: { title: 'statuskit example', version: '1.0.0' }, policy },
  });
  return [...routes, ...documented];
}
