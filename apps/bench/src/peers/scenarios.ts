import type { Scenario } from '../scenarios.js';
import { CREATED_ID, findItem, NOT_FOUND_DETAIL } from '../shared/store.js';

const created = { name: 'gadget', price: 12.25 };

/**
 * The four routes of the peers phase (issue 15), with the answer every
 * contender must give before it is measured. The raise is the GET route's own
 * not-found branch, so the body must carry the handler's detail: a router's
 * 404 for a route that was never registered does not pass.
 */
export const PEER_SCENARIOS: readonly Scenario[] = [
  {
    id: 'get-json',
    title: 'GET JSON 200',
    method: 'GET',
    path: '/items/1',
    expect: 200,
    answer: { contentType: 'application/json', json: findItem('1') },
  },
  {
    id: 'post-model',
    title: 'POST validated 201',
    method: 'POST',
    path: '/items',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(created),
    expect: 201,
    answer: { contentType: 'application/json', json: { id: CREATED_ID, ...created } },
  },
  {
    id: 'raise-404',
    title: 'raise 404',
    method: 'GET',
    path: '/items/9',
    expect: 404,
    answer: { includes: NOT_FOUND_DETAIL },
  },
  {
    id: 'delete-204',
    title: 'DELETE 204',
    method: 'DELETE',
    path: '/items/1',
    expect: 204,
    answer: { empty: true },
  },
];
