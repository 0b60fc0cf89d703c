import type { RouteContract } from '../contract/contract.js';
import type { ErrorFormat } from '../error-format.js';
import type { AnyRoute, ResponseDoc } from '../route.js';
import { reasonPhrase, statusAllowsBody } from '../status.js';
import { BUILTIN } from './builtins.js';
import { declaredHeaders, type HeaderObject, knownHeader, statusHeaders } from './headers.js';
import type { Models } from './models.js';
import type { SecurityStatus } from './security.js';
import type { JsonSchema } from './types.js';

/** Response content by media type, as OpenAPI writes it. */
export type Content = Record<string, { schema: JsonSchema }>;

/** A response as OpenAPI writes it. */
export interface ResponseObject {
  description: string;
  headers?: Record<string, HeaderObject>;
  content?: Content;
  links?: Record<string, unknown>;
}

/** What documenting one route's responses needs besides the route. */
export interface ResponsesContext {
  readonly models: Models;
  readonly errorFormat: ErrorFormat;
  /**
   * The route's status contract (contract/contract.ts): its success statuses
   * under its policy, and the core's statuses (422 on validation, 503 with
   * `retry-after` on a handler timeout).
   */
  readonly contract: RouteContract;
  readonly security: readonly SecurityStatus[];
  /** The operation's name in PascalCase: prefix of generated component names. */
  readonly hint: string;
}

const RANGE_NAMES: Readonly<Record<string, string>> = {
  '1XX': 'Information',
  '2XX': 'Success',
  '3XX': 'Redirection',
  '4XX': 'Client Error',
  '5XX': 'Server Error',
};

/**
 * The one success status documented for a route, of the contract's two (equal
 * when declared): the status of a returned value, except that a route without
 * a response model whose policy answers a returned nothing with a bodiless
 * status (rest: DELETE, PUT, PATCH give 204) documents that one.
 */
export function successStatus(route: AnyRoute, contract: RouteContract): number {
  const { value, empty } = contract.success;
  return route.spec.response !== undefined || statusAllowsBody(empty) ? value : empty;
}

function coreAnswers(contract: RouteContract, status: number, reason: string): boolean {
  return contract.statuses.some(
    (s) => s.source === 'core' && s.status === status && s.reason === reason,
  );
}

function content(schema: JsonSchema, type = 'application/json'): Content {
  return { [type]: { schema } };
}

function ref(ctx: ResponsesContext, name: string): JsonSchema {
  return { $ref: ctx.models.components.namedRef(name, 'output') };
}

/** The body the core renders for an HttpException (or a 422) in the app's error format. */
function errorContent(ctx: ResponsesContext, validation = false): Content {
  if (ctx.errorFormat === 'problem') {
    return content(ref(ctx, BUILTIN.problemDetails), 'application/problem+json');
  }
  return content(ref(ctx, validation ? BUILTIN.httpValidationError : BUILTIN.httpError));
}

// A model on an error status: in problem mode an HttpException's object detail becomes
// members of the problem (error-format.ts), so the body is ProblemDetails and the model;
// the model's input side, as the detail is never parsed by it. A given contentType means
// the handler sends the body itself: the model as it is.
function modelContent(
  ctx: ResponsesContext,
  doc: ResponseDoc & { model: NonNullable<ResponseDoc['model']> },
  name: string,
  where: string,
): Content {
  const hint = `${ctx.hint}Response${name === 'default' ? 'Default' : name}`;
  if (/^[45]/.test(name) && ctx.errorFormat === 'problem' && doc.contentType === undefined) {
    const model = ctx.models.schema(doc.model, 'input', hint, where);
    return content(
      { allOf: [ref(ctx, BUILTIN.problemDetails), model] },
      'application/problem+json',
    );
  }
  return content(ctx.models.schema(doc.model, 'output', hint, where), doc.contentType);
}

/**
 * Every status a route can answer: its success status, its `responses`, 422
 * when it validates input, 401/403 when it requires security, 503 when its
 * handler has a timeout; each with the headers the core sends with it.
 */
export function buildResponses(
  route: AnyRoute,
  ctx: ResponsesContext,
): Record<string, ResponseObject> {
  const spec = route.spec;
  const responses: Record<string, ResponseObject> = {};
  const status = successStatus(route, ctx.contract);
  const success: ResponseObject = { description: 'Successful Response' };
  if (statusAllowsBody(status)) {
    const where = `${route.id} response`;
    success.content = content(
      ctx.models.schema(spec.response, 'output', `${ctx.hint}Response`, where),
    );
  }
  responses[String(status)] = success;
  for (const [key, raw] of Object.entries(spec.responses ?? {})) {
    const doc: ResponseDoc = typeof raw === 'string' ? { description: raw } : raw;
    const name = key === 'default' ? 'default' : key.toUpperCase();
    const where = `${route.id} responses[${key}]`;
    const entry: ResponseObject = { ...responses[name], description: '' };
    entry.description =
      doc.description ??
      responses[name]?.description ??
      RANGE_NAMES[name] ??
      reasonPhrase(Number(key)) ??
      'Additional Response';
    if (doc.model !== undefined)
      entry.content = modelContent(ctx, { ...doc, model: doc.model }, name, where);
    else if (entry.content === undefined && /^[45]/.test(name)) entry.content = errorContent(ctx);
    if (doc.headers !== undefined) {
      entry.headers = declaredHeaders(doc.headers, ctx.models, `${ctx.hint}Response${name}`, where);
    }
    if (doc.links !== undefined) entry.links = { ...doc.links };
    responses[name] = entry;
  }
  const validates = coreAnswers(ctx.contract, 422, 'validation');
  if (validates && !('422' in responses || '4XX' in responses || 'default' in responses)) {
    responses['422'] = { description: 'Validation Error', content: errorContent(ctx, true) };
  }
  for (const s of ctx.security) {
    responses[s.status] ??= { description: s.description, content: errorContent(ctx) };
  }
  if (coreAnswers(ctx.contract, 503, 'timeout')) {
    responses['503'] ??= {
      description: 'Service Unavailable: the handler did not finish within its timeout',
      content: errorContent(ctx),
    };
  }
  for (const [name, entry] of Object.entries(responses)) addHeaders(name, entry, ctx);
  return responses;
}

// The headers the core sends with a status, under those the route declared (a declared
// header keeps its own description and schema).
function addHeaders(name: string, entry: ResponseObject, ctx: ResponsesContext): void {
  const auto = statusHeaders(name);
  if (name === '503' && coreAnswers(ctx.contract, 503, 'timeout')) {
    auto['retry-after'] = knownHeader('retry-after');
  }
  const challenges = ctx.security.find((s) => s.status === '401')?.challenges ?? [];
  if (name === '401' && challenges.length > 0) {
    auto['www-authenticate'] = knownHeader('www-authenticate', { example: challenges.join(', ') });
  }
  if (Object.keys(auto).length === 0) return;
  const headers: Record<string, HeaderObject> = { ...auto };
  for (const [header, declared] of Object.entries(entry.headers ?? {})) {
    headers[header] = { ...auto[header], ...declared };
  }
  entry.headers = headers;
}
