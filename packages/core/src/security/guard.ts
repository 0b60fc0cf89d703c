// Running a route's guards: find each one's credentials in the request, ask
// its `verify`, and answer 401 with the right challenge, 403, or the value the
// handler gets as `ctx.auth`. Runs before the route's schemas and the body.
import { ErrorCode, StatuskitError } from '../errors.js';
import { HttpException, isHttpException } from '../http-exception.js';
import { type Outcome, unauthenticated } from '../outcome.js';
import { headerValue } from '../request.js';
import type { SecurityInput } from './define.js';
import {
  type AnySecurity,
  type BasicCredentials,
  type GuardContext,
  isSecurity,
} from './define.js';

/** The part of a request a guard reads: the handler's context before validation. */
export interface GuardSource {
  readonly route: GuardContext['route'];
  readonly method: string;
  readonly url: string;
  readonly params: GuardContext['params'];
  readonly headers: GuardContext['headers'];
  readonly query: Readonly<Record<string, string | string[]>>;
  readonly native: GuardContext['native'];
}

/** A guard's answer: the value for `ctx.auth`, or the outcome that stands for the handler's. */
export type GuardResult =
  | { readonly ok: true; readonly auth: unknown }
  | { readonly ok: false; readonly outcome: Outcome };

/** The guards of a route's `security`, or undefined when it only documents requirements. */
export function guardsOf(security: SecurityInput | undefined): readonly AnySecurity[] | undefined {
  if (security === undefined) return undefined;
  if (isSecurity(security)) return [security];
  const list = security as readonly unknown[];
  return list.length > 0 && list.every(isSecurity) ? (list as AnySecurity[]) : undefined;
}

/** Refuses a `security` that mixes guards with plain requirements, or is neither. */
export function checkSecurity(id: string, security: unknown): void {
  if (security === undefined || isSecurity(security)) return;
  const fail = (message: string) =>
    new StatuskitError(ErrorCode.INVALID_ROUTE, `route ${id}: security ${message}`);
  if (!Array.isArray(security)) {
    throw fail('must be a guard from defineSecurity(), a list of guards, or OpenAPI requirements.');
  }
  const guards = security.filter(isSecurity).length;
  if (guards > 0 && guards < security.length) {
    throw fail(
      'mixes guards with OpenAPI requirements; a guard is checked, a requirement is only documented: list guards only (any one suffices).',
    );
  }
  if (guards === 0) {
    for (const r of security) {
      if (typeof r !== 'object' || r === null || Object.values(r).some((s) => !Array.isArray(s))) {
        throw fail('entries must be guards or requirements such as { bearerAuth: [] }.');
      }
    }
  }
}

function isBearer(guard: AnySecurity): boolean {
  const s = guard.scheme;
  if (s.type === 'oauth2' || s.type === 'openIdConnect') return true;
  return s.type === 'http' && s.scheme.toLowerCase() === 'bearer';
}

function authorization(source: GuardSource, scheme: string): string | undefined {
  const value = headerValue(source.headers, 'authorization')?.trim();
  if (value === undefined) return undefined;
  const space = value.indexOf(' ');
  if (space < 0 || value.slice(0, space).toLowerCase() !== scheme) return undefined;
  const credentials = value.slice(space + 1).trim();
  return credentials === '' ? undefined : credentials;
}

