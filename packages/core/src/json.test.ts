import { describe, expect, it } from 'vitest';
import { toJsonText, utf8 } from './json.js';

describe('toJsonText', () => {
  it('serialises compactly', () => {
    expect(toJsonText({ a: [1, 'x', null], b: true })).toBe('{"a":[1,"x",null],"b":true}');
    expect(toJsonText('hello')).toBe('"hello"');
    expect(toJsonText(404)).toBe('404');
  });

  it('turns undefined, functions and symbols into null, as FastAPI sends None', () => {
    expect(toJsonText(undefined)).toBe('null');
    expect(toJsonText(() => 1)).toBe('null');
    expect(toJsonText(Symbol('s'))).toBe('null');
  });

  it('throws for values JSON cannot carry', () => {
    expect(() => toJsonText(1n)).toThrow(TypeError);
  });
});

describe('utf8', () => {
  it('encodes UTF-8', () => {
    expect([...utf8('é')]).toEqual([0xc3, 0xa9]);
    expect(utf8('').byteLength).toBe(0);
  });
});
