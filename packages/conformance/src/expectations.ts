import { ErrorCode, StatuskitError } from '@statuskit/core';
import type { Policy } from './case.js';

/** A known divergence of one adapter on one case (undici's status-file form). */
export interface KnownFailure {
  /** The case is expected to fail; if it passes, that is a failure (update the file). */
  readonly fail?: boolean;
  /** Do not run the case at all (it hangs or crashes the adapter). */
  readonly skip?: boolean;
  /** Why, with an issue link. Required. */
  readonly note: string;
  /** Only under these policies; all when omitted. */
  readonly policies?: readonly Policy[];
  /** Only with (true) or without (false) a body parser; both when omitted. */
  readonly bodyParser?: boolean;
}

/** Known failures by adapter name, then case id: `{ "koa": { "S27": { "fail": true, "note": "…" } } }`. */
export type Expectations = Readonly<Record<string, Readonly<Record<string, KnownFailure>>>>;

/** The entry that applies to one run, if any. */
export function knownFailure(
  expectations: Expectations | undefined,
  adapter: string,
  id: string,
  policy: Policy,
  bodyParser: boolean,
): KnownFailure | undefined {
  const entry = expectations?.[adapter]?.[id];
  if (entry === undefined) return undefined;
  if (entry.policies !== undefined && !entry.policies.includes(policy)) return undefined;
  if (entry.bodyParser !== undefined && entry.bodyParser !== bodyParser) return undefined;
  return entry;
}

/** Checks parsed JSON is an expectations file: every entry fails or skips, with a note. */
export function checkExpectations(value: unknown, source: string): Expectations {
  const bad = (why: string): StatuskitError =>
    new StatuskitError(
      ErrorCode.INVALID_OPTION,
      `${source}: ${why}; write { "<adapter>": { "<case id>": { "fail": true, "note": "<issue link>" } } }.`,
    );
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw bad('not an object');
  }
  for (const [adapter, byCase] of Object.entries(value)) {
    if (typeof byCase !== 'object' || byCase === null) throw bad(`"${adapter}" is not an object`);
    for (const [id, entry] of Object.entries(byCase as Record<string, unknown>)) {
      const e = entry as Partial<KnownFailure> | null;
      if (typeof e?.note !== 'string' || e.note.trim() === '') {
        throw bad(`${adapter} ${id} has no note`);
      }
      if (e.fail !== true && e.skip !== true) throw bad(`${adapter} ${id} neither fails nor skips`);
    }
  }
  return value as Expectations;
}
