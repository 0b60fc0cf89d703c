import type { WireResponse } from './raw-http.js';

/** One kind of request of the mixed workload, with what its answer must be. */
export interface MixStep {
  readonly name: string;
  readonly method: string;
  /** The path; `{id}` is replaced with the id the previous step of the scenario created. */
  readonly path: string;
  readonly body?: string;
  readonly status: number;
  /** The exact body, a test on it, or nothing to check. */
  readonly expect?: string | ((body: string) => boolean);
  /** Headers that must be present with these exact values. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** A sequence of steps on one connection; a step may use the id the one before created. */
export type Scenario = readonly MixStep[];

const ITEM = '{"id":1,"name":"Hammer","price":9.5}';
const json = 'application/json';

/**
 * The mixed workload of the soak and the concurrency test: success, raised,
 * validation, unknown route, HEAD, redirect, 405, background tasks. Creating
 * scenarios delete what they created, so the store (and the heap) stays flat.
 */
export const MIX: readonly Scenario[] = [
  [{ name: 'success', method: 'GET', path: '/items/1', status: 200, expect: ITEM }],
  [
    {
      name: 'head',
      method: 'HEAD',
      path: '/items/1',
      status: 200,
      expect: '',
      headers: { 'content-length': '36', 'content-type': json },
    },
  ],
  // An id no soak reaches (created ids count up from 2).
  [
    {
      name: 'raised 404',
      method: 'GET',
      path: '/items/999999999999',
      status: 404,
      expect: '{"detail":"Item not found"}',
    },
  ],
  [
    {
      name: 'raised 418',
      method: 'GET',
      path: '/teapot',
      status: 418,
      expect: '{"detail":{"reason":"short and stout"}}',
      headers: { 'x-error': 'teapot' },
    },
  ],
  [
    {
      name: 'raised 500',
      method: 'GET',
      path: '/boom',
      status: 500,
      expect: '{"detail":"Internal Server Error"}',
    },
  ],
  [
    {
      name: 'validation',
      method: 'POST',
      path: '/items',
      body: '{"name":"","price":-1}',
      status: 422,
      expect: (b) => b.startsWith('{"detail":[{"type":"string_too_short"'),
    },
  ],
  [
    {
      name: 'malformed',
      method: 'POST',
      path: '/items',
      body: '{"name":',
      status: 422,
      expect: (b) => b.includes('"type":"json_invalid"'),
    },
  ],
  [
    {
      name: 'unknown route',
      method: 'GET',
      path: '/nope',
      status: 404,
      expect: '{"detail":"Not Found"}',
    },
  ],
  [
    {
      name: '405',
      method: 'PATCH',
      path: '/items/1/maybe',
      status: 405,
      expect: '{"detail":"Method Not Allowed"}',
      headers: { allow: 'GET, HEAD' },
    },
  ],
  [
    {
      name: 'background task',
      method: 'POST',
      path: '/process',
      status: 202,
      expect: '{"message":"Accepted for processing"}',
    },
  ],
  [
    {
      name: 'slash redirect',
      method: 'GET',
      path: '/items/1/',
      status: 307,
      expect: '',
      headers: { location: '/items/1' },
    },
  ],
  [{ name: 'text', method: 'GET', path: '/text', status: 200, expect: 'ok' }],
  [
    {
      name: 'create',
      method: 'POST',
      path: '/items',
      body: '{"name":"Soak","price":1}',
      status: 201,
      expect: (b) => /^\{"id":\d+,"name":"Soak","price":1\}$/.test(b),
    },
    { name: 'delete created', method: 'DELETE', path: '/items/{id}', status: 204, expect: '' },
  ],
];

/** Every step, for the statuses the workload covers. */
export const MIX_STEPS: readonly MixStep[] = MIX.flat();

/** Why an answer is wrong for its step, or undefined when it is right. */
export function checkStep(
  step: MixStep,
  status: number,
  headers: Readonly<Record<string, unknown>>,
  body: string,
): string | undefined {
  if (status !== step.status)
    return `${step.name}: status ${status}, expected ${step.status} (${body.slice(0, 80)})`;
  if (typeof step.expect === 'string' && body !== step.expect)
    return `${step.name}: body ${JSON.stringify(body.slice(0, 80))}`;
  if (typeof step.expect === 'function' && !step.expect(body))
    return `${step.name}: body ${JSON.stringify(body.slice(0, 80))}`;
  for (const [name, value] of Object.entries(step.headers ?? {})) {
    if (String(headers[name]) !== value)
      return `${step.name}: header ${name}: ${String(headers[name])}`;
  }
  return undefined;
}

/** Checks a raw wire response against its step. */
export function checkWire(step: MixStep, r: WireResponse): string | undefined {
  const headers: Record<string, string> = {};
  for (const [n, v] of r.headers) headers[n] ??= v;
  return checkStep(step, r.status, headers, r.body.toString('utf8'));
}

/** The id an answer created (`{"id": N, ...}`), for the next step's `{id}`. */
export function createdId(body: string): string {
  const m = /^\{"id":(\d+)/.exec(body);
  return m ? m[1]! : 'none';
}
