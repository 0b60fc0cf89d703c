import { describe, expect, it } from 'vitest';
import {
  assertFinalStatus,
  assertStatus,
  describeValue,
  ErrorCode,
  isStatuskitError,
  StatuskitError,
} from './errors.js';

describe('StatuskitError', () => {
  it('prefixes the message, names itself and keeps the code and cause', () => {
    const cause = new Error('root');
    const error = new StatuskitError(ErrorCode.INVALID_OPTION, 'do this instead.', { cause });
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe('[statuskit] do this instead.');
    expect(error.name).toBe('StatuskitError');
    expect(error.code).toBe('STATUSKIT_INVALID_OPTION');
    expect(error.cause).toBe(cause);
  });
});

describe('ErrorCode', () => {
  it('keeps its stable values', () => {
    expect(ErrorCode).toEqual({
      INVALID_STATUS: 'STATUSKIT_INVALID_STATUS',
      BODY_NOT_ALLOWED: 'STATUSKIT_BODY_NOT_ALLOWED',
      INVALID_REDIRECT: 'STATUSKIT_INVALID_REDIRECT',
      INVALID_HEADER: 'STATUSKIT_INVALID_HEADER',
      INVALID_ROUTE: 'STATUSKIT_INVALID_ROUTE',
      INVALID_OPTION: 'STATUSKIT_INVALID_OPTION',
      ILLEGAL_TRANSITION: 'STATUSKIT_ILLEGAL_TRANSITION',
      STATUS_FROZEN: 'STATUSKIT_STATUS_FROZEN',
      INVALID_MOUNT: 'STATUSKIT_INVALID_MOUNT',
      UNSUPPORTED_FRAMEWORK: 'STATUSKIT_UNSUPPORTED_FRAMEWORK',
      RESPONSE_VALIDATION: 'STATUSKIT_RESPONSE_VALIDATION',
      BODY_READ: 'STATUSKIT_BODY_READ',
      UNDECLARED_STATUS: 'STATUSKIT_UNDECLARED_STATUS',
      OPERATION_STORE: 'STATUSKIT_OPERATION_STORE',
    });
  });
});

describe('isStatuskitError', () => {
  const error = new StatuskitError(ErrorCode.INVALID_STATUS, 'x');

  it('recognises a StatuskitError, optionally by code', () => {
    expect(isStatuskitError(error)).toBe(true);
    expect(isStatuskitError(error, ErrorCode.INVALID_STATUS)).toBe(true);
    expect(isStatuskitError(error, ErrorCode.INVALID_HEADER)).toBe(false);
  });

  it('refuses other values', () => {
    expect(isStatuskitError(new Error('x'))).toBe(false);
    expect(isStatuskitError({ code: 'STATUSKIT_INVALID_STATUS' })).toBe(false);
    expect(isStatuskitError(undefined)).toBe(false);
  });
});

describe('describeValue', () => {
  it.each([
    ['text', '"text"'],
    [201, '201'],
    [Number.NaN, 'NaN'],
    [true, 'true'],
    [null, 'null'],
    [undefined, 'undefined'],
    [10n, '10n'],
    [{ a: 1 }, '{"a":1}'],
    [[1, 'x'], '[1,"x"]'],
    [() => 1, 'function'],
    [Symbol('s'), 'symbol'],
  ])('renders %s as %s', (value, text) => {
    expect(describeValue(value)).toBe(text);
  });

  it('falls back to the type for values JSON cannot render', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(describeValue(cyclic)).toBe('object');
  });
});

// Every bad status named in the brief, and how describeValue renders it in the message.
const BAD_STATUSES: ReadonlyArray<readonly [unknown, string]> = [
  [99, '99'],
  [600, '600'],
  [200.5, '200.5'],
  ['201', '"201"'],
  [Number.NaN, 'NaN'],
  [-1, '-1'],
  [undefined, 'undefined'],
  [null, 'null'],
];

describe('assertStatus', () => {
  it.each(BAD_STATUSES)('refuses %s with a message naming the place and value', (value, shown) => {
    let caught: unknown;
    try {
      assertStatus(value, 'route GET /x');
    } catch (error) {
      caught = error;
    }
    expect(isStatuskitError(caught, ErrorCode.INVALID_STATUS)).toBe(true);
    expect((caught as Error).message).toBe(
      `[statuskit] route GET /x: status ${shown} is not an integer from 100 to 599; use a code such as Status.OK (200).`,
    );
  });

  it('accepts 100 to 599, including 1xx', () => {
    expect(() => assertStatus(100, 'x')).not.toThrow();
    expect(() => assertStatus(599, 'x')).not.toThrow();
  });
});

describe('assertFinalStatus', () => {
  it.each([100, 101, 103, 199])('refuses the interim %i', (code) => {
    expect(() => assertFinalStatus(code, 'route GET /x')).toThrowError(
      `[statuskit] route GET /x: status ${code} is an interim (1xx) code and cannot be the final answer; use a code from 200 to 599.`,
    );
  });

  it.each(BAD_STATUSES)('refuses %s like assertStatus', (value) => {
    expect(() => assertFinalStatus(value, 'x')).toThrow(/not an integer from 100 to 599/);
  });

  it.each([200, 204, 418, 599])('accepts %i', (code) => {
    expect(() => assertFinalStatus(code, 'x')).not.toThrow();
  });
});
