import { expect, it } from 'vitest';
import { runOperationsSoak } from '../src/operations-soak-run.js';
import { envInt } from '../src/settings.js';

// A short operations soak (the full 100,000-operation run is
// `pnpm --filter @statuskit/reliability soak:operations`, recorded in
// docs/reliability.md): every start, monitor and result right, and the heap
// flat while ended operations expire and the store's bound holds.

const OPERATIONS = envInt('RELIABILITY_SOAK_OPERATIONS', 20_000);
// Generous for a short run on a busy machine; the full run is held to 5%.
const MAX_HEAP_GROWTH = 20;

for (const [what, retention] of [
  ['ended operations expire', 100],
  ['the bound evicts the oldest ended', 3_600_000],
] as const) {
  it(`${OPERATIONS} operations on the memory store, ${what}: every answer right, heap flat`, async () => {
    const r = await runOperationsSoak({
      operations: OPERATIONS,
      retention,
      maxOperations: 2_000,
      samples: 5,
    });
    expect(r.wrong).toEqual([]);
    expect(r.operations).toBe(OPERATIONS);
    expect(r.heapGrowth).toBeLessThan(MAX_HEAP_GROWTH);
    expect(r.heapLateGrowth).toBeLessThan(MAX_HEAP_GROWTH);
  }, 120_000);
}
