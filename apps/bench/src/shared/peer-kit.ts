import { createStatuskit, defineRoute, HttpException, type Statuskit } from '@statuskit/core';
import { CREATED_ID, findItem, NOT_FOUND_DETAIL } from './store.js';
import { ItemIn } from './zod-item.js';

const getItem = defineRoute({ method: 'GET', path: '/items/{id}' }, ({ params }) => {
  const item = findItem(params.id!);
  if (item === undefined) throw new HttpException(404, NOT_FOUND_DETAIL);
  return item;
});

const createItem = defineRoute(
  { method: 'POST', path: '/items', status: 201, request: { body: ItemIn } },
  ({ body }) => ({ id: CREATED_ID, name: body.name, price: body.price }),
);

// Returns nothing: the rest policy answers an empty DELETE with 204.
const deleteItem = defineRoute({ method: 'DELETE', path: '/items/{id}' }, ({ params }) => {
  if (findItem(params.id!) === undefined) throw new HttpException(404, NOT_FOUND_DETAIL);
});

/** The peers phase's app: three routes, the body validated by zod, a raised 404. */
export function peerKit(): Statuskit {
  return createStatuskit([getItem, createItem, deleteItem], {
    policy: 'rest',
    // A benchmark server must not spend its time printing; errors still count.
    onError: () => {},
  });
}
