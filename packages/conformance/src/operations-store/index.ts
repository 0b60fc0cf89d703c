import type { OperationStore } from '@statuskit/core';
import { describe, it } from 'vitest';
import { type StoreCheck, storeChecks } from './checks.js';

export { type StoreCheck, storeChecks };

/** Options of {@link storeSuite}. */
export interface StoreSuiteOptions {
  /** The describe block's name; default `operation store`. */
  readonly name?: string;
  /** Per-check timeout; default 30 s. */
  readonly timeout?: number;
}

/**
 * Registers the operation-store contract with vitest, one `it` per check.
 * `makeStore` may return the same store every time or a fresh client of the
 * same backing (two Redis connections): some checks call it twice and need
 * both to see the same operations. Checks use fresh ids and keys, so nothing
 * needs clearing between them.
 *
 * @example
 * import { memoryStore } from '@statuskit/core';
 * import { storeSuite } from '@statuskit/conformance/operations-store';
 * const store = memoryStore();
 * storeSuite(async () => store);
 */
export function storeSuite(
  makeStore: () => OperationStore | Promise<OperationStore>,
  options: StoreSuiteOptions = {},
): void {
  describe(options.name ?? 'operation store', () => {
    for (const check of storeChecks) {
      it(check.name, () => check.run(async () => makeStore()), options.timeout ?? 30_000);
    }
  });
}
