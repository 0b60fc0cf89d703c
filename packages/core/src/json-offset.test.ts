import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonErrorOffset } from './json-offset.js';

describe('jsonErrorOffset', () => {
  it.each([
    ['{"name": x}', 9],
    ['{"name": ', 9],
    ['{a:1}', 1],
    ['[1,]', 3],
    ['{"a":1,}', 7],
    ['"abc', 4],
    ['{"a" 1}', 5],
    ['tru', 3],
    ['trUe', 2],
    ['nul', 3],
    ['01', 1],
    ['-', 1],
    ['-x', 1],
    ['x', 0],
    ['1.', 2],
    ['1.x', 2],
    ['1e', 2],
    ['1E+', 3],
    ['{"a":1}x', 7],
    ['', 0],
    ['   ', 3],
    ['[1 2]', 3],
    ['{"a":1 "b":2}', 7],
    ['{"a"', 4],
    ['{"a":', 5],
    ['[', 1],
    ['[1', 2],
    ['{', 1],
    ['{"a":1', 6],
    ['{"a":[1,{"b":}]}', 13],
    ['"a\\x"', 3],
    ['"a\\', 3],
    ['"\\u12G4"', 5],
    ['"\\u12', 5],
    ['"a\nb"', 2],
    ["{'a':1}", 1],
  ])('finds the error in %j at %i', (text, offset) => {
    expect(jsonErrorOffset(text)).toBe(offset);
  });

  it.each([
    '{}',
    '[]',
    ' { } ',
    '[ ]',
    '{"a":[1,-2.5e+3,true,false,null,"\\u00e9\\n\\"x"],"b":{}}',
    '0',
    '"x"',
    '[[[]]]',
    '[1e5, 2.5E-3, -0]',
  ])('is -1 for the valid %j', (text) => {
    expect(jsonErrorOffset(text)).toBe(-1);
  });

  it('agrees with JSON.parse on validity for any JSON-like text', () => {
    // Valid JSON, and JSON with one character cut or replaced, so most inputs are near misses.
    const nearJson = fc
      .tuple(fc.json({ maxDepth: 3 }), fc.nat(), fc.constantFrom('', ',', '}', ']', '"', ':', 'x'))
      .map(([text, at, insert]) => {
        const cut = at % (text.length + 1);
        return text.slice(0, cut) + insert + text.slice(cut + (insert === '' ? 1 : 0));
      });
    fc.assert(
      fc.property(fc.oneof(fc.json({ maxDepth: 3 }), nearJson), (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        const offset = jsonErrorOffset(text);
        expect(offset === -1).toBe(valid);
        if (!valid) {
          expect(offset).toBeGreaterThanOrEqual(0);
          expect(offset).toBeLessThanOrEqual(text.length);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with the position V8 reports, when it reports one', () => {
    const broken = fc
      .tuple(fc.json({ maxDepth: 3 }), fc.nat(), fc.constantFrom(',', '}', ']', ':', 'x', '"'))
      .map(([text, at, insert]) => {
        const cut = at % (text.length + 1);
        return text.slice(0, cut) + insert + text.slice(cut);
      });
    fc.assert(
      fc.property(broken, (text) => {
        let position: number | undefined;
        try {
          JSON.parse(text);
          return;
        } catch (error) {
          const at = /at position (\d+)/.exec((error as Error).message);
          if (at === null) return;
          position = Number(at[1]);
        }
        expect(jsonErrorOffset(text)).toBe(position);
      }),
      { numRuns: 500 },
    );
  });

  it('handles nesting far deeper than the call stack without recursion', () => {
    const deep = '['.repeat(200_000);
    expect(jsonErrorOffset(deep)).toBe(200_000);
    expect(jsonErrorOffset(`${deep}${']'.repeat(200_000)}`)).toBe(-1);
  });
});
