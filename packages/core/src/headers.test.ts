import { describe, expect, it } from 'vitest';
import { ErrorCode, isStatuskitError } from './errors.js';
import { assertHeader, hasHeader, normalizeHeaders } from './headers.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return isStatuskitError(error) ? error.code : 'not a StatuskitError';
  }
  return undefined;
}

describe('assertHeader', () => {
  it.each([
    ['CR', 'a\rb'],
    ['LF', 'a\nb'],
    ['CRLF injection', 'ok\r\nset-cookie: x=1'],
    ['NUL', 'a\0b'],
    ['DEL', 'a\x7fb'],
    ['another control character', 'a\x01b'],
    ['a character above U+00FF', 'caf\u0113'],
  ])('refuses a value with %s', (_, value) => {
    expect(codeOf(() => assertHeader('x-a', value, 'setHeader()'))).toBe(ErrorCode.INVALID_HEADER);
  });

  it('names the place, header and value in the message', () => {
    expect(() => assertHeader('x-a', 'a\nb', 'route GET /x setHeader()')).toThrowError(
      '[statuskit] route GET /x setHeader(): header x-a has value "a\\nb", which contains CR, LF or another character HTTP forbids; strip it before setting the header.',
    );
  });

  it.each(['', 'x a', 'x:a', 'x\r\ny', 'ä', 'a/b', '(x)'])('refuses the name %j', (name) => {
    expect(codeOf(() => assertHeader(name, 'v', 'x'))).toBe(ErrorCode.INVALID_HEADER);
  });

  it('refuses non-string names and values', () => {
    expect(codeOf(() => assertHeader(1 as unknown as string, 'v', 'x'))).toBe(
      ErrorCode.INVALID_HEADER,
    );
    expect(codeOf(() => assertHeader('x-a', 1 as unknown as string, 'x'))).toBe(
      ErrorCode.INVALID_HEADER,
    );
  });

  it.each(['', 'Bearer realm="x"', 'a\tb', 'caf\u00e9', '~!#$%&*'])('accepts the value %j', (v) => {
    expect(codeOf(() => assertHeader('X-Custom_1.a', v, 'x'))).toBeUndefined();
  });
});

describe('normalizeHeaders', () => {
  it('returns an empty list for undefined', () => {
    expect(normalizeHeaders(undefined, 'x')).toEqual([]);
  });

  it('lower-cases names from a record, expands arrays and stringifies numbers', () => {
    expect(
      normalizeHeaders({ 'X-A': 'one', 'Retry-After': 120, 'Set-Cookie': ['a=1', 'b=2'] }, 'x'),
    ).toEqual([
      ['x-a', 'one'],
      ['retry-after', '120'],
      ['set-cookie', 'a=1'],
      ['set-cookie', 'b=2'],
    ]);
  });

  it('keeps the order and repeats of a list of pairs', () => {
    expect(
      normalizeHeaders(
        [
          ['Vary', 'a'],
          ['X-B', 'b'],
          ['vary', 'c'],
        ],
        'x',
      ),
    ).toEqual([
      ['vary', 'a'],
      ['x-b', 'b'],
      ['vary', 'c'],
    ]);
  });

  it('refuses a bad value in a record, in an array value and in a pair list', () => {
    expect(codeOf(() => normalizeHeaders({ 'x-a': 'a\r\n' }, 'x'))).toBe(ErrorCode.INVALID_HEADER);
    expect(codeOf(() => normalizeHeaders({ 'x-a': ['ok', 'a\0'] }, 'x'))).toBe(
      ErrorCode.INVALID_HEADER,
    );
    expect(codeOf(() => normalizeHeaders([['x-a', '\n']], 'x'))).toBe(ErrorCode.INVALID_HEADER);
    expect(codeOf(() => normalizeHeaders({ 'bad name': 'v' }, 'x'))).toBe(ErrorCode.INVALID_HEADER);
  });
});

describe('hasHeader', () => {
  it('finds a lower-case name', () => {
    const list = normalizeHeaders({ Allow: 'GET' }, 'x');
    expect(hasHeader(list, 'allow')).toBe(true);
    expect(hasHeader(list, 'location')).toBe(false);
    expect(hasHeader([], 'allow')).toBe(false);
  });
});
