import { createStatuskit, defineRoute, type Statuskit } from '@statuskit/core';
import { deleteItem, getItem } from './kit.js';
import { CREATED_ID } from './store.js';
import { ItemIn } from './zod-item.js';

// The compare phase's routes but for the body, which zod validates here.
const createItem = defineRoute(
  { method: 'POST', path: '/items', status: 201, request: { body: ItemIn } },
  ({ body }) => ({ id: CREATED_ID, name: body.name, price: body.price }),
);

/** The peers phase's app: three routes, the body validated by zod, a raised 404. */
export function peerKit(): Statuskit {
  return createStatuskit([getItem, createItem, deleteItem], {
    policy: 'rest',
    // A benchmark server must not spend its time printing; errors still count.
    onError: () => {},
  });
}
