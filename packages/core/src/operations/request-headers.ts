// The two request headers an operation's start reads: `Idempotency-Key`
// (draft-ietf-httpapi-idempotency-key-header) and `Prefer: wait=N` (RFC 7240).
import { HttpException } from '../http-exception.js';
import type { JsonValue } from '../json.js';

const KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * The Idempotency-Key, as a structured-field string (`"abc"`) or bare (`abc`);
 * undefined when absent. A key that is empty, too long or not visible ASCII
 * answers 400.
 */
export function idempotencyKey(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  let key = raw.trim();
  if (key.length >= 2 && key.startsWith('"') && key.endsWith('"')) key = key.slice(1, -1);
  if (!KEY.test(key)) {
    throw new HttpException(400, 'Idempotency-Key must be 1 to 255 visible ASCII characters');
  }
  return key;
}

/**
 * Seconds the client will wait for the final answer (`Prefer: wait=N`), at most
 * `max`; undefined when it asked for none, asked `respond-async`, or wrote no
 * valid number.
 */
export function preferredWait(raw: string | undefined, max: number): number | undefined {
  if (raw === undefined) return undefined;
  let wait: number | undefined;
  for (const item of raw.split(',')) {
    const [name = '', value] = (item.split(';')[0] ?? '').split('=', 2).map((s) => s.trim());
    const token = name.toLowerCase();
    if (token === 'respond-async') return undefined;
    if (token !== 'wait' || value === undefined) continue;
    const digits = value.replace(/^"(.*)"$/, '$1');
    if (/^\d{1,9}$/.test(digits)) wait = Number(digits);
  }
  return wait === undefined || wait === 0 ? undefined : Math.min(wait, max);
}

// Object keys sorted at every level: the same input gives the same text however its keys were ordered.
function canonical(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value)
      .filter((k) => value[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k]!)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** SHA-256 (hex) of the validated input, key order ignored: what "the same request" means. */
export async function fingerprint(input: JsonValue): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonical(input)));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
