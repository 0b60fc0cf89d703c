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
  /**
   * A difference kept on purpose, outside every adapter's reach (the
   * framework's router, the app's own body parser): the listed adapters must
   * answer exactly `accepted.answer`, the others `expect`, and the fuzzer
   * tolerates the divergence under its name. A change in the framework's
   * behaviour turns the case red.
   */
  readonly accepted?: AcceptedDivergence;
}

/**
 * How some adapters differ: the listed adapters answer `got[i]` where every
 * other adapter answers `want[i]` (as the first answer), or add `got[i]`
 * after a first answer where the others write nothing more.
 */
export interface Divergence {
  readonly adapters: readonly string[];
  readonly got: readonly ShortAnswer[];
  /** What the others answer instead, by index; empty: whatever they answer. */
  readonly want: readonly ShortAnswer[];
  /** Only requests this accepts are covered (default: all). */
  readonly when?: (request: FuzzRequest) => boolean;
}

/** A known, reported divergence that a fix will remove. */
export interface OpenDivergence extends Divergence {
  /** Where it is reported: the issue or docs/reliability.md entry that tracks it. */
  readonly note: string;
}

/** A known divergence that stays, with the reason and the exact answer it gives. */
export interface AcceptedDivergence extends Divergence {
  /** Short stable name the fuzzer counts it under; cases of one family share it. */
  readonly name: string;
  /** Whose decision it is, why no adapter can change it, and where users read about it. */
  readonly reason: string;
  /** What the listed adapters answer to the case's request (first response), exactly. */
  readonly answer: ShortAnswer;
}

/** A divergence the fuzzer tolerates, under the name its disagreements are counted by. */
export interface Tolerance extends Divergence {
  readonly name: string;
}

/**
 * What the fuzzer tolerates in one pass: every open and accepted divergence,
 * one per name (cases of one accepted family add their adapters). Those found
 * with a body parser apply to that pass only: in the plain pass they would
 * hide real differences.
 */
export function tolerances(cases: readonly RegressionCase[], bodyParser: boolean): Tolerance[] {
  const out = new Map<string, Tolerance>();
  const add = (name: string, d: Divergence): void => {
    const seen = out.get(name);
    const adapters = [...new Set([...(seen?.adapters ?? []), ...d.adapters])];
    out.set(name, { ...(seen ?? d), adapters, name });
  };
  for (const c of cases) {
    if (c.bodyParser === true && !bodyParser) continue;
    if (c.open !== undefined) add(c.open.note, c.open);
    if (c.accepted !== undefined) add(`accepted: ${c.accepted.name}`, c.accepted);
  }
  return [...out.values()];
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
function canonical(outcome: Outcome, d: Divergence, deviant: boolean): Outcome | 'any' {
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
 * The known divergences that together explain a disagreement, or undefined
 * when the adapters still differ after applying every one that covers the
 * request. A divergence counts only if it changed some adapter's outcome.
 */
export function knownDivergences<D extends Divergence>(
  request: FuzzRequest,
  outcomes: ReadonlyMap<string, Outcome>,
  verdict: Verdict,
  known: readonly D[],
): D[] | undefined {
  if (verdict.agree) return undefined;
  const covering = known.filter((d) => d.when === undefined || d.when(request));
  const used = new Set<D>();
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
