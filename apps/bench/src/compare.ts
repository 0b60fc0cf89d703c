import { runSlice, type Slice } from './load.js';
import { probe } from './probe.js';
import type { ServerProcess } from './proc.js';
import type { Scenario } from './scenarios.js';

/** The three servers of one framework. */
export interface Contenders {
  readonly bare: ServerProcess;
  /** Undefined when the adapter is not built yet. */
  readonly statuskit: ServerProcess | undefined;
  /** A second process of the bare server: the A/A control. */
  readonly control: ServerProcess;
}

/** Slices of one route, index i = pair i, for each server. */
export interface Series {
  readonly scenario: Scenario;
  readonly bare: Slice[];
  readonly statuskit: Slice[];
  readonly control: Slice[];
  /** False when a server answered the check request wrongly; the route is then not loaded. */
  checked: boolean;
  /** Problems found by the answer check or during load. */
  readonly problems: string[];
}

/** Options of {@link compare}. */
export interface CompareOptions {
  readonly pairs: number;
  readonly sliceSeconds: number;
  readonly warmupSeconds: number;
  readonly connections: number;
  /** hrtime (ns) after which no new slice starts. */
  readonly deadline: bigint;
  readonly log: (line: string) => void;
  /** Rounds already run with earlier processes: the server order continues from there. */
  readonly firstRound?: number;
}

/** What a framework's comparison produced. */
export interface Comparison {
  readonly series: Series[];
  /** How many times fresh server processes were started (the pairs are pooled). */
  readonly epochs?: number;
  /** Pairs actually completed (fewer than asked when the deadline hit). */
  readonly pairsDone: number;
  readonly truncated: boolean;
}

type Role = 'bare' | 'statuskit' | 'control';

// Every order of the three servers, cycled pair by pair, so each one runs
// first, second and third equally often and a drift in machine load cancels.
const ORDERS: readonly (readonly Role[])[] = [
  ['bare', 'statuskit', 'control'],
  ['statuskit', 'control', 'bare'],
  ['control', 'bare', 'statuskit'],
  ['bare', 'control', 'statuskit'],
  ['statuskit', 'bare', 'control'],
  ['control', 'statuskit', 'bare'],
];

async function check(who: ServerProcess, scenario: Scenario, problems: string[]): Promise<boolean> {
  try {
    const a = await probe(who.url, scenario);
    if (a.status === scenario.expect) return true;
    problems.push(
      `${who.name} answered ${a.status}, expected ${scenario.expect}: ${a.body.slice(0, 120)}`,
    );
  } catch (e) {
    problems.push(`${who.name} did not answer: ${(e as Error).message}`);
  }
  return false;
}

/**
 * Measures every route on bare, statuskit and the control: answer check,
 * warm-up, then `pairs` rounds of one slice per server per route, the server
 * order rotating round by round. Ratios are later taken within each round.
 */
export async function compare(
  servers: Contenders,
  scenarios: readonly Scenario[],
  options: CompareOptions,
): Promise<Comparison> {
  const roles: Role[] = servers.statuskit ? ['bare', 'statuskit', 'control'] : ['bare', 'control'];
  const serverOf = (r: Role): ServerProcess =>
    r === 'statuskit' ? servers.statuskit! : servers[r];
  const load = { connections: options.connections };
  const series: Series[] = [];
  for (const scenario of scenarios) {
    const s: Series = {
      scenario,
      bare: [],
      statuskit: [],
      control: [],
      checked: true,
      problems: [],
    };
    for (const r of roles)
      s.checked = (await check(serverOf(r), scenario, s.problems)) && s.checked;
    for (const p of s.problems) options.log(`  ! ${scenario.id}: ${p}`);
    series.push(s);
  }
  const active = series.filter((s) => s.checked);
  // Warm up route by route, every server in turn, never one server through all
  // routes and then the next: warmed that way, the last server went straight
  // from its warm-up into the rounds while the others had sat idle for a dozen
  // seconds, and it stayed in a different state for the whole run (Express 35%
  // faster, Koa 55% slower: an A/A ratio of 0.6 or 1.5 instead of 1.0). Round by
  // round, no server then idles longer than the others.
  for (const s of active) {
    for (const r of roles) {
      if (process.hrtime.bigint() > options.deadline) break;
      await runSlice(serverOf(r), s.scenario, { seconds: options.warmupSeconds }, load);
    }
  }
  let pairsDone = 0;
  let truncated = false;
  for (let i = 0; i < options.pairs; i++) {
    if (process.hrtime.bigint() > options.deadline) {
      truncated = true;
      break;
    }
    const order = ORDERS[((options.firstRound ?? 0) + i) % ORDERS.length]!.filter((r) =>
      roles.includes(r),
    );
    for (const s of active) {
      for (const r of order) {
        const slice = await runSlice(
          serverOf(r),
          s.scenario,
          { seconds: options.sliceSeconds },
          load,
        );
        s[r].push(slice);
        if (slice.wrongStatus > 0 || slice.errors > 0) {
          s.problems.push(
            `pair ${i} ${serverOf(r).name}: ${slice.wrongStatus} wrong statuses, ${slice.errors} errors`,
          );
        }
      }
    }
    pairsDone++;
  }
  return { series, pairsDone, truncated };
}

/** Pools the rounds of comparisons run with fresh processes, route by route. */
export function pool(parts: readonly Comparison[]): Comparison {
  const first = parts[0]!;
  const series: Series[] = first.series.map((s, k) => {
    const all = parts.map((p) => p.series[k]!);
    return {
      scenario: s.scenario,
      bare: all.flatMap((x) => x.bare),
      statuskit: all.flatMap((x) => x.statuskit),
      control: all.flatMap((x) => x.control),
      checked: all.every((x) => x.checked),
      problems: all.flatMap((x) => x.problems),
    };
  });
  return {
    series,
    epochs: parts.length,
    pairsDone: parts.reduce((n, p) => n + p.pairsDone, 0),
    truncated: parts.some((p) => p.truncated),
  };
}
