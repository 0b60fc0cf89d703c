import { createStatuskit } from '@statuskit/core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { AdapterUnderTest, HostOrder, RunningServer } from './adapter.js';
import { type ConformanceCase, POLICIES, type Policy, policiesOf } from './case.js';
import { coexistenceCases } from './cases/coexist.js';
import { cases as allCases } from './cases/index.js';
import { HOST_ORDERS, hostAdapter, judgeCase } from './coexist/run.js';
import { casesInHost, HOST_DIVERGENCES } from './coexist/select.js';
import { type Expectations, knownFailure } from './expectations.js';
import { seedApp } from './fixture/app.js';
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

/** Options of {@link defineCoexistenceSuite}. */
export interface CoexistenceSuiteOptions {
  /** Default both orders (`kit-first`, `app-first`). */
  readonly orders?: readonly HostOrder[];
  /** Per-test timeout; default 60 s. */
  readonly timeout?: number;
}

/**
 * Registers the coexistence suite with vitest for an adapter that has
 * `startHost`: `describe('<name> inside a host app')` > `describe(order)` >
 * one test per coexistence case (the host app without and with statuskit),
 * then one per conformance case whose requests all go to the kit's paths.
 *
 * @example
 * defineCoexistenceSuite(adapter); // in test/conformance.test.ts, next to defineConformanceSuite
 */
export function defineCoexistenceSuite(
  adapter: AdapterUnderTest,
  options: CoexistenceSuiteOptions = {},
): void {
  const timeout = options.timeout ?? 60_000;
  describe(`${adapter.name} inside a host app`, () => {
    for (const order of options.orders ?? HOST_ORDERS) {
      describe(order, () => {
        let without: RunningServer | undefined;
        let within: RunningServer | undefined;
        beforeAll(async () => {
          const seed = seedApp({ policy: 'rest' });
          const host = hostAdapter(adapter, order);
          without = await host.start(undefined as never);
          within = await host.start(createStatuskit(seed.routes, seed.options));
        }, timeout);
        afterAll(async () => {
          await Promise.all([without?.close(), within?.close()]);
        });
        for (const c of coexistenceCases) {
          it(
            `${c.id} ${c.title}`,
            async () => {
              const failures = await judgeCase(c, without!, within!);
              if (failures.length > 0) {
                throw new Error(
                  `${c.id} (${c.owner}) failed on ${adapter.name}, ${order}:\n  ${failures.join('\n  ')}`,
                );
              }
            },
            timeout,
          );
        }
        for (const c of casesInHost(allCases)) {
          const test = HOST_DIVERGENCES[adapter.name]?.[c.id] === undefined ? it : it.fails;
          test(
            `${c.id} ${c.title} (inside the host app)`,
            async () => {
              const result = await runCase(c, hostAdapter(adapter, order), {
                policy: 'rest',
                bodyParser: true,
              });
              if (!result.passed) {
                throw new Error(
                  `${c.id} failed inside ${adapter.name}'s host app, ${order}:\n  ${result.failures.join('\n  ')}`,
                );
              }
            },
            timeout,
          );
        }
      });
    }
  });
}
