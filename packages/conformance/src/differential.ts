import type { Level, Policy } from './case.js';
import { diffFingerprints } from './compare.js';
import type { Verdict } from './run.js';

/** One request that two adapters answered differently. */
export interface Difference {
  readonly id: string;
  /** A difference on a SHOULD case is reported, but does not fail the run. */
  readonly level: Level;
  readonly policy: Policy;
  readonly bodyParser: boolean;
  /** The first adapter (the reference) and the one that differs. */
  readonly adapters: readonly [string, string];
  readonly request: { readonly method: string; readonly path: string } | undefined;
  /** What differs, reference value first. */
  readonly details: readonly string[];
}

/**
 * Compares the answers of every adapter to those of the first one, request by
 * request, for each case, policy and body-parser mode. Known failures and
 * skipped runs are left out: their divergence is already on record.
 */
export function differential(results: readonly Verdict[]): Difference[] {
  const groups = new Map<string, Verdict[]>();
  for (const r of results) {
    if (r.outcome === 'skipped' || r.outcome === 'expected-failure') continue;
    const key = `${r.id}\u0000${r.policy}\u0000${r.bodyParser}`;
    let group = groups.get(key);
    if (group === undefined) groups.set(key, (group = []));
    group.push(r);
  }
  const out: Difference[] = [];
  for (const group of groups.values()) {
    const [reference, ...others] = group;
    if (reference === undefined) continue;
    for (const other of others) {
      const base = {
        id: reference.id,
        level: reference.level,
        policy: reference.policy,
        bodyParser: reference.bodyParser,
        adapters: [reference.adapter, other.adapter] as const,
      };
      const a = reference.exchanges;
      const b = other.exchanges;
      const n = Math.min(a.length, b.length);
      for (let i = 0; i < n; i++) {
        const details = diffFingerprints(a[i]!.response, b[i]!.response);
        if (
          a[i]!.request.method !== b[i]!.request.method ||
          a[i]!.request.path !== b[i]!.request.path
        ) {
          details.unshift('the requests themselves differ (a step failed earlier)');
        }
        if (details.length > 0) out.push({ ...base, request: a[i]!.request, details });
      }
      // Unequal counts mean a step failed on one side, which is reported as a failure already.
      if (a.length !== b.length && reference.passed && other.passed) {
        out.push({
          ...base,
          request: undefined,
          details: [`${a.length} answers vs ${b.length} (a step failed on one of them)`],
        });
      }
    }
  }
  return out;
}
