import { describe, it } from 'vitest';
import type { AdapterUnderTest } from './adapter.js';
import { type ConformanceCase, POLICIES, type Policy, policiesOf } from './case.js';
import { cases as allCases } from './cases/index.js';
import { type Expectations, knownFailure } from './expectations.js';
import { type AppFactory, runCase } from './run.js';

/** Options of {@link defineConformanceSuite}. */
export interface ConformanceSuiteOptions {
  /** The app under test; default `seedApp`, the suite app (yours must serve the cases' routes). */
  readonly app?: AppFactory;
  /** Default: both `rest` and `fastapi`. */
  readonly policies?: readonly Policy[];
  /** Body-parser modes; default `[false, true]` (every case runs without and with one). */
  readonly bodyParser?: readonly boolean[];
  /** Known failures of this adapter; they run as `it.fails` (or are skipped). */
  readonly expectations?: Expectations;
  /** Default: every case. */
  readonly cases?: readonly ConformanceCase[];
  /** Per-test timeout; default 60 s. */
  readonly timeout?: number;
}

/**
 * Registers the conformance suite with vitest:
 * `describe(adapter.name)` > `describe(policy [+ body parser])` > `it('<id> <title>')`.
 * Every case starts its own server from the adapter; a failure message lists
 * each request that answered wrongly and how.
 *
 * @example
 * // test/conformance.test.ts
 * import { defineConformanceSuite } from '@statuskit/conformance/vitest';
 * import { adapter } from '../src/testing.js';
 * defineConformanceSuite(adapter);
 */
export function defineConformanceSuite(
  adapter: AdapterUnderTest,
  options: ConformanceSuiteOptions = {},
): void {
  const timeout = options.timeout ?? 60_000;
  describe(adapter.name, () => {
    for (const policy of options.policies ?? POLICIES) {
      for (const bodyParser of options.bodyParser ?? [false, true]) {
        describe(policy + (bodyParser ? ' + body parser' : ''), () => {
          for (const c of options.cases ?? allCases) {
            if (!policiesOf(c).includes(policy) || c.bodyParsers?.includes(bodyParser) === false)
              continue;
            const known = knownFailure(
              options.expectations,
              adapter.name,
              c.id,
              policy,
              bodyParser,
            );
            const test = known?.skip ? it.skip : known?.fail ? it.fails : it;
            test(
              `${c.id} ${c.title}`,
              async () => {
                const result = await runCase(c, adapter, {
                  policy,
                  bodyParser,
                  ...(options.app === undefined ? {} : { app: options.app }),
                });
                if (!result.passed) {
                  throw new Error(
                    `${c.id} (${c.level}, ${c.ref}) failed on ${adapter.name}, ${policy}${bodyParser ? ' + body parser' : ''}:\n  ${result.failures.join('\n  ')}`,
                  );
                }
              },
              timeout,
            );
          }
        });
      }
    }
  });
}
