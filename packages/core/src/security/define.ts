// What a route can require of a request: a security scheme (OpenAPI's words)
// and the app's own check of the credentials it carries. The guard runs before
// anything else about the request is read or validated (guard.ts).
import { describeValue, ErrorCode, StatuskitError } from '../errors.js';
import { HttpException } from '../http-exception.js';
import type { JsonValue } from '../json.js';
import type { SecurityScheme } from '../openapi/types.js';
import type { NativeObjects, RouteInfo, SecurityRequirement } from '../route.js';

const BRAND: unique symbol = Symbol.for('statuskit.security') as never;

/** The schemes a guard can check: where the credentials are, as OpenAPI describes it. */
export type GuardScheme =
  | { type: 'http'; scheme: 'bearer'; bearerFormat?: string; description?: string }
  | { type: 'http'; scheme: 'basic'; description?: string }
  | Extract<SecurityScheme, { type: 'apiKey' | 'oauth2' | 'openIdConnect' }>;

/** A user name and password from `authorization: Basic ...` (RFC 7617). */
export interface BasicCredentials {
  readonly username: string;
  readonly password: string;
}

/** What `verify` is given: a token or key as a string, or Basic's user name and password. */
export type CredentialOf<S extends GuardScheme> = S extends { type: 'http'; scheme: 'basic' }
  ? BasicCredentials
  : string;

/** What a guard's `verify` sees of the request besides the credentials (nothing validated yet). */
export interface GuardContext {
  readonly route: RouteInfo;
  readonly method: string;
  /** The raw request target: path and query. */
  readonly url: string;
  /** Path parameters as matched, before the route's schema ran. */
  readonly params: Readonly<Record<string, string>>;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The scopes this route requires of the scheme (`guard.withScopes('admin')`); often none. */
  readonly scopes: readonly string[];
  readonly native: NativeObjects;
}

/** What `verify` may answer: the authenticated value, no one (401), or an HttpException (403). */
export type Verdict<A> = A | undefined | null | false | HttpException;

/** Arguments of {@link defineSecurity}. */
export interface SecurityDefinition<S extends GuardScheme, A> {
  /** The scheme's name in `components.securitySchemes` and in each operation's `security`. */
  name: string;
  /** Where the credentials are (bearer, basic, API key in header/query/cookie, OAuth 2 tokens). */
  scheme: S;
  /** The `realm` of the 401 challenge (Basic requires one: default the `name`). */
  realm?: string;
  /**
   * Checks the credentials. Return what the handler gets as `ctx.auth` (a user, a key's
   * owner); `undefined`, `null` or `false` for credentials that are not valid (401); or
   * return or throw an HttpException, e.g. {@link forbidden}() (403). Anything else thrown
   * is the core's 500.
   */
  verify: (credential: CredentialOf<S>, ctx: GuardContext) => Verdict<A> | PromiseLike<Verdict<A>>;
}

/** A guard: a security scheme and the check of its credentials. Make one with {@link defineSecurity}. */
export interface Security<A = unknown> {
  readonly name: string;
  readonly scheme: GuardScheme;
  /** The scopes a route that uses this guard requires; empty unless {@link Security.withScopes}. */
  readonly scopes: readonly string[];
  readonly realm: string | undefined;
  readonly verify: (credential: never, ctx: GuardContext) => unknown;
  /** The same guard requiring these scopes too (documented; `verify` sees them in `ctx.scopes`). */
  withScopes(...scopes: string[]): Security<A>;
  /** Phantom: the type of what `verify` returns on success. */
  readonly __auth?: A;
}

/** A guard whatever its value type: what lists of guards hold. */
// biome-ignore lint/suspicious/noExplicitAny: any guard, whatever its value type, fits here.
export type AnySecurity = Security<any>;

/**
 * What a route's `security` takes: a guard, guards any one of which suffices
 * (tried in order), or OpenAPI requirements that are only documented (the app
 * checks them itself; `[]`: public).
 */
export type SecurityInput = AnySecurity | readonly AnySecurity[] | readonly SecurityRequirement[];

/** The type of `ctx.auth` for a route's `security`: what its guard (one of its guards) returned. */
export type AuthOf<S> = [S] extends [undefined]
  ? undefined
  : S extends Security<infer A>
    ? A
    : S extends readonly (infer E)[]
      ? [E] extends [never]
        ? undefined
        : E extends Security<infer A>
          ? A
          : undefined
      : undefined;

const NAME = /^[A-Za-z0-9._-]+$/;
// A quoted-string of RFC 9110 5.6.4 without escapes: printable ASCII but `"` and `\`.
const REALM = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

