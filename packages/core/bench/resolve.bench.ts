import { bench, describe } from 'vitest';
import { HttpException } from '../src/http-exception.js';
import type { Outcome } from '../src/outcome.js';
import { type ResolveOptions, type RoutePlan, resolve } from '../src/resolve.js';
import { json } from '../src/response.js';
import { recordAllocations, TIMES } from './measure.js';

// Pure resolve() of one outcome: the decision alone, no routing, no I/O.

const get: RoutePlan = { id: 'GET /items/{id}', valueStatus: 200, emptyStatus: 200 };
const del: RoutePlan = { id: 'DELETE /items/{id}', valueStatus: 200, emptyStatus: 204 };
const options: ResolveOptions = { errorFormat: 'detail', debug: false };
const state = { status: undefined, headers: undefined };
const item = { id: '1', name: 'widget', price: 9.5 };

const cases: Array<[string, RoutePlan, Outcome]> = [
  ['value -> 200 JSON', get, { kind: 'value', value: item }],
  ['nothing -> 204 (DELETE)', del, { kind: 'value', value: undefined }],
  [
    'explicit json(..., 404)',
    get,
    { kind: 'response', response: json({ detail: 'Item not found' }, { status: 404 }) },
  ],
  [
    'HttpException(404)',
    get,
    { kind: 'exception', exception: new HttpException(404, 'Item not found') },
  ],
  ['thrown Error -> 500', get, { kind: 'error', error: new Error('boom') }],
];

const ops = [
  // tinybench times every call on its own: this row is the timer's share of each figure.
  ['(empty op: the timer alone)', () => 0] as const,
  ...cases.map(([name, plan, outcome]) => {
    const method = plan.id.split(' ')[0]!;
    return [name, () => resolve(plan, method, outcome, state, options).status] as const;
  }),
];

await recordAllocations('resolve', ops);

describe('resolve', () => {
  for (const [name, op] of ops) bench(name, op as () => void, TIMES);
});
