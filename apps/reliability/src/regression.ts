import type { Outcome, Verdict } from './compare.js';
import type { FuzzRequest } from './fuzz-request.js';

/** An answer reduced to status and body, for pinning what a request must get. */
export interface ShortAnswer {
  /** The status, or `any`. */
  readonly status: number | 'any';
  /** Exact body (byte string); omitted: any body. */
  readonly body?: string;
  /** A regular expression the body must match, when the exact bytes vary (offsets, ids). */
  readonly pattern?: string;
  /** No significant header at all: Node's own replies (`HTTP/1.1 400 Bad Request`, connection: close). */
  readonly bare?: boolean;
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
  /** Served with each framework's JSON body parser installed first (as `RELIABILITY_BODY_PARSER=1`). */
  readonly bodyParser?: boolean;
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
 * A known, reported divergence: the listed adapters answer `got[i]` where
 * every other adapter answers `want[i]` (as the first answer), or add
 * `got[i]` after a first answer where the others write nothing more.
 */
export interface OpenDivergence {
  readonly adapters: readonly string[];
  readonly got: readonly ShortAnswer[];
  /** What the others answer instead, by index; empty: whatever they answer. */
  readonly want: readonly ShortAnswer[];
  /** Only requests this accepts are covered (default: all). */
  readonly when?: (request: FuzzRequest) => boolean;
  /** Where it is reported (.notes/core-requests.md entry). */
  readonly note: string;
}

type WireAnswer = Outcome['answers'][number];

/** True when an answer has the status and the body (exact or pattern) given. */
export function matches(answer: WireAnswer | undefined, short: ShortAnswer): boolean {
  if (answer === undefined) return false;
  if (short.status !== 'any' && answer.status !== short.status) return false;
  if (short.body !== undefined && answer.body !== short.body) return false;
  if (short.bare === true && answer.headers.length > 0) return false;
  return short.pattern === undefined || new RegExp(short.pattern).test(answer.body);
}

// The outcome with every answer covered by the divergence replaced by a
// marker, so adapters that differ only in this way compare equal.
function canonical(outcome: Outcome, d: OpenDivergence, deviant: boolean): Outcome | 'any' {
  if (d.want.length === 0) {
    return deviant && d.got.some((g) => matches(outcome.answers[0], g)) ? 'any' : outcome;
  }
  const answers: WireAnswer[] = [];
  outcome.answers.forEach((a, i) => {
    // An answer the deviating adapter adds after the first: the others write nothing.
    if (deviant && i > 0 && d.got.some((g) => matches(a, g))) return;
    let k = d.want.findIndex((w) => matches(a, w));
    if (k === -1 && deviant) k = d.got.findIndex((g) => matches(a, g));
    answers.push(k === -1 ? a : { status: 0, headers: [], body: `<open ${k}>` });
  });
  return { ...outcome, answers };
}

/**
 * The open divergences that together explain a disagreement, or undefined
 * when the adapters still differ after applying every one that covers the
 * request. A divergence counts only if it changed some adapter's outcome.
 */
export function knownDivergences(
  request: FuzzRequest,
  outcomes: ReadonlyMap<string, Outcome>,
  verdict: Verdict,
  open: readonly OpenDivergence[],
): OpenDivergence[] | undefined {
  if (verdict.agree) return undefined;
  const covering = open.filter((d) => d.when === undefined || d.when(request));
  const used = new Set<OpenDivergence>();
  const keys = new Set<string>();
  for (const [name, outcome] of outcomes) {
    const adapter = name.replace(/-\d+$/, '');
    let current: Outcome | 'any' = outcome;
    for (const d of covering) {
      if (current === 'any') break;
      const next = canonical(current, d, d.adapters.includes(adapter));
      if (next === 'any' || JSON.stringify(next) !== JSON.stringify(current)) used.add(d);
      current = next;
    }
    if (current !== 'any') keys.add(JSON.stringify(current));
  }
  return keys.size <= 1 ? [...used] : undefined;
}
