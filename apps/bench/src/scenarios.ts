import type { AnswerCheck } from './answer.js';

/** One route under load: the request autocannon repeats and the status it must get. */
export interface Scenario {
  readonly id: string;
  readonly title: string;
  readonly method: 'GET' | 'POST' | 'DELETE';
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly expect: number;
  /** What the answer must be beyond its status (checked once, before load). */
  readonly answer?: AnswerCheck;
  /** CPU/request target, statuskit/bare (compare phase). */
  readonly cpuTarget?: number;
}

/** The six routes of the issue, in report order. */
export const SCENARIOS: readonly Scenario[] = [
  {
    id: 'get-json',
    title: 'GET JSON 200',
    method: 'GET',
    path: '/items/1',
    expect: 200,
    cpuTarget: 1.03,
  },
  {
    id: 'post-model',
    title: 'POST model 201',
    method: 'POST',
    path: '/items',
    headers: { 'content-type': 'application/json' },
    body: '{"name":"gadget","price":12.25}',
    expect: 201,
    cpuTarget: 1.05,
  },
  {
    id: 'raise-404',
    title: 'raise HttpException 404',
    method: 'GET',
    path: '/raise/9',
    expect: 404,
    cpuTarget: 1.05,
  },
  {
    id: 'return-404',
    title: 'returned 404',
    method: 'GET',
    path: '/return/9',
    expect: 404,
    cpuTarget: 1.05,
  },
  {
    id: 'delete-204',
    title: 'DELETE 204',
    method: 'DELETE',
    path: '/items/1',
    expect: 204,
    cpuTarget: 1.05,
  },
  {
    id: 'unknown-404',
    title: 'unknown route 404',
    method: 'GET',
    path: '/nowhere/at/all',
    expect: 404,
    cpuTarget: 1.05,
  },
];

/** p99 latency target, statuskit/bare. */
export const P99_TARGET = 1.1;
/** CPU of the raise-404 path over the returned-404 path, same adapter. */
export const RAISE_TARGET = 1.1;
