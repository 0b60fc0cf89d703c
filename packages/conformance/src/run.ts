import { type AnyRoute, createStatuskit, type StatuskitOptions } from '@statuskit/core';
import type { AdapterUnderTest, RunningServer } from './adapter.js';
import { type ConformanceCase, type Level, POLICIES, type Policy, policiesOf } from './case.js';
import { cases as allCases } from './cases/index.js';
import { type Difference, differential } from './differential.js';
import { type Expectations, type KnownFailure, knownFailure } from './expectations.js';
import { seedApp } from './fixture/app.js';
import { namedHeaders, type RecordedExchange, StepRunner } from './steps.js';

/** The routes and options of the app one case runs against. */
export interface CaseApp {
  readonly routes: readonly AnyRoute[];
  readonly options?: StatuskitOptions;
}

/**
 * Builds a fresh app (its own store) for one case: under `policy`, with the
 * case's `app.options` (error format, body limit, ...) merged over its own.
 * The default is `seedApp`, the suite app; an app of your own must serve every
 * route the cases you run talk to (apps/example runs the seed rows this way).
 */
export type AppFactory = (setup: {
  readonly policy: Policy;
  readonly options?: StatuskitOptions;
}) => CaseApp;

/** How one case is run. */
export interface RunOptions {
  readonly policy: Policy;
  /** The app under test; default `seedApp`. */
  readonly app?: AppFactory;
  /** Ask the adapter to install its framework's JSON body parser. */
  readonly bodyParser?: boolean;
  /** Per-request timeout; default 10 s. */
  readonly timeoutMs?: number;
}

/** The result of one case on one adapter under one policy and body-parser mode. */
export interface CaseResult {
  readonly id: string;
  readonly title: string;
  readonly level: Level;
  readonly adapter: string;
  readonly policy: Policy;
  readonly bodyParser: boolean;
  readonly passed: boolean;
  /** What went wrong, one line each; empty when passed. */
  readonly failures: readonly string[];
  readonly exchanges: readonly RecordedExchange[];
}

const CLOSE_TIMEOUT_MS = 10_000;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Runs one case: a fresh app (own store; the suite's seed app unless
 * `options.app` says otherwise) and a fresh server from the adapter, the steps in order (stopping at the first that fails), then the
 * server is closed whatever happened.
 */
export async function runCase(
  c: ConformanceCase,
  adapter: AdapterUnderTest,
  options: RunOptions,
): Promise<CaseResult> {
  const bodyParser = options.bodyParser === true;
  const failures: string[] = [];
  let runner: StepRunner | undefined;
  let server: RunningServer | undefined;
  try {
    const app = (options.app ?? seedApp)({ ...c.app, policy: options.policy });
    const kit = createStatuskit(app.routes, app.options);
    server = await withTimeout(
      adapter.start(kit, { bodyParser }),
      CLOSE_TIMEOUT_MS,
      `${adapter.name}.start()`,
    );
    runner = new StepRunner(server.url, options.policy, namedHeaders(c), options.timeoutMs);
    for (let i = 0; i < c.steps.length; i++) {
      const problems = await runner.run(c.steps[i]!);
      if (problems.length > 0) {
        failures.push(...problems.map((p) => `step ${i + 1}, ${p}`));
        break;
      }
    }
  } catch (error) {
    failures.push(error instanceof Error ? error.message : String(error));
  } finally {
    if (server !== undefined) {
      try {
        await withTimeout(server.close(), CLOSE_TIMEOUT_MS, `${adapter.name} server close()`);
      } catch (error) {
        failures.push(error instanceof Error ? error.message : String(error));
      }
    }
  }
  return {
    id: c.id,
    title: c.title,
    level: c.level,
    adapter: adapter.name,
    policy: options.policy,
    bodyParser,
    passed: failures.length === 0,
    failures,
    exchanges: runner?.exchanges ?? [],
  };
}

/** How a run ended, once known failures are taken into account. */
export type Outcome = 'passed' | 'failed' | 'expected-failure' | 'unexpected-pass' | 'skipped';

