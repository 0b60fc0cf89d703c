import { describe, expect, it } from 'vitest';
import { ErrorCode, isStatuskitError } from './errors.js';
import {
  definePolicy,
  fastapiPolicy,
  type MethodDefaultPolicy,
  restPolicy,
  STANDARD_METHODS,
  toPolicy,
} from './policy.js';
import { thrownBy } from './test-helpers.js';

describe('restPolicy', () => {
  it.each([
    ['POST', true, 201],
    ['POST', false, 200],
    ['DELETE', false, 204],
    ['PUT', false, 204],
    ['PATCH', false, 204],
    ['DELETE', true, 200],
    ['PUT', true, 200],
    ['PATCH', true, 200],
    ['GET', true, 200],
    ['GET', false, 200],
    ['HEAD', false, 200],
    ['OPTIONS', false, 200],
    ['PURGE', true, 200],
  ] as const)('%s with returned=%s is %i', (method, returned, status) => {
    expect(restPolicy.status(method, returned)).toBe(status);
  });

  it('is named and frozen', () => {
    expect(restPolicy.name).toBe('rest');
    expect(Object.isFrozen(restPolicy)).toBe(true);
  });
});

describe('fastapiPolicy', () => {
  it('answers 200 for every method, with or without a value', () => {
    for (const method of [...STANDARD_METHODS, 'PURGE']) {
      expect(fastapiPolicy.status(method, true)).toBe(200);
      expect(fastapiPolicy.status(method, false)).toBe(200);
    }
    expect(fastapiPolicy.name).toBe('fastapi');
  });
});

describe('definePolicy', () => {
  it('makes a frozen policy that answers what the function says', () => {
    const p = definePolicy('accepted-posts', (method) => (method === 'POST' ? 202 : 200));
    expect(p.name).toBe('accepted-posts');
    expect(p.status('POST', true)).toBe(202);
    expect(p.status('GET', true)).toBe(200);
    expect(Object.isFrozen(p)).toBe(true);
  });

  it.each([99, 600, 200.5, '201', Number.NaN, -1, 101])(
    'refuses a policy that answers %s, naming policy and method',
    (bad) => {
      const error = thrownBy(() =>
        definePolicy('broken', (method, returned) =>
          method === 'DELETE' && !returned ? (bad as number) : 200,
        ),
      );
      expect(isStatuskitError(error, ErrorCode.INVALID_STATUS)).toBe(true);
      expect((error as Error).message).toContain('policy "broken" for DELETE: status');
    },
  );
});

describe('toPolicy', () => {
  it('resolves names and the default', () => {
    expect(toPolicy(undefined)).toBe(restPolicy);
    expect(toPolicy('rest')).toBe(restPolicy);
    expect(toPolicy('fastapi')).toBe(fastapiPolicy);
  });

  it('returns a valid custom policy object as is', () => {
    const p: MethodDefaultPolicy = { name: 'mine', status: () => 200 };
    expect(toPolicy(p)).toBe(p);
  });

  it('checks a hand-made policy object too', () => {
    const p: MethodDefaultPolicy = { name: 'hand', status: () => 600 };
    expect(
      isStatuskitError(
        thrownBy(() => toPolicy(p)),
        ErrorCode.INVALID_STATUS,
      ),
    ).toBe(true);
  });

  it.each(['nest', null, 42, {}, { status: 200 }])('refuses %j with INVALID_OPTION', (input) => {
    const error = thrownBy(() => toPolicy(input as never));
    expect(isStatuskitError(error, ErrorCode.INVALID_OPTION)).toBe(true);
    expect((error as Error).message).toContain("use 'rest', 'fastapi' or definePolicy");
  });
});
