import { createStatuskit } from '@statuskit/core';
import type { AdapterUnderTest, HostOrder, RunningServer } from '../adapter.js';
import type { ConformanceCase, Level } from '../case.js';
import { type CoexistenceCase, coexistenceCases, VOLATILE_HEADERS } from '../cases/coexist.js';
import { cases as allCases } from '../cases/index.js';
import { compare } from '../compare.js';
import { seedApp } from '../fixture/app.js';
import { runCase } from '../run.js';
import { casesInHost, HOST_DIVERGENCES } from './select.js';
import { type Capture, capture, describeDifference, withoutVolatile } from './wire.js';

/** Both orders of statuskit and the app's own handlers, in report order. */
export const HOST_ORDERS: readonly HostOrder[] = ['kit-first', 'app-first'];

/** The result of one coexistence case (or one conformance case run inside the host). */
export interface CoexistenceResult {
  readonly id: string;
  readonly title: string;
  readonly level: Level;
  readonly adapter: string;
  readonly order: HostOrder;
  /** `app`/`kit`: a coexistence case; `conformance`: a conformance case inside the host app. */
  readonly kind: 'app' | 'kit' | 'conformance';
  readonly passed: boolean;
  readonly failures: readonly string[];
  /** Set for a known divergence of this adapter's host app (HOST_DIVERGENCES): expected to fail. */
  readonly known?: string;
}

/** Options of {@link runCoexistence}. */
export interface CoexistenceOptions {
  /** Default both ({@link HOST_ORDERS}). */
  readonly orders?: readonly HostOrder[];
  /** Default every coexistence case. */
  readonly cases?: readonly CoexistenceCase[];
  /** Conformance cases to run inside the host app; default those {@link casesInHost} picks. */
  readonly conformance?: readonly ConformanceCase[];
  readonly timeoutMs?: number;
  readonly onResult?: (result: CoexistenceResult) => void;
}

function label(c: CoexistenceCase): string {
  return `${c.request.method} ${c.request.path.length > 60 ? `${c.request.path.slice(0, 60)}…` : c.request.path}`;
}

// What one answer breaks of an expectation, prefixed with which run it came from.
function check(c: CoexistenceCase, got: Capture, run: string): string[] {
  if (got.response === undefined) return [`${run}: no complete answer`];
  if (c.expect === undefined) return [];
  return compare(got.response, c.expect, c.request.method).map((m) => `${run}: ${m}`);
}

/**
 * Judges one coexistence case against the two host apps: `without` has no
 * statuskit, `within` has the kit mounted at its root.
 */
export async function judgeCase(
  c: CoexistenceCase,
  without: RunningServer,
  within: RunningServer,
  timeoutMs?: number,
): Promise<string[]> {
  const failures: string[] = [];
  const withKit = await capture(within.url, c.request, timeoutMs);
  if (c.owner === 'kit') return check(c, withKit, 'with statuskit');
  const alone = await capture(without.url, c.request, timeoutMs);
  failures.push(...check(c, alone, 'without statuskit'), ...check(c, withKit, 'with statuskit'));
  const a = withoutVolatile(alone.bytes, VOLATILE_HEADERS);
  const b = withoutVolatile(withKit.bytes, VOLATILE_HEADERS);
  if (!a.equals(b)) failures.push(`the answer changed: ${describeDifference(a, b)}`);
  return failures.map((f) => `${label(c)}: ${f}`);
}

/** The host app as an adapter the conformance runner can start a kit on. */
export function hostAdapter(adapter: AdapterUnderTest, order: HostOrder): AdapterUnderTest {
  const startHost = adapter.startHost;
  if (startHost === undefined) throw new Error(`${adapter.name} has no startHost()`);
  return {
    name: `${adapter.name} (host app, ${order})`,
    start: (kit) => startHost.call(adapter, kit, { order }),
  };
}

async function closeAll(servers: Array<RunningServer | undefined>): Promise<void> {
  await Promise.all(servers.map((s) => s?.close().catch(() => undefined)));
}

/**
 * Runs the coexistence suite on one adapter's host app: for each order, the
 * coexistence cases against the host without and with statuskit (the suite
 * app's kit, rest policy), then each conformance case whose requests all go
 * to the kit's paths, on a fresh host app with a fresh kit.
 */
export async function runCoexistence(
  adapter: AdapterUnderTest,
  options: CoexistenceOptions = {},
): Promise<CoexistenceResult[]> {
  const results: CoexistenceResult[] = [];
  const push = (r: CoexistenceResult): void => {
    results.push(r);
    options.onResult?.(r);
  };
  const chosen = options.cases ?? coexistenceCases;
  const conformance = options.conformance ?? casesInHost(allCases);
  for (const order of options.orders ?? HOST_ORDERS) {
    const base = { adapter: adapter.name, order };
    let without: RunningServer | undefined;
    let within: RunningServer | undefined;
    try {
      const seed = seedApp({ policy: 'rest' });
      without = await hostAdapter(adapter, order).start(undefined as never);
      within = await hostAdapter(adapter, order).start(createStatuskit(seed.routes, seed.options));
      for (const c of chosen) {
        const failures = await judgeCase(c, without, within, options.timeoutMs);
        push({
          ...base,
          id: c.id,
          title: c.title,
          level: c.level,
          kind: c.owner,
          passed: failures.length === 0,
          failures,
        });
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      push({
        ...base,
        id: 'X00',
        title: 'host apps start',
        level: 'MUST',
        kind: 'app',
        passed: false,
        failures: [message],
      });
    } finally {
      await closeAll([without, within]);
    }
    const host = hostAdapter(adapter, order);
    for (const c of conformance) {
      const r = await runCase(c, host, {
        policy: 'rest',
        bodyParser: true,
        ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      });
      const known = HOST_DIVERGENCES[adapter.name]?.[c.id];
      const about = {
        ...base,
        id: c.id,
        title: c.title,
        level: c.level,
        kind: 'conformance' as const,
      };
      if (known === undefined) push({ ...about, passed: r.passed, failures: r.failures });
      else
        push({
          ...about,
          known,
          passed: !r.passed,
          failures: r.passed ? ['passed, but is listed in HOST_DIVERGENCES; remove the entry'] : [],
        });
    }
  }
  return results;
}
