import { type AnyRoute, defineRoute, json } from '@statuskit/core';
import type { ConformanceCase, Expectation, RequestStep } from '../case.js';
import {
  detailAnswer,
  emptyAnswer,
  jsonAnswer,
  jsonRequest,
  noContent,
  redirectAnswer,
  req,
  step,
  textAnswer,
} from './helpers.js';

// 500 requests at once: 400 echo requests, each with its own status, header
// and body, mixed with 100 seed requests of every kind.

function echo(n: number): RequestStep {
  const status = 200 + (n % 7);
  const headers = { 'x-echo': String(n) };
  let expect: Expectation;
  if (status === 204 || status === 205) expect = noContent(status, headers);
  else expect = jsonAnswer(status, { n }, headers);
  return step(req('GET', `/echo/${n}`), expect);
}

const MIX: readonly RequestStep[] = [
  step(req('GET', '/items/1'), jsonAnswer(200, { id: 1, name: 'Hammer', price: 9.5 })),
  step(req('GET', '/items/999'), detailAnswer(404, 'Item not found')),
  step(req('GET', '/text'), textAnswer(200, 'ok')),
  step(
    req('GET', '/teapot'),
    detailAnswer(418, { reason: 'short and stout' }, { 'x-error': 'teapot' }),
  ),
  step(req('GET', '/boom'), detailAnswer(500, 'Internal Server Error')),
  step(req('GET', '/old-items/7'), redirectAnswer(307, '/items/7')),
  step(req('HEAD', '/status'), emptyAnswer(404)),
  step(
    req('PATCH', '/items/1/maybe'),
    detailAnswer(405, 'Method Not Allowed', { allow: 'GET, HEAD' }),
  ),
  step(req('PUT', '/items/1/touch'), noContent(204)),
  step(
    jsonRequest('POST', '/items', { name: '', price: 1 }),
    detailAnswer(422, [
      {
        type: 'string_too_short',
        loc: ['body', 'name'],
        msg: 'String should have at least 1 character',
        input: '',
      },
    ]),
  ),
];

const requests: RequestStep[] = [];
for (let i = 0; i < 500; i++)
  requests.push(i % 5 === 4 ? MIX[((i / 5) % MIX.length) | 0]! : echo(i));

/** The route of C01: `/echo/{n}` answers 200 + n % 7 with `x-echo: n`, after n % 3 turns. */
export function concurrencyRoutes(): AnyRoute[] {
  return [
    defineRoute({ method: 'GET', path: '/echo/{n}' }, async (ctx) => {
      const n = Number(ctx.params.n);
      // Interleave: requests finish in a different order than they arrived.
      for (let i = 0; i < n % 3; i++) await new Promise((resolve) => setImmediate(resolve));
      ctx.setHeader('x-echo', String(n));
      return json({ n }, { status: 200 + (n % 7) });
    }),
  ];
}

/** Concurrency cases. */
export const concurrencyCases: readonly ConformanceCase[] = [
  {
    id: 'C01',
    level: 'MUST',
    title: '500 concurrent mixed requests each get their own status, headers and body',
    ref: 'docs/http-rules.md, the exchange (isolation)',
    steps: [{ kind: 'concurrent', steps: requests }],
  },
];
