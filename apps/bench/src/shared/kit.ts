import {
  createStatuskit,
  defineRoute,
  HttpException,
  json,
  type Statuskit,
  type StatuskitOptions,
} from '@statuskit/core';
import { ItemSchema } from './item.js';
import { CREATED_ID, findItem, NOT_FOUND_DETAIL } from './store.js';

/** `GET /items/{id}`: the item, or a raised 404 (the peers phase's kit uses it too). */
export const getItem = defineRoute({ method: 'GET', path: '/items/{id}' }, ({ params }) => {
  const item = findItem(params.id!);
  if (item === undefined) throw new HttpException(404, NOT_FOUND_DETAIL);
  return item;
});

const createItem = defineRoute(
  { method: 'POST', path: '/items', status: 201, request: { body: ItemSchema } },
  ({ body }) => ({ id: CREATED_ID, name: body.name, price: body.price }),
);

const raiseMissing = defineRoute({ method: 'GET', path: '/raise/{id}' }, ({ params }) => {
  const item = findItem(params.id!);
  if (item === undefined) throw new HttpException(404, NOT_FOUND_DETAIL);
  return item;
});

const returnMissing = defineRoute({ method: 'GET', path: '/return/{id}' }, ({ params }) => {
  const item = findItem(params.id!);
  if (item === undefined) return json({ detail: NOT_FOUND_DETAIL }, { status: 404 });
  return item;
});

/** `DELETE /items/{id}`: returns nothing, so the rest policy answers 204; a raised 404 otherwise. */
export const deleteItem = defineRoute({ method: 'DELETE', path: '/items/{id}' }, ({ params }) => {
  if (findItem(params.id!) === undefined) throw new HttpException(404, NOT_FOUND_DETAIL);
});

/** The benchmark app: the same routes the bare servers implement by hand. */
export function benchKit(options: StatuskitOptions = {}): Statuskit {
  return createStatuskit([getItem, createItem, raiseMissing, returnMissing, deleteItem], {
    policy: 'rest',
    // A benchmark server must not spend its time printing; errors still count.
    onError: () => {},
    ...options,
  });
}
