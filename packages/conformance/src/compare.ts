import { isDeepStrictEqual } from 'node:util';
import type { BodyExpectation, Expectation } from './case.js';
import { SIGNIFICANT_HEADERS } from './case.js';
import type { ClientResponse } from './client.js';

const decoder = new TextDecoder();

/** Every value of a header, in wire order. */
export function headerValues(response: ClientResponse, name: string): string[] {
  const out: string[] = [];
  for (const [n, v] of response.headers) if (n === name) out.push(v);
  return out;
}

/** Shortens a value for a failure message. */
export function preview(value: string, max = 160): string {
  return value.length > max ? `${value.slice(0, max)}… (${value.length} chars)` : value;
}

function show(value: unknown): string {
  return preview(JSON.stringify(value) ?? String(value));
}

function bodyText(body: Uint8Array): string {
  return decoder.decode(body);
}

// Where `actual` fails to contain `expected`, as a JSON path; undefined when it does.
function subsetMismatch(actual: unknown, expected: unknown, path: string): string | undefined {
  if (typeof expected !== 'object' || expected === null) {
    return Object.is(actual, expected) ? undefined : `${path} is ${show(actual)}`;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) {
      return `${path} is ${show(actual)}, expected an array of ${expected.length}`;
    }
    for (let i = 0; i < expected.length; i++) {
      const m = subsetMismatch(actual[i], expected[i], `${path}[${i}]`);
      if (m !== undefined) return m;
    }
    return undefined;
  }
  if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) {
    return `${path} is ${show(actual)}, expected an object`;
  }
  for (const [key, value] of Object.entries(expected)) {
    if (!Object.hasOwn(actual, key)) return `${path}.${key} is missing`;
    const m = subsetMismatch((actual as Record<string, unknown>)[key], value, `${path}.${key}`);
    if (m !== undefined) return m;
  }
  return undefined;
}

function parseJson(body: Uint8Array): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(bodyText(body)) };
  } catch {
    return { ok: false };
  }
}

function checkBody(response: ClientResponse, expected: BodyExpectation): string | undefined {
  const text = bodyText(response.body);
  if ('empty' in expected) {
    return response.body.byteLength === 0 ? undefined : `body ${show(text)}, expected none`;
  }
  if ('text' in expected) {
    return text === expected.text
      ? undefined
      : `body ${show(text)}, expected ${show(expected.text)}`;
  }
  const parsed = parseJson(response.body);
  if (!parsed.ok) return `body ${show(text)} is not JSON`;
  if ('json' in expected) {
    // Key order is ignored and array order kept; JSON.parse and the cases' literals
    // both give plain objects, so the prototype check never differs.
    return isDeepStrictEqual(parsed.value, expected.json)
      ? undefined
      : `body ${show(text)}, expected ${show(expected.json)}`;
  }
  const m = subsetMismatch(parsed.value, expected.jsonSubset, 'body');
  return m === undefined ? undefined : `${m} (body ${show(text)})`;
}

/**
 * Checks one answer against an expectation; returns what differs, empty when
 * it matches. Framing is always checked: a content-length must match the
 * bytes received (except on HEAD, which sends none).
 */
export function compare(response: ClientResponse, expected: Expectation, method: string): string[] {
  const out: string[] = [];
  if (response.status !== expected.status) {
    out.push(`status ${response.status}, expected ${expected.status}`);
  }
  for (const [name, want] of Object.entries(expected.headers ?? {})) {
    const got = headerValues(response, name);
    if (want === null) {
      if (got.length > 0) out.push(`${name}: ${show(got.join(', '))}, expected absent`);
    } else if (got.length !== 1 || got[0] !== want) {
      const actual = got.length === 0 ? 'absent' : show(got.join(' | '));
      out.push(`${name}: ${actual}, expected ${show(want)}`);
    }
  }
  const lengths = headerValues(response, 'content-length');
  if (
    method !== 'HEAD' &&
    lengths.length === 1 &&
    Number(lengths[0]) !== response.body.byteLength
  ) {
    out.push(`content-length ${lengths[0]} but ${response.body.byteLength} body bytes`);
  }
  if (expected.body !== undefined) {
    const m = checkBody(response, expected.body);
    if (m !== undefined) out.push(m);
  }
  if (expected.absent !== undefined) {
    const all = response.headers.map(([n, v]) => `${n}: ${v}`).join('\n') + bodyText(response.body);
    for (const secret of expected.absent) {
      if (all.includes(secret))
        out.push(`the response contains ${show(secret)}, which must not leak`);
    }
  }
  return out;
}

/** The comparable part of an answer: status, significant headers, body bytes. */
export interface Fingerprint {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | null>>;
  readonly body: string;
}

/** Reduces an answer to what every adapter must send identically. */
export function fingerprint(
  response: ClientResponse,
  extraHeaders: readonly string[],
): Fingerprint {
  const headers: Record<string, string | null> = {};
  for (const name of [...SIGNIFICANT_HEADERS, ...extraHeaders]) {
    const values = headerValues(response, name);
    headers[name] = values.length === 0 ? null : values.join(' | ');
  }
  return { status: response.status, headers, body: bodyText(response.body) };
}

/** What differs between two fingerprints; empty when identical. */
export function diffFingerprints(a: Fingerprint, b: Fingerprint): string[] {
  const out: string[] = [];
  if (a.status !== b.status) out.push(`status ${a.status} vs ${b.status}`);
  for (const name of new Set([...Object.keys(a.headers), ...Object.keys(b.headers)])) {
    const x = a.headers[name] ?? null;
    const y = b.headers[name] ?? null;
    if (x !== y) out.push(`${name}: ${show(x)} vs ${show(y)}`);
  }
  if (a.body !== b.body) out.push(`body ${show(a.body)} vs ${show(b.body)}`);
  return out;
}
