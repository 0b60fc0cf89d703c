// Start-up checks for mistakes a route declaration can hide until the first
// request: a misspelt method, an Express-style path, a params schema that
// disagrees with the path, a status range written in lower case. Each is
// refused with an error that names the route and says what to write instead.
import { assertFinalStatus, describeValue, ErrorCode, StatuskitError } from './errors.js';
import { STANDARD_METHODS } from './policy.js';
import type { PathSegment, ResponsesSpec } from './route.js';
import type { Schema } from './schema.js';
import { statusAllowsBody } from './status.js';

/**
 * The methods a route may declare: every method Node's HTTP parser accepts,
 * except CONNECT (its target is a host, never a path). A method outside this
 * list can never reach a route served on Node.
 */
export const HTTP_METHODS: readonly string[] = [
  ...STANDARD_METHODS,
  'TRACE',
  'QUERY',
  'ACL',
  'BIND',
  'CHECKOUT',
  'COPY',
  'LINK',
  'LOCK',
  'M-SEARCH',
  'MERGE',
  'MKACTIVITY',
  'MKCALENDAR',
  'MKCOL',
  'MOVE',
  'NOTIFY',
  'PROPFIND',
  'PROPPATCH',
  'PURGE',
  'REBIND',
  'REPORT',
  'SEARCH',
  'SOURCE',
  'SUBSCRIBE',
  'UNBIND',
  'UNLINK',
  'UNLOCK',
  'UNSUBSCRIBE',
];
const KNOWN = new Set(HTTP_METHODS);
const COMMON = HTTP_METHODS.slice(0, 9);

function invalid(id: string, message: string): StatuskitError {
  return new StatuskitError(ErrorCode.INVALID_ROUTE, `route ${id}: ${message}`);
}

