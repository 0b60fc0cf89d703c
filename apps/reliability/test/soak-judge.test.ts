import { describe, expect, it } from 'vitest';
import { lateFloorGrowth } from '../src/soak-run.js';

// RSS samples after warm-up, MB, as the soak takes them (nine steps and the end).
describe('lateFloorGrowth', () => {
  it('reads a plateau reached early as flat', () => {
    expect(lateFloorGrowth([101, 109, 112, 113, 113, 113, 113, 113, 113, 113])).toBe(0);
  });

  it('reads the allocator swinging without a trend as flat (Express)', () => {
    const swings = [112.4, 125.6, 112.7, 114.2, 116.1, 113.3, 113.5, 113.6, 112.5, 122.2];
    expect(Math.abs(lateFloorGrowth(swings))).toBeLessThan(1);
  });

  it('reads a floor that keeps rising as growth', () => {
    const leak = [100, 102, 104, 106, 108, 110, 112, 114, 116, 118];
    expect(lateFloorGrowth(leak)).toBeGreaterThan(5);
  });
});