function refuse(name: unknown, message: string): StatuskitError {
  return new StatuskitError(
    ErrorCode.INVALID_OPTION,
    `defineSecurity(${describeValue(name)}): ${message}`,
  );
}

function checkScheme(name: string, scheme: GuardScheme): void {
  const type = (scheme as { type?: unknown } | undefined)?.type;
  if (type === 'http') {
    const s = String((scheme as { scheme?: unknown }).scheme).toLowerCase();
    if (s !== 'bearer' && s !== 'basic') {
      throw refuse(
        name,
        `http scheme ${describeValue((scheme as { scheme?: unknown }).scheme)} cannot be checked; use 'bearer' or 'basic', or an apiKey scheme.`,
      );
    }
    return;
  }
  if (type === 'apiKey') {
    const where = (scheme as { in?: unknown }).in;
    const key = (scheme as { name?: unknown }).name;
    if (where !== 'header' && where !== 'query' && where !== 'cookie') {
      throw refuse(
        name,
        `apiKey "in" is ${describeValue(where)}; use 'header', 'query' or 'cookie'.`,
      );
    }
    if (typeof key !== 'string' || (where === 'header' ? !TOKEN.test(key) : key === '')) {
      throw refuse(name, `apiKey name ${describeValue(key)} is not a valid ${where} name.`);
    }
    return;
  }
  if (type === 'oauth2' || type === 'openIdConnect') return;
  throw refuse(
    name,
    `scheme type ${describeValue(type)} cannot be checked; use 'http' (bearer or basic), 'apiKey', 'oauth2' or 'openIdConnect'.`,
  );
}

function makeSecurity<A>(
  name: string,
  scheme: GuardScheme,
  realm: string | undefined,
  verify: Security<A>['verify'],
  scopes: readonly string[],
): Security<A> {
  const security: Security<A> = {
    name,
    scheme,
    realm,
    verify,
    scopes: Object.freeze([...scopes]),
    withScopes: (...more: string[]) => {
      for (const scope of more) {
        if (typeof scope !== 'string' || scope === '') {
          throw refuse(
            name,
            `withScopes(): scope ${describeValue(scope)} must be a non-empty string.`,
          );
        }
      }
      return makeSecurity<A>(name, scheme, realm, verify, [...new Set([...scopes, ...more])]);
    },
  };
  Object.defineProperty(security, BRAND, { value: true });
  return Object.freeze(security);
}

/**
 * Declares a guard: where the credentials are and how to check them. A route
 * that names it in `security` answers 401 (with `www-authenticate`) when they
 * are missing or not valid, or 403 when `verify` says forbidden, before its
 * body is read or anything is validated; its handler gets what `verify`
 * returned as `ctx.auth`, typed. OpenAPI documents the scheme and the route's
 * requirement, so a docs page's Authorize button works.
 *
 * @example
 * const bearer = defineSecurity({
 *   name: 'bearerAuth',
 *   scheme: { type: 'http', scheme: 'bearer' },
 *   verify: async (token) => users.byToken(token), // undefined: 401
 * });
 * defineRoute({ method: 'GET', path: '/me', security: bearer }, ({ auth }) => auth);
 */
export function defineSecurity<const S extends GuardScheme, A>(
  definition: SecurityDefinition<S, A>,
): Security<Exclude<A, undefined | null | false | HttpException>> {
  const name = definition?.name;
  if (typeof name !== 'string' || !NAME.test(name)) {
    throw refuse(
      name,
      'name must be letters, digits, ".", "-" or "_" (an OpenAPI component name).',
    );
  }
  checkScheme(name, definition.scheme);
  if (typeof definition.verify !== 'function') throw refuse(name, 'verify must be a function.');
  const realm = definition.realm;
  if (realm !== undefined && (typeof realm !== 'string' || !REALM.test(realm))) {
    throw refuse(
      name,
      `realm ${describeValue(realm)} must be printable ASCII without '"' or '\\'.`,
    );
  }
  return makeSecurity(
    name,
    { ...definition.scheme },
    realm,
    definition.verify as Security['verify'],
    [],
  );
}

/** True for a guard made by {@link defineSecurity} (also from another copy of the core). */
export function isSecurity(value: unknown): value is AnySecurity {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<symbol, unknown>)[BRAND] === true
  );
}

/**
 * The 403 a guard answers when the credentials are valid but not enough:
 * `return forbidden()` (or throw it) from `verify`, or from a handler.
 */
export function forbidden(detail: JsonValue = 'Not enough permissions'): HttpException {
  return new HttpException(403, detail);
}
