// The app the client's tests call: typed routes, exported as a tuple so that
// `typeof routes` keeps every route's types.
import {
  bytes,
  createStatuskit,
  defineRoute,
  empty,
  json,
  redirect,
  type Statuskit,
  type StatuskitOptions,
  text,
} from '@statuskit/core';
import { z } from 'zod';

export const ItemIn = z.object({ name: z.string().min(1), price: z.number().min(0) });
export const Item = ItemIn.extend({ id: z.number().int() });
export const Message = z.object({ detail: z.string() });

const items = new Map<number, z.infer<typeof Item>>();

// A proxy in front of the app answering for it, as a gateway's 502 would.
const teapot = json({ short: 'and stout' }, { status: 418 });

export const routes = [
  defineRoute(
    {
      method: 'GET',
      path: '/items/{id}',
      request: { params: z.object({ id: z.coerce.number().int() }) },
      response: Item,
      responses: { 404: { description: 'Not found', model: Message } },
    },
    ({ params, error }) => {
      const item = items.get(params.id);
      if (item === undefined) throw error(404, 'Item not found');
      return item;
    },
  ),
  defineRoute(
    {
      method: 'POST',
      path: '/items',
      status: 201,
      request: { body: ItemIn },
      response: Item,
      responses: { 409: { description: 'Taken', model: Message } },
    },
    ({ body, error }) => {
      for (const item of items.values()) {
        if (item.name === body.name) throw error(409, `${body.name} exists`);
      }
      const item = { ...body, id: items.size + 1 };
      items.set(item.id, item);
      return item;
    },
  ),
  defineRoute(
    { method: 'DELETE', path: '/items/{id}', responses: { 404: { model: Message } } },
    ({ params, error }) => {
      if (!items.delete(Number(params.id))) throw error(404, 'Item not found');
    },
  ),
  defineRoute(
    {
      method: 'GET',
      path: '/search',
      request: {
        query: z.object({
          q: z.string(),
          limit: z.coerce.number().int().optional(),
          tag: z.union([z.string(), z.array(z.string())]).optional(),
        }),
      },
      responses: {},
    },
    ({ query }) => json({ q: query.q, limit: query.limit ?? null, tag: query.tag ?? null }),
  ),
  defineRoute(
    {
      method: 'GET',
      path: '/whoami',
      request: { headers: z.object({ 'x-user': z.string() }) },
      responses: {},
    },
    ({ headers }) => ({ user: headers['x-user'] }),
  ),
  defineRoute({ method: 'GET', path: '/echo/{a}/{b}', responses: {} }, ({ params }) => ({
    a: params.a,
    b: params.b,
  })),
  defineRoute({ method: 'GET', path: '/text', status: 200, responses: { 203: 'Text' } }, () =>
    text('plain', { status: 203 }),
  ),
  defineRoute({ method: 'GET', path: '/bytes', responses: {} }, () =>
    bytes(new Uint8Array([1, 2, 3])),
  ),
  defineRoute({ method: 'PUT', path: '/touch', status: 204 }, () => empty(204)),
  defineRoute({ method: 'GET', path: '/old', responses: { 307: 'Moved' } }, () =>
    redirect('/items/1'),
  ),
  defineRoute({ method: 'GET', path: '/teapot', status: 200, responses: {} }, () => teapot),
  defineRoute(
    { method: 'GET', path: '/range', status: 200, responses: { '4XX': { model: Message } } },
    ({ error }) => {
      throw error(429, 'Slow down');
    },
  ),
] as const;

/** The kit of the test app, on a fresh store. */
export function kit(options: StatuskitOptions = {}): Statuskit {
  items.clear();
  return createStatuskit(routes, options);
}
