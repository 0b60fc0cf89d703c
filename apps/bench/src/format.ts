import { markdownTable } from 'markdown-table';
import type { Comparison, Series } from './compare.js';
import { pairRatios, type Summary, summarize } from './stats.js';

/** A figure with `digits` decimals, `n/a` when there is none. */
export function num(x: number, digits: number): string {
  if (!Number.isFinite(x)) return 'n/a';
  return x.toFixed(digits);
}

/** `median [q1–q3]`. */
export function cell(s: Summary, digits: number): string {
  if (s.n === 0) return 'n/a';
  return `${num(s.median, digits)} [${num(s.q1, digits)}–${num(s.q3, digits)}]`;
}

/** What the report reads from a slice. */
export type Metric = 'rps' | 'p99Ms' | 'cpuUsPerReq';

/** One role's figures for a metric, round by round (empty when it did not run). */
export const pick = (s: Series, role: string, key: Metric): number[] =>
  (s.slices[role] ?? []).map((x) => x[key]);

/** Ratio role/base (statuskit/bare, control/bare, peer/statuskit ...), pair by pair. */
export function ratio(s: Series, metric: Metric, who: string, base = 'bare'): Summary {
  return summarize(pairRatios(pick(s, who, metric), pick(s, base, metric)));
}

/** A Markdown table; the header cells as one `a|b|c` line. */
export const table = (headers: string, rows: string[][]): string =>
  markdownTable([headers.split('|'), ...rows]);

/** `met` or `**missed**` (lower is better), `n/a` without a figure. */
export function verdict(measured: number, target: number): string {
  if (!Number.isFinite(measured)) return 'n/a';
  return measured <= target ? 'met' : '**missed**';
}

/**
 * One line naming each process's `process.nextTick` cost after its rounds: a
 * process settles at about 30 ns or about 265 ns a call and keeps it, which
 * moves its CPU per request by about 2 µs (docs/benchmarks.md). Empty without figures.
 */
export function tickLine(c: Comparison, label: (role: string) => string): string[] {
  const entries = Object.entries(c.ticks ?? {});
  if (entries.length === 0) return [];
  const list = entries.map(([role, ns]) => `${label(role)} ${ns.map((x) => num(x, 0)).join(', ')}`);
  return [
    `\`process.nextTick\` in each server process after its rounds, ns a call, one figure per set of processes (about 30 is Node's fast state, about 265 the slow one; see docs/benchmarks.md, "Fastify: why the last figures miss"): ${list.join('; ')}.`,
    '',
  ];
}
