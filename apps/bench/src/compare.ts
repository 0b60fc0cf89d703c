import { answerProblem } from './answer.js';
import { runSlice, type Slice } from './load.js';
import { probe } from './probe.js';
import type { ServerProcess } from './proc.js';
import type { Scenario } from './scenarios.js';

/**
 * The servers measured side by side, each under a role name (`bare`,
 * `statuskit`, `control`; or one per contender in the peers phase). The first
 * is the reference every ratio divides by: a route it cannot answer is not run.
 */
export type Lineup = ReadonlyArray<readonly [role: string, server: ServerProcess]>;

/** Slices of one route, index i = round i, for each role. */
export interface Series {
  readonly scenario: Scenario;
  readonly slices: Record<string, Slice[]>;
  /** False when the reference answered the check request wrongly: the route is not loaded. */
  checked: boolean;
  /** Roles left out of this route because they answered the check wrongly. */
  readonly excluded: string[];
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

/** What a comparison produced. */
export interface Comparison {
  readonly series: Series[];
  /** How many times fresh server processes were started (the pairs are pooled). */
  readonly epochs?: number;
  /** Pairs actually completed (fewer than asked when the deadline hit). */
  readonly pairsDone: number;
  readonly truncated: boolean;
  /** ns per `process.nextTick` call in each role's process after its rounds, one per set. */
  readonly ticks?: Readonly<Record<string, readonly number[]>>;
}

/**
 * The order of the servers in round `round`: a rotation of the lineup, then of
 * the lineup reversed, so over 2n rounds each server runs in every position
 * equally often and follows every other one (for three servers: all six
 * permutations), and a drift in machine load cancels out.
 */
export function roundOrder<T>(items: readonly T[], round: number): T[] {
  const n = items.length;
  if (n === 0) return [];
  const base = Math.floor(round / n) % 2 === 0 ? [...items] : [...items].reverse();
  const k = round % n;
  return [...base.slice(k), ...base.slice(0, k)];
}

async function check(who: ServerProcess, scenario: Scenario): Promise<string | undefined> {
  try {
    const problem = answerProblem(scenario.expect, scenario.answer, await probe(who.url, scenario));
    return problem === undefined ? undefined : `${who.name} ${problem}`;
  } catch (e) {
    return `${who.name} did not answer: ${(e as Error).message}`;
  }
}

/**
 * Measures every route on every server of the lineup: answer check (a server
 * that answers wrongly is left out of that route), warm-up, then `pairs` rounds
 * of one slice per server per route, the server order rotating round by round.
 * Ratios are later taken within each round.
 */
export async function compare(
  lineup: Lineup,
  scenarios: readonly Scenario[],
  options: CompareOptions,
): Promise<Comparison> {
  const load = { connections: options.connections };
  const series: Series[] = [];
  const active = new Map<Series, Lineup>();
  for (const scenario of scenarios) {
    const s: Series = {
      scenario,
      slices: Object.fromEntries(lineup.map(([role]) => [role, []])),
      checked: true,
      excluded: [],
      problems: [],
    };
    const ok: [string, ServerProcess][] = [];
    for (const [role, server] of lineup) {
      const problem = await check(server, scenario);
      if (problem === undefined) ok.push([role, server]);
      else {
        s.excluded.push(role);
        s.problems.push(problem);
        options.log(`  ! ${scenario.id}: ${problem}`);
      }
    }
    s.checked = ok.length >= 2 && ok[0]![0] === lineup[0]![0];
    if (s.checked) active.set(s, ok);
    series.push(s);
  }
  // Warm up route by route, every server in turn, never one server through all
  // routes and then the next: warmed that way, the last server went straight
  // from its warm-up into the rounds while the others had sat idle for a dozen
  // seconds, and it stayed in a different state for the whole run (Express 35%
  // faster, Koa 55% slower: an A/A ratio of 0.6 or 1.5 instead of 1.0). Round by
  // round, no server then idles longer than the others.
  for (const [s, servers] of active) {
    for (const [, server] of servers) {
      if (process.hrtime.bigint() > options.deadline) break;
      await runSlice(server, s.scenario, { seconds: options.warmupSeconds }, load);
    }
  }
  let pairsDone = 0;
  let truncated = false;
  for (let i = 0; i < options.pairs; i++) {
    if (process.hrtime.bigint() > options.deadline) {
      truncated = true;
      break;
    }
    for (const [s, servers] of active) {
      for (const [role, server] of roundOrder(servers, (options.firstRound ?? 0) + i)) {
        const slice = await runSlice(server, s.scenario, { seconds: options.sliceSeconds }, load);
        s.slices[role]!.push(slice);
        if (slice.wrongStatus > 0 || slice.errors > 0) {
          s.problems.push(
            `pair ${i} ${server.name}: ${slice.wrongStatus} wrong statuses, ${slice.errors} errors`,
          );
        }
      }
    }
    pairsDone++;
  }
  const ticks: Record<string, number[]> = {};
  for (const [role, server] of lineup) {
    const ns = await server.tickNs().catch(() => undefined);
    if (ns !== undefined) ticks[role] = [ns];
  }
  return { series, pairsDone, truncated, ticks };
}

/** A round a server did not run (left out after a wrong answer): NaN, so no ratio uses it. */
const MISSING: Slice = {
  requests: 0,
  seconds: Number.NaN,
  rps: Number.NaN,
  p99Ms: Number.NaN,
  cpuNs: Number.NaN,
  cpuUsPerReq: Number.NaN,
  wrongStatus: 0,
  errors: 0,
};

/**
 * Pools the rounds of comparisons run with fresh processes, route by route. A
 * server left out of a route in one set gets NaN rounds there, so round i of
 * every server still lines up for the pair-by-pair ratios.
 */
export function pool(parts: readonly Comparison[]): Comparison {
  const first = parts[0]!;
  const series: Series[] = first.series.map((s, k) => {
    const all = parts.map((p) => p.series[k]!);
    // A server that failed to start in one set is missing there: every set's roles count.
    const roles = [...new Set(all.flatMap((x) => Object.keys(x.slices)))];
    const rounds = (x: Series, r: string, pairsDone: number): Slice[] => {
      const got = x.slices[r] ?? [];
      return [...got, ...Array<Slice>(Math.max(0, pairsDone - got.length)).fill(MISSING)];
    };
    return {
      scenario: s.scenario,
      slices: Object.fromEntries(
        roles.map((r) => [r, all.flatMap((x, j) => rounds(x, r, parts[j]!.pairsDone))]),
      ),
      checked: all.every((x) => x.checked),
      excluded: [...new Set(all.flatMap((x) => x.excluded))],
      problems: all.flatMap((x) => x.problems),
    };
  });
  const ticks: Record<string, number[]> = {};
  for (const p of parts) {
    for (const [role, ns] of Object.entries(p.ticks ?? {})) (ticks[role] ??= []).push(...ns);
  }
  return {
    series,
    ticks,
    epochs: parts.length,
    pairsDone: parts.reduce((n, p) => n + p.pairsDone, 0),
    truncated: parts.some((p) => p.truncated),
  };
}
