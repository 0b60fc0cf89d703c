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
  const out: HeaderList = [];
  if (init === undefined) return out;
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
  return out;
}

/** True when the list has a header of that (lower-case) name. */
export function hasHeader(headers: HeaderList, name: string): boolean {
  for (const [n] of headers) if (n === name) return true;
  return false;
}
