import { describe, expect, it } from 'vitest';
import { carriesBody, hasContentCoding, headerValue, parseQuery, splitUrl } from './request.js';

describe('headerValue', () => {
  it('returns a string header, the first of an array, or undefined', () => {
    const headers = { a: 'one', b: ['first', 'second'], c: undefined };
    expect(headerValue(headers, 'a')).toBe('one');
    expect(headerValue(headers, 'b')).toBe('first');
    expect(headerValue(headers, 'c')).toBeUndefined();
    expect(headerValue(headers, 'd')).toBeUndefined();
  });
});

describe('carriesBody', () => {
  it.each([
    [{ 'transfer-encoding': 'chunked' }, true],
    [{ 'content-length': '5' }, true],
    [{ 'content-length': ['5'] }, true],
    [{ 'content-length': '0' }, false],
    [{}, false],
  ])('%j -> %s', (headers, expected) => {
    expect(carriesBody(headers)).toBe(expected);
  });
});

describe('hasContentCoding', () => {
  it('is true for a coding, false for none, identity (any case) or an empty value', () => {
    expect(hasContentCoding({ 'content-encoding': 'gzip' })).toBe(true);
    expect(hasContentCoding({ 'content-encoding': ['br'] })).toBe(true);
    expect(hasContentCoding({})).toBe(false);
    expect(hasContentCoding({ 'content-encoding': ' Identity ' })).toBe(false);
    expect(hasContentCoding({ 'content-encoding': '' })).toBe(false);
  });
});

describe('splitUrl', () => {
  it.each([
    ['/items/1', '/items/1', ''],
    ['/items?a=1&b=2', '/items', 'a=1&b=2'],
    ['/items?', '/items', ''],
    ['/a?b?c', '/a', 'b?c'],
    ['http://example.com/items/1?x=1', '/items/1', 'x=1'],
    ['https://example.com', '/', ''],
    ['*', '*', ''],
  ])('%j -> path %j, query %j', (url, path, query) => {
    expect(splitUrl(url)).toEqual({ path, query });
  });
});

describe('parseQuery', () => {
  it('decodes pairs, makes repeated keys arrays, and has no prototype', () => {
    const q = parseQuery('a=1&b=x%20y&a=2&c=&a=3&d=%E2%9C%93+z');
    expect(q).toEqual({ a: ['1', '2', '3'], b: 'x y', c: '', d: '✓ z' });
    expect(Object.getPrototypeOf(q)).toBeNull();
  });

  it('returns an empty object for an empty query', () => {
    expect(Object.keys(parseQuery(''))).toEqual([]);
  });

  it('treats __proto__ and constructor as ordinary keys', () => {
    const q = parseQuery('__proto__=x&constructor=y&__proto__=z');
    expect(Object.entries(q)).toEqual([
      ['__proto__', ['x', 'z']],
      ['constructor', 'y'],
    ]);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});
