import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createStatuskit } from '../kit.js';
import { definePolicy } from '../policy.js';
import { defineRoute } from '../route.js';
import { defineSecurity } from '../security/define.js';
import { contractOf, isDeclared, modelAt } from './contract.js';

const Item = z.object({ name: z.string(), price: z.number() });
const Message = z.object({ detail: z.string() });
const Problem = z.object({ title: z.string() });
const Fallback = z.object({ fallback: z.boolean() });

const statuses = (route: Parameters<typeof contractOf>[0], options = {}) =>
  contractOf(route, options).statuses.map((s) => `${s.status} ${s.reason ?? s.source}`);

describe('contractOf', () => {
  it('lists success, responses, then the core: a GET without input', () => {
    const route = defineRoute(
      {
        method: 'GET',
        path: '/items/{id}',
        response: Item,
        responses: { 404: { model: Message } },
      },
      () => ({ name: 'a', price: 1 }),
    );
    const contract = contractOf(route);
    expect(contract.route).toBe('GET /items/{id}');
    expect(contract.open).toBe(false);
    expect(contract.success).toEqual({ value: 200, empty: 200 });
    expect(statuses(route)).toEqual([
      '200 success',
      '404 responses',
      '307 routing',
      '400 routing',
      '404 routing',
      '405 routing',
      '500 error',
    ]);
    expect(contract.statuses[0]?.model).toBe(Item);
    expect(contract.statuses[1]?.model).toBe(Message);
  });

  it('adds 422 for validation, the body statuses for a body method, 503 for a timeout', () => {
    const route = defineRoute(
      { method: 'POST', path: '/items', request: { body: Item }, timeout: 50 },
      () => undefined,
    );
    expect(statuses(route, { redirectSlashes: false })).toEqual([
      '201 success',
      '200 success',
      '400 routing',
      '404 routing',
      '405 routing',
      '422 validation',
      '400 body',
      '408 body',
      '413 body',
      '415 body',
      '422 body',
      '503 timeout',
      '500 error',
    ]);
    const noTimeout = defineRoute({ method: 'GET', path: '/a' }, () => 1);
    expect(statuses(noTimeout, { handlerTimeout: 10 })).toContain('503 timeout');
    expect(statuses(noTimeout)).not.toContain('503 timeout');
  });

  it("adds a guard's 401 and 403", () => {
    const bearer = defineSecurity({
      name: 'bearer',
      scheme: { type: 'http', scheme: 'bearer' },
      verify: (token) => (token === 'ok' ? { user: 'ada' } : undefined),
    });
    const guarded = defineRoute({ method: 'GET', path: '/g', security: bearer }, () => 1);
    expect(statuses(guarded)).toContain('401 security');
    expect(statuses(guarded)).toContain('403 security');
    const documented = defineRoute(
      { method: 'GET', path: '/d', security: [{ bearer: [] }] },
      () => 1,
    );
    expect(statuses(documented)).not.toContain('401 security');
  });

  it('reads the malformed-JSON status and the policy from the options', () => {
    const route = defineRoute({ method: 'DELETE', path: '/a' }, () => undefined);
    expect(contractOf(route, { malformedJsonStatus: 400 }).statuses).not.toContainEqual({
      status: 422,
      source: 'core',
      reason: 'body',
    });
    expect(contractOf(route).success).toEqual({ value: 200, empty: 204 });
    expect(contractOf(route, { policy: 'fastapi' }).success).toEqual({ value: 200, empty: 200 });
    const accepting = definePolicy('accepting', () => 202);
    expect(contractOf(route, { policy: accepting }).success).toEqual({ value: 202, empty: 202 });
    // A kit's resolved options fit as they are.
    const kit = createStatuskit([route], { policy: 'fastapi' });
    expect(contractOf(route, kit.options).success.empty).toBe(200);
  });

  it('keeps ranges and default as keys; an open route declares neither status nor responses', () => {
    const route = defineRoute(
      {
        method: 'GET',
        path: '/r',
        status: 200,
        responses: { '4XX': { model: Problem }, default: 'Anything else' },
      },
      () => 1,
    );
    expect(contractOf(route).statuses.slice(0, 3)).toEqual([
      { status: 200, source: 'success' },
      { status: '4XX', source: 'responses', model: Problem },
      { status: 'default', source: 'responses' },
    ]);
    expect(contractOf(defineRoute({ method: 'GET', path: '/o' }, () => 1)).open).toBe(true);
    const empty = defineRoute({ method: 'GET', path: '/e', responses: {} }, () => 1);
    expect(contractOf(empty).open).toBe(false);
  });
});

describe('isDeclared and modelAt', () => {
  const route = defineRoute(
    {
      method: 'POST',
      path: '/m',
      status: 201,
      response: Item,
      responses: { 404: { model: Message }, 409: 'Conflict', '4XX': { model: Problem }, 202: 'ok' },
    },
    () => ({ name: 'a', price: 1 }),
  );
  const contract = contractOf(route);

  it('declares the success status, responses keys, their classes and the core statuses', () => {
    for (const status of [201, 202, 404, 409, 418, 499, 413, 422, 500]) {
      expect([status, isDeclared(contract, status)]).toEqual([status, true]);
    }
    for (const status of [200, 204, 302, 502, 503]) {
      expect([status, isDeclared(contract, status)]).toEqual([status, false]);
    }
  });

  it('finds a model: own entry, success, class, any 2xx, default', () => {
    expect(modelAt(contract, 404)).toBe(Message);
    // 409 has an entry without a model: its class's model applies.
    expect(modelAt(contract, 409)).toBe(Problem);
    expect(modelAt(contract, 201)).toBe(Item);
    expect(modelAt(contract, 202)).toBe(Item);
    expect(modelAt(contract, 418)).toBe(Problem);
    expect(modelAt(contract, 500)).toBeUndefined();
    const withDefault = contractOf(
      defineRoute(
        { method: 'GET', path: '/d', responses: { default: { model: Fallback } } },
        () => 1,
      ),
    );
    expect(modelAt(withDefault, 503)).toBe(Fallback);
    expect(isDeclared(withDefault, 599)).toBe(true);
  });

  it('declares every status of an open route', () => {
    const open = contractOf(defineRoute({ method: 'GET', path: '/o' }, () => 1));
    expect(isDeclared(open, 418)).toBe(true);
    expect(modelAt(open, 418)).toBeUndefined();
  });
});
