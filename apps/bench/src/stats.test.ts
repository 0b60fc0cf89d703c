import { describe, expect, it } from 'vitest';
import { pairRatios, summarize } from './stats.js';

describe('summarize', () => {
  it('gives median and quartiles by linear interpolation', () => {
    expect(summarize([4, 1, 3, 2, 5])).toEqual({ median: 3, q1: 2, q3: 4, n: 5 });
    expect(summarize([1, 2, 3, 4])).toEqual({ median: 2.5, q1: 1.75, q3: 3.25, n: 4 });
  });

  it('drops non-finite values and reports NaN for an empty sample', () => {
    expect(summarize([Number.NaN, 2, Number.POSITIVE_INFINITY]).median).toBe(2);
    expect(summarize([]).median).toBeNaN();
  });
});

describe('pairRatios', () => {
  it('divides element by element, up to the shorter sample', () => {
    expect(pairRatios([2, 3, 8], [1, 3])).toEqual([2, 1]);
  });
});
