import { assertFinalStatus, ErrorCode, StatuskitError } from './errors.js';

/**
 * Decides the status when nothing else did: no exception, no explicit response,
 * no setStatus, no declared status. Pure: it sees the method and whether the
 * handler returned something (`null` and `undefined` count as nothing).
 */
export interface MethodDefaultPolicy {
  readonly name: string;
  status(method: string, returnedValue: boolean): number;
}

/** The seed's step 2, NestJS/Koa style: POST with data 201, empty DELETE/PUT/PATCH 204, else 200. */
export const restPolicy: MethodDefaultPolicy = Object.freeze({
  name: 'rest',
  status(method: string, returnedValue: boolean): number {
    if (method === 'POST' && returnedValue) return 201;
    if (!returnedValue && (method === 'DELETE' || method === 'PUT' || method === 'PATCH'))
      return 204;
    return 200;
  },
});

/** What FastAPI does: 200 for every method; a returned nothing is the JSON `null`. */
export const fastapiPolicy: MethodDefaultPolicy = Object.freeze({
  name: 'fastapi',
  status(): number {
    return 200;
  },
});

/** A policy by name or a user-defined one. */
export type PolicyInput = 'rest' | 'fastapi' | MethodDefaultPolicy;

/** Methods a policy is checked against when it is defined, so a bad status fails at start-up. */
export const STANDARD_METHODS: readonly string[] = [
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'OPTIONS',
];

/**
 * Defines a policy and checks, now, that it answers a valid status for every
 * standard method; a policy that would send 600 never reaches a request.
 */
export function definePolicy(
  name: string,
  status: (method: string, returnedValue: boolean) => number,
): MethodDefaultPolicy {
  const policy: MethodDefaultPolicy = Object.freeze({ name, status });
  checkPolicy(policy);
  return policy;
}

function checkPolicy(policy: MethodDefaultPolicy): void {
  for (const method of STANDARD_METHODS) {
    for (const returned of [true, false]) {
      assertFinalStatus(policy.status(method, returned), `policy "${policy.name}" for ${method}`);
    }
  }
}

/** Resolves 'rest', 'fastapi' or a policy object; throws STATUSKIT_INVALID_OPTION otherwise. */
export function toPolicy(input: PolicyInput | undefined): MethodDefaultPolicy {
  if (input === undefined || input === 'rest') return restPolicy;
  if (input === 'fastapi') return fastapiPolicy;
  if (typeof input === 'object' && input !== null && typeof input.status === 'function') {
    if (input !== restPolicy && input !== fastapiPolicy) checkPolicy(input);
    return input;
  }
  throw new StatuskitError(
    ErrorCode.INVALID_OPTION,
    `policy ${String(input)} is unknown; use 'rest', 'fastapi' or definePolicy(name, fn).`,
  );
}