function cookie(source: GuardSource, name: string): string | undefined {
  const header = source.headers.cookie;
  const lines = header === undefined ? [] : Array.isArray(header) ? header : [header];
  for (const line of lines) {
    for (const pair of line.split(';')) {
      const eq = pair.indexOf('=');
      if (eq < 0 || pair.slice(0, eq).trim() !== name) continue;
      const raw = pair.slice(eq + 1).trim();
      const value =
        raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw;
      try {
        return decodeURIComponent(value);
      } catch {
        return value;
      }
    }
  }
  return undefined;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

// Basic's user-pass (RFC 7617 2): base64 of `user:password`, decoded as UTF-8.
// Anything else is credentials that are not valid rather than missing ones.
function basic(encoded: string): BasicCredentials | null {
  if (!BASE64.test(encoded) || encoded.length % 4 !== 0) return null;
  const text = new TextDecoder('utf-8', { fatal: false }).decode(
    Uint8Array.from(atob(encoded), (c: string) => c.charCodeAt(0)),
  );
  const colon = text.indexOf(':');
  return colon < 0 ? null : { username: text.slice(0, colon), password: text.slice(colon + 1) };
}

/** The credentials of one guard in the request: undefined when absent, null when malformed. */
function credentialsFor(guard: AnySecurity, source: GuardSource): unknown {
  const scheme = guard.scheme;
  if (scheme.type === 'apiKey') {
    const value =
      scheme.in === 'header'
        ? headerValue(source.headers, scheme.name.toLowerCase())
        : scheme.in === 'query'
          ? first(source.query[scheme.name])
          : cookie(source, scheme.name);
    return value === '' ? undefined : value;
  }
  if (isBearer(guard)) return authorization(source, 'bearer');
  const encoded = authorization(source, 'basic');
  return encoded === undefined ? undefined : basic(encoded);
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The `www-authenticate` challenge of a guard (RFC 9110 11.6.1; RFC 6750 3 for bearer). */
export function challengeOf(guard: AnySecurity, invalid = false): string {
  const params: string[] = [];
  let scheme: string;
  if (guard.scheme.type === 'apiKey') scheme = 'APIKey';
  else if (isBearer(guard)) scheme = 'Bearer';
  else scheme = 'Basic';
  const realm = guard.realm ?? (scheme === 'Basic' ? guard.name : undefined);
  if (realm !== undefined) params.push(`realm="${realm}"`);
  if (invalid && scheme === 'Bearer') params.push('error="invalid_token"');
  return params.length === 0 ? scheme : `${scheme} ${params.join(', ')}`;
}

function challenges(guards: readonly AnySecurity[], invalid?: AnySecurity): string {
  return [...new Set(guards.map((g) => challengeOf(g, g === invalid)))].join(', ');
}

function unauthorized(detail: string, challenge: string): GuardResult {
  return { ok: false, outcome: unauthenticated(detail, challenge) };
}

// A 401 the app raised itself gets the guard's challenge when it has none:
// RFC 9110 15.5.2 requires one, and the core reports a 401 without it.
function answer(
  exception: HttpException,
  guards: readonly AnySecurity[],
  guard: AnySecurity,
): GuardResult {
  if (exception.status !== 401 || exception.headers.some(([n]) => n === 'www-authenticate')) {
    return { ok: false, outcome: { kind: 'exception', exception } };
  }
  const headers = [...exception.headers, ['www-authenticate', challenges(guards, guard)] as const];
  const withChallenge = new HttpException(401, exception.detail, {
    headers,
    cause: exception.cause,
  });
  return { ok: false, outcome: { kind: 'exception', exception: withChallenge } };
}

/**
 * Runs a route's guards in order. The first whose credentials the request
 * carries decides: its value, 401 when `verify` finds them not valid, or the
 * HttpException it returned or threw. When none finds its credentials: 401
 * "Not authenticated" with every guard's challenge. Other errors reject (500).
 */
export async function authenticate(
  guards: readonly AnySecurity[],
  source: GuardSource,
): Promise<GuardResult> {
  for (const guard of guards) {
    const credential = credentialsFor(guard, source);
    if (credential === undefined) continue;
    if (credential === null) {
      return unauthorized('Invalid authentication credentials', challenges(guards, guard));
    }
    const ctx: GuardContext = {
      route: source.route,
      method: source.method,
      url: source.url,
      params: source.params,
      headers: source.headers,
      scopes: guard.scopes,
      native: source.native,
    };
    let verdict: unknown;
    try {
      verdict = await (guard.verify as (c: unknown, ctx: GuardContext) => unknown)(credential, ctx);
    } catch (error) {
      if (isHttpException(error)) return answer(error, guards, guard);
      throw error;
    }
    if (isHttpException(verdict)) return answer(verdict, guards, guard);
    if (verdict === undefined || verdict === null || verdict === false) {
      return unauthorized('Invalid authentication credentials', challenges(guards, guard));
    }
    return { ok: true, auth: verdict };
  }
  return unauthorized('Not authenticated', challenges(guards));
}
