import type { WireExchange, WireResponse } from './raw-http.js';

/**
 * Headers each framework adds or words its own way and that say nothing about
 * the answer: left out of the comparison. Everything else (content-type,
 * content-length, location, allow, www-authenticate, retry-after, x-*, etag,
 * transfer-encoding, ...) must match byte for byte.
 */
export const NOISE_HEADERS: ReadonlySet<string> = new Set([
  'date',
  'x-powered-by',
  'connection',
  'keep-alive',
]);

/** A response reduced to what must be identical on every adapter. */
export interface Answer {
  readonly status: number;
  /** Significant headers sorted by name; values of one name keep their order. */
  readonly headers: ReadonlyArray<readonly [string, string]>;
  /** The body as a byte string (latin1), or a placeholder for bodies that depend on timing. */
  readonly body: string;
}

/** What one adapter did with one request, reduced for comparison. */
export interface Outcome {
  readonly answers: readonly Answer[];
  /** Set only when no response came: `hang` (timeout) or `closed` (closed or reset). */
  readonly silent?: 'hang' | 'closed';
  /** Bytes after the last complete response. */
  readonly rest: string;
}

// The task log's contents depend on when each adapter ran the background
// tasks of earlier requests; its count is checked separately, exactly.
function timingDependent(body: Buffer): boolean {
  if (body.length === 0 || body[0] !== 0x7b) return false;
  try {
    const value = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    return Array.isArray(value.tasks) && Array.isArray(value.errors);
  } catch {
    return false;
  }
}

/** Reduces one response to its significant parts. */
export function toAnswer(response: WireResponse): Answer {
  const volatile = timingDependent(response.body);
  const headers = response.headers
    .filter(([name]) => !NOISE_HEADERS.has(name) && !(volatile && name === 'content-length'))
    .map((pair, i) => ({ pair, i }))
    .sort((a, b) => (a.pair[0] < b.pair[0] ? -1 : a.pair[0] > b.pair[0] ? 1 : a.i - b.i))
    .map(({ pair }) => pair);
  return {
    status: response.status,
    headers,
    body: volatile ? '<task log>' : response.body.toString('latin1'),
  };
}

/** Reduces what came back on one connection. */
export function toOutcome(exchange: WireExchange): Outcome {
  const answers = exchange.responses.map(toAnswer);
  const rest = exchange.rest.toString('latin1');
  if (answers.length > 0) return { answers, rest };
  return { answers, silent: exchange.end === 'timeout' ? 'hang' : 'closed', rest };
}

/** A stable key: equal keys mean equal outcomes. */
export function outcomeKey(outcome: Outcome): string {
  return JSON.stringify(outcome);
}

/** Adapters grouped by the outcome they produced, largest group first. */
export interface Verdict {
  readonly agree: boolean;
  readonly groups: ReadonlyArray<{ readonly adapters: string[]; readonly outcome: Outcome }>;
}

/** Groups the outcomes of one request by equality. */
export function compareOutcomes(byAdapter: ReadonlyMap<string, Outcome>): Verdict {
  const groups = new Map<string, { adapters: string[]; outcome: Outcome }>();
  for (const [name, outcome] of byAdapter) {
    const key = outcomeKey(outcome);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { adapters: [name], outcome });
    else group.adapters.push(name);
  }
  const list = [...groups.values()].sort((a, b) => b.adapters.length - a.adapters.length);
  return { agree: list.length <= 1, groups: list };
}

function shorten(text: string, max = 400): string {
  return text.length > max ? `${text.slice(0, max)}... (${text.length} bytes)` : text;
}

/** One outcome as a few readable lines. */
export function renderOutcome(outcome: Outcome): string {
  const lines: string[] = [];
  if (outcome.silent !== undefined) lines.push(`no response (${outcome.silent})`);
  for (const a of outcome.answers) {
    lines.push(`${a.status} ${a.headers.map(([n, v]) => `${n}: ${v}`).join(' | ')}`);
    lines.push(`  body ${JSON.stringify(shorten(a.body))}`);
  }
  if (outcome.rest !== '') lines.push(`  then ${JSON.stringify(shorten(outcome.rest))}`);
  return lines.join('\n');
}

/** A verdict as text: each group of adapters with its outcome. */
export function renderVerdict(verdict: Verdict): string {
  return verdict.groups
    .map((g) => `[${g.adapters.join(', ')}]\n${renderOutcome(g.outcome)}`)
    .join('\n');
}
