// Values a case keeps from one answer for the steps after it (`capture` and
// `{{name}}`, case.ts): opaque ids the server chose, such as an operation's.
import type { CaptureSource } from './case.js';
import type { ClientResponse } from './client.js';
import type { Fingerprint } from './compare.js';
import { headerValues } from './compare.js';

const PLACEHOLDER = /\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}/g;

/** The value at a JSON Pointer (RFC 6901), or undefined. */
function pointer(value: unknown, path: string): unknown {
  if (path === '') return value;
  let node = value;
  for (const raw of path.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** Captured values by name, for the rest of one case. */
export class Captures {
  private readonly values = new Map<string, string>();

  /** True when nothing was captured yet (substitution is then the identity). */
  get empty(): boolean {
    return this.values.size === 0;
  }

  /** Keeps the values `sources` name from `response`; returns what could not be found. */
  take(sources: Readonly<Record<string, CaptureSource>>, response: ClientResponse): string[] {
    const out: string[] = [];
    let body: unknown;
    let parsed = false;
    for (const [name, source] of Object.entries(sources)) {
      let value: unknown;
      if ('header' in source) value = headerValues(response, source.header)[0];
      else {
        if (!parsed) {
          parsed = true;
          try {
            body = JSON.parse(new TextDecoder().decode(response.body));
          } catch {
            body = undefined;
          }
        }
        value = pointer(body, source.json);
      }
      if (typeof value === 'string' || typeof value === 'number')
        this.values.set(name, String(value));
      else out.push(`capture ${name}: nothing at ${JSON.stringify(source)}`);
    }
    return out;
  }

  /** `value` with `{{name}}` replaced by captured values in every string, at any depth. */
  fill<T>(value: T): T {
    if (this.empty) return value;
    const visit = (node: unknown): unknown => {
      if (typeof node === 'string') {
        return node.replace(PLACEHOLDER, (whole, name: string) => this.values.get(name) ?? whole);
      }
      if (Array.isArray(node)) return node.map(visit);
      if (typeof node === 'object' && node !== null) {
        return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, visit(v)]));
      }
      return node;
    };
    return visit(value) as T;
  }

  /** `text` with every captured value put back as `{{name}}`: what the differential compares. */
  mask(text: string): string {
    let out = text;
    for (const [name, value] of this.values)
      if (value !== '') out = out.split(value).join(`{{${name}}}`);
    return out;
  }

  /** A fingerprint with captured values masked in its headers and body. */
  maskFingerprint(f: Fingerprint): Fingerprint {
    if (this.empty) return f;
    const headers: Record<string, string | null> = {};
    for (const [name, value] of Object.entries(f.headers)) {
      headers[name] = value === null ? null : this.mask(value);
    }
    return { status: f.status, headers, body: this.mask(f.body) };
  }
}