/** A case result with its verdict. */
export interface Verdict extends CaseResult {
  readonly outcome: Outcome;
  /** The known-failures entry that applied, if any. */
  readonly known?: KnownFailure;
}

/** Options of {@link runSuite} and {@link runMatrix}. */
export interface SuiteOptions {
  /** The app under test; default `seedApp`, the suite app. */
  readonly app?: AppFactory;
  /** Default: both. */
  readonly policies?: readonly Policy[];
  /** Body-parser modes to run each case in; default `[false, true]`. */
  readonly bodyParser?: readonly boolean[];
  /** Default: every case. */
  readonly cases?: readonly ConformanceCase[];
  /** Known failures; an expected failure that passes is reported as unexpected. */
  readonly expectations?: Expectations;
  readonly timeoutMs?: number;
  /** Called after each case, e.g. to print progress. */
  readonly onResult?: (verdict: Verdict) => void;
}

/** Every result of one adapter. */
export interface SuiteReport {
  readonly adapter: string;
  readonly results: readonly Verdict[];
}

function skipped(
  c: ConformanceCase,
  adapter: string,
  policy: Policy,
  bodyParser: boolean,
): CaseResult {
  return {
    id: c.id,
    title: c.title,
    level: c.level,
    adapter,
    policy,
    bodyParser,
    passed: false,
    failures: [],
    exchanges: [],
  };
}

function verdict(result: CaseResult, known: KnownFailure | undefined): Verdict {
  let outcome: Outcome = result.passed ? 'passed' : 'failed';
  if (known?.skip) outcome = 'skipped';
  else if (known?.fail) outcome = result.passed ? 'unexpected-pass' : 'expected-failure';
  return known === undefined ? { ...result, outcome } : { ...result, outcome, known };
}

/** Runs every case (or the chosen ones) on one adapter, under each policy and body-parser mode. */
export async function runSuite(
  adapter: AdapterUnderTest,
  options: SuiteOptions = {},
): Promise<SuiteReport> {
  const results: Verdict[] = [];
  for (const policy of options.policies ?? POLICIES) {
    for (const bodyParser of options.bodyParser ?? [false, true]) {
      for (const c of options.cases ?? allCases) {
        if (!policiesOf(c).includes(policy) || c.bodyParsers?.includes(bodyParser) === false)
          continue;
        const known = knownFailure(options.expectations, adapter.name, c.id, policy, bodyParser);
        const result = known?.skip
          ? skipped(c, adapter.name, policy, bodyParser)
          : await runCase(c, adapter, {
              policy,
              bodyParser,
              ...(options.app === undefined ? {} : { app: options.app }),
              ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
            });
        const v = verdict(result, known);
        results.push(v);
        options.onResult?.(v);
      }
    }
  }
  return { adapter: adapter.name, results };
}

/** Every result of every adapter, plus where adapters disagree. */
export interface MatrixReport {
  readonly adapters: readonly string[];
  readonly policies: readonly Policy[];
  readonly bodyParser: readonly boolean[];
  readonly cases: ReadonlyArray<
    Pick<ConformanceCase, 'id' | 'title' | 'level' | 'ref'> & {
      readonly policies: readonly Policy[];
    }
  >;
  readonly results: readonly Verdict[];
  /** Requests that got different answers from different adapters. */
  readonly differences: readonly Difference[];
}

/**
 * Runs the suite on each adapter, then a differential pass: for every request
 * of every case, all adapters must send the same status, significant headers
 * and body bytes.
 */
export async function runMatrix(
  adapters: readonly AdapterUnderTest[],
  options: SuiteOptions = {},
): Promise<MatrixReport> {
  const results: Verdict[] = [];
  for (const adapter of adapters)
    results.push(...(await runSuite(adapter, options).then((r) => r.results)));
  const chosen = options.cases ?? allCases;
  return {
    adapters: adapters.map((a) => a.name),
    policies: options.policies ?? POLICIES,
    bodyParser: options.bodyParser ?? [false, true],
    cases: chosen.map((c) => ({
      id: c.id,
      title: c.title,
      level: c.level,
      ref: c.ref,
      policies: policiesOf(c),
    })),
    results,
    differences: differential(results),
  };
}
