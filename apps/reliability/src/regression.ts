import type { Outcome, Verdict } from './compare.js';
import type { FuzzRequest } from './fuzz-request.js';

/** An answer reduced to status and body, for pinning what a request must get. */
export interface ShortAnswer {
  readonly status: number;
  /** Exact body (byte string); omitted: any body. */
  readonly body?: string;
}

/**
 * A request the fuzzer (or a person) found once, kept forever: every adapter
 * must answer it alike, and as `expect` says when given.
 */
export interface RegressionCase {
  /** Stable id, `R001`...; never reused. */
  readonly id: string;
  readonly title: string;
  /** Where it came from: the fuzz seed and date, or the test that found it. */
  readonly found: string;
  readonly request: FuzzRequest;
  /** What every adapter must answer (first response), or `none` for a closed connection. */
  readonly expect?: ShortAnswer | 'none';
  /**
   * Still broken on these adapters: runs as an expected failure (`it.fails`)
   * until fixed, and the fuzzer tolerates exactly this divergence. When the
   * fix lands the case passes, the expected failure fails, and this goes.
   */
  readonly open?: OpenDivergence;
}

/**
 * A known, reported divergence: the listed adapters write `got[i]` where
 * every other adapter writes `want[i]` (as the first answer), or write it
 * where the others write nothing more (a later answer on the same socket).
 */
export interface OpenDivergence {
  readonly adapters: readonly string[];
  readonly got: readonly ShortAnswer[];
  readonly want: readonly ShortAnswer[];
  /** Where it is reported (.notes/core-requests.md entry). */
  readonly note: string;
}

type WireAnswer = Outcome['answers'][number];

function same(answer: WireAnswer, short: ShortAnswer): boolean {
  return answer.status === short.status && (short.body === undefined || answer.body === short.body);
}

// What the outcome would be if the adapter behaved like the others.
function corrected(outcome: Outcome, d: OpenDivergence): Outcome {
  const answers: WireAnswer[] = [];
  outcome.answers.forEach((a, i) => {
    const k = d.got.findIndex((g) => same(a, g));
    if (k === -1) answers.push(a);
    else if (i === 0) answers.push({ status: d.want[k]!.status, headers: [], body: d.want[k]!.body ?? '' });
  });
  return { ...outcome, answers };
}

/** The open divergence a disagreement is an instance of, if any. */
export function knownDivergence(
  outcomes: ReadonlyMap<string, Outcome>,
  verdict: Verdict,
  open: readonly OpenDivergence[],
): OpenDivergence | undefined {
  if (verdict.agree) return undefined;
  return open.find((d) => {
    const keys = new Set<string>();
    for (const [name, outcome] of outcomes) {
      const deviant = d.adapters.includes(name.replace(/-\d+$/, ''));
      keys.add(JSON.stringify(deviant ? corrected(outcome, d) : outcome));
    }
    return keys.size === 1;
  });
}
