import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { utf8Length } from './json.js';

const encoder = new TextEncoder();

describe('utf8Length', () => {
  it('equals the byte length TextEncoder (and Node) produce, lone surrogates included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 64 }), (text) => {
        expect(utf8Length(text)).toBe(encoder.encode(text).byteLength);
      }),
      { numRuns: 2000 },
    );
    // 2,000 runs are CPU-bound: on a loaded 2-core machine (turbo runs every package's
    // tests at once) they can pass vitest's 5 s default. A bound, not a timing assertion.
  }, 60_000);

  it('counts each width', () => {
    expect(utf8Length('')).toBe(0);
    expect(utf8Length('ok')).toBe(2);
    expect(utf8Length('é')).toBe(2);
    expect(utf8Length('€')).toBe(3);
    expect(utf8Length('😀')).toBe(4);
    expect(utf8Length('\ud800')).toBe(3);
    expect(utf8Length('\udc00x')).toBe(4);
  });
});