// Edit distance with adjacent transpositions (GTE -> GET is one edit), for "did you mean".
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      }
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** The accepted method closest to `method`, when one is close enough to be a typo. */
export function closestMethod(method: string): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of HTTP_METHODS) {
    const d = distance(method, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(1, Math.floor(method.length / 3)) ? best : undefined;
}

/** Throws STATUSKIT_INVALID_ROUTE unless `method` (upper-cased) is one Node can deliver. */
export function assertKnownMethod(method: string, id: string): void {
  if (KNOWN.has(method)) return;
  const near = closestMethod(method);
  const hint = near === undefined ? '' : ` Did you mean '${near}'?`;
  throw invalid(
    id,
    `method '${method}' is not an HTTP method Node accepts, so no request could reach this route.${hint} Use ${COMMON.join(', ')} or another method Node's parser knows (http.METHODS, except CONNECT).`,
  );
}

// `:id` and `:id?`: Express's (and Koa router's, Fastify's) parameter syntax.
const EXPRESS_PARAM = /^:([A-Za-z_][A-Za-z0-9_]*)\??$/;

/** Throws STATUSKIT_INVALID_ROUTE when `path` uses Express-style `:name` parameters. */
export function assertNoExpressParams(path: string, id: string): void {
  const segments = path.split('/');
  if (!segments.some((s) => EXPRESS_PARAM.test(s))) return;
  const fixed = segments.map((s) => s.replace(EXPRESS_PARAM, '{$1}')).join('/');
  const first = segments.find((s) => EXPRESS_PARAM.test(s))!;
  throw invalid(
    id,
    `segment ${describeValue(first)} is an Express-style parameter; statuskit writes parameters in braces: path '${fixed}'.`,
  );
}

/** The `'4xx'`-style range keys, which OpenAPI (and statuskit) write in upper case. */
const LOWER_RANGE = /^[1-5]xx$/i;

/**
 * Throws STATUSKIT_INVALID_STATUS for a status range where a status or a
 * responses key is expected in another spelling: `'4xx'` (write `'4XX'`), or
 * a range given as a route's single `status`.
 */
export function assertRangeSpelling(value: unknown, where: string, asKey: boolean): void {
  if (typeof value !== 'string' || !LOWER_RANGE.test(value)) return;
  const upper = value.toUpperCase();
  const message = asKey
    ? `${where}: status range ${describeValue(value)} is written in upper case; use '${upper}' (OpenAPI's spelling).`
    : `${where}: status ${describeValue(value)} is a range, and a route's status is one code; declare the range as a responses key ('${upper}') and set status to a code such as 200.`;
  throw new StatuskitError(ErrorCode.INVALID_STATUS, message);
}

interface JsonSchemaHost {
  readonly '~standard'?: {
    readonly jsonSchema?: { input?(options: { target: string }): unknown };
  };
}

type JsonObject = Record<string, unknown>;
const isObject = (v: unknown): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

// The object schema a params schema describes itself as, following one root $ref into $defs.
function objectSchema(schema: Schema): JsonObject | undefined {
  const host = (schema as JsonSchemaHost)['~standard']?.jsonSchema;
  if (typeof host?.input !== 'function') return undefined;
  let json: unknown;
  try {
    json = host.input({ target: 'draft-2020-12' });
  } catch {
    return undefined; // a schema that cannot express itself: nothing to check
  }
  if (!isObject(json)) return undefined;
  const ref = json.$ref;
  if (typeof ref === 'string' && ref.startsWith('#/$defs/') && isObject(json.$defs)) {
    const target = json.$defs[ref.slice('#/$defs/'.length)];
    return isObject(target) ? target : undefined;
  }
  return json;
}

/**
 * Throws STATUSKIT_INVALID_ROUTE when a params schema and the path disagree: a
 * key the path has no parameter for (every request would answer 422), or a
 * path parameter the schema has no key for while it drops unknown keys (the
 * handler would never see it). The keys are read from the schema's Standard
 * JSON Schema (zod 4, arktype); without one nothing can be known, nothing is checked.
 */
export function assertParamsMatchPath(
  params: Schema | undefined,
  segments: readonly PathSegment[],
  id: string,
): void {
  if (params === undefined) return;
  const json = objectSchema(params);
  if (json === undefined || !isObject(json.properties)) return;
  const inPath = segments.flatMap((s) => (s.param ? [s.name] : []));
  const keys = Object.keys(json.properties);
  const listed = inPath.length === 0 ? 'none' : inPath.map((n) => `{${n}}`).join(', ');
  for (const key of keys) {
    if (!inPath.includes(key)) {
      throw invalid(
        id,
        `the params schema has a key ${describeValue(key)} that is not a parameter of the path (its parameters: ${listed}); rename the key, or add {${key}} to the path.`,
      );
    }
  }
  // A schema that keeps unknown keys (additionalProperties: a schema or true) passes them on.
  const extra = json.additionalProperties;
  if (extra !== undefined && extra !== false) return;
  for (const name of inPath) {
    if (!keys.includes(name)) {
      throw invalid(
        id,
        `path parameter {${name}} has no key in the params schema, so the handler would never see it; add a "${name}" key to the schema.`,
      );
    }
  }
}

const RESPONSE_KEY = /^([1-5]XX|default)$/;

/** Refuses a responses key that is no status, range or `default`, and a model on a bodiless status. */
export function checkResponses(id: string, responses: ResponsesSpec | undefined): void {
  if (responses === undefined) return;
  for (const key of Object.keys(responses)) {
    const doc = responses[key];
    if (RESPONSE_KEY.test(key)) continue;
    assertRangeSpelling(key, `route ${id}, responses key ${describeValue(key)}`, true);
    const code = Number(key);
    assertFinalStatus(code, `route ${id}, responses key ${describeValue(key)}`);
    if (typeof doc === 'object' && doc.model !== undefined && !statusAllowsBody(code)) {
      throw new StatuskitError(
        ErrorCode.BODY_NOT_ALLOWED,
        `route ${id}: responses[${code}] declares a model, but a ${code} response has no body; remove the model.`,
      );
    }
  }
}
