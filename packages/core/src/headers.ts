import { describeValue, ErrorCode, StatuskitError } from './errors.js';

/** Response headers as statuskit carries them: ordered, lower-case names. */
export type HeaderList = Array<readonly [name: string, value: string]>;

/** What callers may pass as headers: a record or a list of pairs. */
export type HeadersInit =
  | Readonly<Record<string, string | number | readonly string[]>>
  | ReadonlyArray<readonly [string, string]>;

// RFC 9110 5.1 token and 5.5 field-value (no CR, LF or NUL; obs-text allowed).
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/** Throws STATUSKIT_INVALID_HEADER unless name and value can travel in an HTTP header. */
export function assertHeader(name: string, value: string, where: string): void {
  if (typeof name !== 'string' || !TOKEN.test(name)) {
    throw new StatuskitError(
      ErrorCode.INVALID_HEADER,
      `${where}: header name ${describeValue(name)} is not an HTTP token; use letters, digits and - only.`,
    );
  }
  if (typeof value !== 'string' || !FIELD_VALUE.test(value)) {
    throw new StatuskitError(
      ErrorCode.INVALID_HEADER,
      `${where}: header ${name} has value ${describeValue(value)}, which contains CR, LF or another character HTTP forbids; strip it before setting the header.`,
    );
  }
}

/** Validates and lower-cases headers where they are written, so bad ones never reach the wire. */
export function normalizeHeaders(init: HeadersInit | undefined, where: string): HeaderList {
  if (init === undefined) return NO_HEADERS;
  const out: HeaderList = [];
  if (Array.isArray(init)) {
    for (const pair of init as ReadonlyArray<readonly [string, string]>) {
      const [name, value] = pair;
      assertHeader(name, value, where);
      out.push([name.toLowerCase(), value]);
    }
    return out;
  }
  for (const name of Object.keys(init)) {
    const raw = (init as Record<string, string | number | readonly string[]>)[name]!;
    const values = Array.isArray(raw) ? (raw as readonly string[]) : [String(raw)];
    for (const value of values) {
      assertHeader(name, value, where);
      out.push([name.toLowerCase(), value]);
    }
  }
  return out.length === 0 ? NO_HEADERS : out;
}

/** True when the list has a header of that (lower-case) name. */
export function hasHeader(headers: HeaderList, name: string): boolean {
  for (const [n] of headers) if (n === name) return true;
  return false;
}

/** One header of a list; the pairs of a {@link HeaderList} are never written to. */
export type Header = HeaderList[number];

/**
 * An empty header list shared by every exception and response that sets no
 * header (most of them): frozen, so a write to it fails loudly instead of
 * leaking into other answers. Lists the core hands to adapters are fresh.
 */
export const NO_HEADERS: HeaderList = Object.freeze([]) as unknown as HeaderList;

// The framing and type headers of most answers repeat: one frozen pair each, built on first
// use, so an answer allocates its list but not its pairs. Bounded: lengths under 2 KiB, and
// the first 64 content types (the core's own and the app's few).
const LENGTH_PAIRS = 2048;
const lengthPairs = new Array<Header | undefined>(LENGTH_PAIRS);
const typePairs = new Map<string, Header>();
const TYPE_PAIRS = 64;

/** `['content-length', String(length)]`, shared for the common lengths. */
export function contentLengthHeader(length: number): Header {
  if (length >= LENGTH_PAIRS) return ['content-length', String(length)];
  let pair = lengthPairs[length];
  if (pair === undefined) {
    pair = Object.freeze(['content-length', String(length)] as const);
    lengthPairs[length] = pair;
  }
  return pair;
}

/** `['content-type', type]`, shared for the types seen first. */
export function contentTypeHeader(type: string): Header {
  let pair = typePairs.get(type);
  if (pair === undefined) {
    pair = Object.freeze(['content-type', type] as const);
    if (typePairs.size < TYPE_PAIRS) typePairs.set(type, pair);
  }
  return pair;
}
