// What happens to a request before its handler runs: is its body read, how,
// and do params, query, headers and body pass the route's schemas. Every
// refusal is an outcome from outcome.ts (400, 408, 413, 415, 422).
import {
  BodyReadError,
  isJsonContentType,
  nestsDeeperThan,
  parseJson,
  readBody,
  tooDeepIssue,
} from '../body.js';
import type { CompiledRoute } from '../compile.js';
import { utf8 } from '../json.js';
import type { ExchangeConfig } from '../options.js';
import { invalidRequest, type Outcome, rejected } from '../outcome.js';
import { carriesBody, hasContentCoding, headerValue, type NeutralRequest } from '../request.js';
import { type Schema, type SchemaResult, type ValidationIssue, validate } from '../schema.js';
import type { HandlerScope } from './scope.js';

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** What reading the body gave: a value, a validation issue, or the core's answer. */
export type BodyRead =
  | { readonly kind: 'value'; readonly value: unknown }
  | { readonly kind: 'issue'; readonly issue: ValidationIssue }
  | { readonly kind: 'outcome'; readonly outcome: Outcome };

/** What the handler sees once validation passed (schemas may have transformed the values). */
export interface Validated {
  readonly params: Readonly<Record<string, string>>;
  /** undefined when the route has no query schema: the query is then parsed on first use. */
  readonly query: Readonly<Record<string, string | string[]>> | undefined;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: unknown;
}

function requestCarriesBody(request: NeutralRequest): boolean {
  const kind = request.body.kind;
  return kind !== 'none' && kind !== 'stream' ? true : carriesBody(request.headers);
}

// A JSON parser (body-parser, co-body) decodes invalid UTF-8 as U+FFFD, so its
// text no longer has the declared length: such text stands for invalid UTF-8,
// and the core answers any invalid UTF-8 alike (json_invalid at offset 0).
const INVALID_UTF8 = Uint8Array.of(0xff);

/** The bytes behind a text a body parser decoded, as far as the core's answer can tell. */
export function parserTextBytes(
  text: string,
  encoded: Uint8Array,
  request: NeutralRequest,
): Uint8Array {
  const declared = headerValue(request.headers, 'content-length');
  const altered =
    declared !== undefined &&
    !hasContentCoding(request.headers) &&
    encoded.byteLength !== Number(declared) &&
    text.includes('\uFFFD');
  return altered && isJsonContentType(headerValue(request.headers, 'content-type'))
    ? INVALID_UTF8
    : encoded;
}

/** True when the exchange reads the request body: the route declares one, or a body method carries one. */
export function readsBody(plan: CompiledRoute, request: NeutralRequest): boolean {
  return (
    plan.route.spec.request?.body !== undefined ||
    (BODY_METHODS.has(request.method) && requestCarriesBody(request))
  );
}

/**
 * Reads the request body as the route needs it (`required`: it declares a body
 * schema). The core decodes no content coding (RFC 9110 8.4): a coded body is a
 * 415, never a JSON parse of compressed bytes. Limits hold whoever read the body.
 */
export async function readRequestBody(
  request: NeutralRequest,
  config: ExchangeConfig,
  required: boolean,
): Promise<BodyRead> {
  const source = request.body;
  if (source.kind === 'parsed') {
    // The framework's parser has no depth limit: apply the core's, as for bytes.
    return nestsDeeperThan(source.value, config.maxJsonDepth)
      ? { kind: 'issue', issue: tooDeepIssue(config.maxJsonDepth) }
      : { kind: 'value', value: source.value };
  }
  if (hasContentCoding(request.headers)) {
    if (
      (source.kind === 'bytes' && source.bytes.byteLength > 0) ||
      (source.kind === 'text' && source.text.length > 0) ||
      carriesBody(request.headers)
    ) {
      return { kind: 'outcome', outcome: rejected(415) };
    }
  }
  // A body parser refused it as too large: what reading it would have answered.
  if (source.kind === 'refused') return { kind: 'outcome', outcome: rejected(413) };
  let bytes: Uint8Array | undefined;
  if (source.kind === 'bytes' || source.kind === 'text') {
    const given = source.kind === 'bytes' ? source.bytes : utf8(source.text);
    // The same limit whoever read the body: an adapter may hand over bytes it buffered itself.
    if (given.byteLength > config.bodyLimit) {
      return { kind: 'outcome', outcome: rejected(413) };
    }
    bytes = source.kind === 'bytes' ? given : parserTextBytes(source.text, given, request);
  } else if (source.kind === 'stream' && carriesBody(request.headers)) {
    const declared = Number(headerValue(request.headers, 'content-length'));
    if (declared > config.bodyLimit) return { kind: 'outcome', outcome: rejected(413) };
    try {
      bytes = await readBody(source.stream, config.bodyLimit, config.bodyTimeout);
    } catch (error) {
      const reason = error instanceof BodyReadError ? error.reason : 'aborted';
      return {
        kind: 'outcome',
        outcome: rejected(reason === 'too-large' ? 413 : reason === 'timeout' ? 408 : 400),
      };
    }
  }
  if (bytes === undefined || bytes.byteLength === 0) {
    return required
      ? {
          kind: 'issue',
          issue: { type: 'missing', loc: ['body'], msg: 'Field required', input: null },
        }
      : { kind: 'value', value: undefined };
  }
  if (!isJsonContentType(headerValue(request.headers, 'content-type'))) {
    return required ? { kind: 'outcome', outcome: rejected(415) } : { kind: 'value', value: bytes };
  }
  const parsed = parseJson(bytes, config.maxJsonDepth);
  return parsed.ok
    ? { kind: 'value', value: parsed.value }
    : { kind: 'issue', issue: parsed.issue };
}

/**
 * Validates params, query and headers against the route's schemas and reads
 * the body when the route needs it. Every issue is collected, as FastAPI
 * reports them all at once; any issue is a 422 (or the malformed-JSON status).
 */
export async function validateRequest(
  plan: CompiledRoute,
  scope: HandlerScope,
  request: NeutralRequest,
  config: ExchangeConfig,
): Promise<
  | { readonly ok: true; readonly value: Validated }
  | { readonly ok: false; readonly outcome: Outcome }
> {
  const spec = plan.route.spec.request;
  let issues: ValidationIssue[] | undefined;
  const check = async (
    schema: Schema | undefined,
    value: unknown,
    where: string,
  ): Promise<unknown> => {
    if (schema === undefined) return value;
    let r: SchemaResult | Promise<SchemaResult> = validate(schema, value, where);
    if (r instanceof Promise) r = await r;
    if (r.ok) return r.value;
    (issues ??= []).push(...r.issues);
    return value;
  };
  const params = (await check(spec?.params, scope.params, 'path')) as Record<string, string>;
  const query =
    spec?.query === undefined
      ? undefined
      : ((await check(spec.query, scope.query, 'query')) as Record<string, string>);
  const headers = (await check(spec?.headers, scope.headers, 'header')) as Record<string, string>;
  let body: unknown;
  if (readsBody(plan, request)) {
    const bodySchema = spec?.body;
    const read = await readRequestBody(request, config, bodySchema !== undefined);
    if (read.kind === 'outcome') return { ok: false, outcome: read.outcome };
    if (read.kind === 'issue') (issues ??= []).push(read.issue);
    else body = await check(bodySchema, read.value, 'body');
  }
  if (issues !== undefined) {
    return { ok: false, outcome: invalidRequest(issues, config.malformedJsonStatus) };
  }
  return { ok: true, value: { params, query, headers, body } };
}
