import type { StandardSchemaV1 } from '@standard-schema/spec';
import type {
  Declaration,
  DeclaredStatus,
  DetailAt,
  ErrorStatus,
  PathParams,
} from './contract/types.js';
import { assertFinalStatus, describeValue, ErrorCode, StatuskitError } from './errors.js';
import type { HttpException, HttpExceptionOptions } from './http-exception.js';
import { parsePath } from './path-template.js';
import type { PolicyInput } from './policy.js';
import type { ExplicitResponse, FetchResponseLike } from './response.js';
import {
  assertKnownMethod,
  assertNoExpressParams,
  assertParamsMatchPath,
  assertRangeSpelling,
  checkResponses,
} from './route-checks.js';
import type { Schema } from './schema.js';
import type { AuthOf, SecurityInput } from './security/define.js';
import { checkSecurity } from './security/guard.js';
import { statusAllowsBody } from './status.js';

/** A response header a route documents: `headers: { location: { description } }`. */
export interface ResponseHeaderDoc {
  description?: string;
  /** A Standard Schema or a JSON Schema object; default: the well-known header's, else a string. */
  schema?: Schema | Readonly<Record<string, unknown>>;
  required?: boolean;
}

/** An OpenAPI link from a response to an operation it leads to: `{ operationId, parameters }`. */
export interface ResponseLinkDoc {
  operationId?: string;
  operationRef?: string;
  /** Parameter name to a runtime expression or value: `{ id: '$response.body#/id' }`. */
  parameters?: Readonly<Record<string, string>>;
  description?: string;
}

/** A documented response of a route: `responses: { 404: { description, model } }`. */
export interface ResponseDoc {
  description?: string;
  model?: Schema;
  contentType?: string;
  /** Headers this response carries, for OpenAPI: `{ location: 'Where the new item is' }`. */
  headers?: Readonly<Record<string, ResponseHeaderDoc | string>>;
  /** OpenAPI links: operations this response leads to, by name. */
  links?: Readonly<Record<string, ResponseLinkDoc>>;
}

/** One way to satisfy a route's security, as OpenAPI writes it: scheme name to scopes. */
export type SecurityRequirement = Readonly<Record<string, readonly string[]>>;

/** Documented responses keyed by status code, `1XX`..`5XX` or `default`. */
export type ResponsesSpec = Readonly<Record<number | string, ResponseDoc | string>>;

/** Schemas for the parts of a request; each one validated before the handler runs. */
export interface RequestSpec {
  body?: Schema;
  query?: Schema;
  params?: Schema;
  headers?: Schema;
}

/**
 * Everything a route declares besides its handler. `defineRoute` keeps the
 * literal types of the method, path, status and responses (`M`, `P`, `S`, `R`):
 * the handler's types and the typed client read them.
 */
export interface RouteSpec<
  Req extends RequestSpec = RequestSpec,
  Res extends Schema | undefined = Schema | undefined,
  M extends string = string,
  P extends string = string,
  S extends number | undefined = number | undefined,
  R extends ResponsesSpec | undefined = ResponsesSpec | undefined,
> {
  /** HTTP method, e.g. 'GET'; HEAD is served by every GET route automatically. */
  method: M;
  /** Path template with FastAPI-style parameters: `/items/{id}`. */
  path: P;
  /** The success status when the handler returns a value (beats the policy). */
  status?: S;
  /**
   * Other statuses the route may answer, each with its body's model: OpenAPI,
   * the status contract and the client read them. Declaring `status` or
   * `responses` (even `{}`) closes the route's contract.
   */
  responses?: R;
  request?: Req;
  /** Response model: validates and serialises what the handler returns. */
  response?: Res;
  summary?: string;
  description?: string;
  tags?: readonly string[];
  operationId?: string;
  deprecated?: boolean;
  /**
   * What the route requires: a guard from `defineSecurity()` or a list of them (any one
   * suffices), checked before anything else and documented; or OpenAPI requirements, only
   * documented (`[]` opts out of the global one).
   */
  security?: SecurityInput;
  /** Method-default policy for this route only. */
  policy?: PolicyInput;
  /** Run background tasks even when the handler raised (FastAPI skips them). */
  backgroundOnError?: boolean;
  /**
   * Milliseconds the handler may take; past it the client gets 503 with
   * `retry-after` and the late result is dropped with a diagnostic.
   */
  timeout?: number;
}

type Output<S, Fallback> = [S] extends [undefined]
  ? Fallback
  : S extends StandardSchemaV1
    ? StandardSchemaV1.InferOutput<S>
    : Fallback;
type Part<Req, K extends keyof RequestSpec> = K extends keyof Req ? Req[K] : undefined;

/** Tasks queued during the handler, run in order after the response has been sent. */
export interface BackgroundTasks {
  add(task: () => unknown): void;
}

/** The framework objects behind the request, an escape hatch for what statuskit does not cover. */
export interface NativeObjects {
  readonly framework: string;
  readonly req: unknown;
  readonly res: unknown;
}

/**
 * What a handler sees of the request, whatever the framework. `P` is the path
 * template (params come from it when no params schema is given); `D` is what
 * the route declares (`never`: nothing known, every status accepted).
 */
export interface HandlerContext<
  Req extends RequestSpec = RequestSpec,
  P extends string = string,
  D = never,
> {
  readonly route: RouteInfo;
  /** The request method (HEAD when a GET route answers a HEAD request). */
  readonly method: string;
  /** The raw request target: path and query. */
  readonly url: string;
  readonly params: Output<Part<Req, 'params'>, PathParams<P>>;
  readonly query: Output<Part<Req, 'query'>, Readonly<Record<string, string | string[]>>>;
  readonly headers: Output<
    Part<Req, 'headers'>,
    Readonly<Record<string, string | string[] | undefined>>
  >;
  readonly body: Output<Part<Req, 'body'>, unknown>;
  /** What the route's guard returned (typed in a guarded route's handler); undefined without one. */
  readonly auth: unknown;
  readonly background: BackgroundTasks;
  /** Sets the status, FastAPI's `response.status_code = ...`; only a declared one; frozen once resolved. */
  setStatus(status: DeclaredStatus<D>): void;
  /**
   * An HttpException for a declared error status, its detail checked against
   * that status's model: `throw ctx.error(404, 'Item not found')`.
   */
  error<const S extends ErrorStatus<D>>(
    status: S,
    detail?: DetailAt<D, S>,
    options?: HttpExceptionOptions,
  ): HttpException;
  /** Adds a response header (not sent when the handler raises). */
  setHeader(name: string, value: string): void;
  readonly native: NativeObjects;
}

/**
 * What a handler may return: with a response model, the model's input or an
 * explicit response; without one, anything. The explicit responses carry the
 * route's declaration `D`, which is how json(), empty() and the others called
 * in a `return` learn which statuses and bodies the route accepts.
 */
export type HandlerResult<Res extends Schema | undefined, D = never> =
  | (Res extends StandardSchemaV1
      ? StandardSchemaV1.InferInput<Res>
      : // Everything, written so that the union keeps its ExplicitResponse<D> member.
        // biome-ignore lint/complexity/noBannedTypes: `{}` is every value but null and undefined.
        {} | null | undefined)
  | ExplicitResponse<D>
  | FetchResponseLike;

/** The identity of a route, for messages and diagnostics. */
export interface RouteInfo {
  /** `GET /items/{id}` */
  readonly id: string;
  readonly method: string;
  readonly path: string;
}

/** One segment of a path template. */
export type PathSegment =
  | { readonly param: false; readonly text: string }
  | { readonly param: true; readonly name: string };

/** Any route, whatever its schemas: what lists of routes hold. */
export interface AnyRoute extends RouteInfo {
  readonly spec: Readonly<RouteSpec<RequestSpec, Schema | undefined>>;
  readonly segments: readonly PathSegment[];
  // `never` accepts every handler; the exchange calls it with a context it built for this route.
  readonly handler: (ctx: never) => unknown;
}

/** The handler of a route, typed by its declaration. */
export type RouteHandler<
  Req extends RequestSpec,
  Res extends Schema | undefined,
  M extends string,
  P extends string,
  S extends number | undefined,
  R extends ResponsesSpec | undefined,
> = (
  ctx: HandlerContext<Req, P, Declaration<M, S, R, Res>>,
) =>
  | HandlerResult<Res, Declaration<M, S, R, Res>>
  | Promise<HandlerResult<Res, Declaration<M, S, R, Res>>>;

/** The handler `defineRoute` takes: its context also has what the route's guard returned. */
export type GuardedHandler<
  Req extends RequestSpec,
  Res extends Schema | undefined,
  M extends string,
  P extends string,
  S extends number | undefined,
  R extends ResponsesSpec | undefined,
  Sec extends SecurityInput | undefined,
> = (
  ctx: HandlerContext<Req, P, Declaration<M, S, R, Res>> & { readonly auth: AuthOf<Sec> },
) =>
  | HandlerResult<Res, Declaration<M, S, R, Res>>
  | Promise<HandlerResult<Res, Declaration<M, S, R, Res>>>;

/**
 * A declared route: spec, handler and the parsed path. Make one with
 * {@link defineRoute}; its type keeps the method, path, statuses and schemas.
 */
export interface Route<
  Req extends RequestSpec = RequestSpec,
  Res extends Schema | undefined = Schema | undefined,
  M extends string = string,
  P extends string = string,
  S extends number | undefined = number | undefined,
  R extends ResponsesSpec | undefined = ResponsesSpec | undefined,
  Sec extends SecurityInput | undefined = SecurityInput | undefined,
> extends AnyRoute {
  readonly id: `${Uppercase<M>} ${P}`;
  readonly method: Uppercase<M>;
  readonly path: P;
  readonly spec: Readonly<RouteSpec<Req, Res, M, P, S, R> & { readonly security?: Sec }>;
  readonly handler: RouteHandler<Req, Res, M, P, S, R>;
}

const METHOD = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

function invalid(id: string, message: string): StatuskitError {
  return new StatuskitError(ErrorCode.INVALID_ROUTE, `route ${id}: ${message}`);
}

/**
 * Declares a route. Everything that can be wrong with the declaration (an
 * invalid status, a model on a status without a body, a malformed path) is
 * refused here, with an error that names the route and the value.
 *
 * @example
 * defineRoute({ method: 'POST', path: '/items', status: 201, request: { body: Item } },
 *   ({ body }) => store.add(body));
 */
export function defineRoute<
  // biome-ignore lint/complexity/noBannedTypes: `{}` is the honest default, a route that declares no request schemas.
  const Req extends RequestSpec = {},
  Res extends Schema | undefined = undefined,
  M extends string = string,
  P extends string = string,
  S extends number | undefined = undefined,
  R extends ResponsesSpec | undefined = undefined,
  const Sec extends SecurityInput | undefined = undefined,
>(
  spec: RouteSpec<Req, Res, M, P, S, R> & { readonly security?: Sec },
  // NoInfer: only the spec decides the types; what the handler returns is checked against them.
  handler: NoInfer<GuardedHandler<Req, Res, M, P, S, R, Sec>>,
  // NoInfer: a list typed AnyRoute[] must not widen the route's schemas to RequestSpec.
): Route<NoInfer<Req>, NoInfer<Res>, NoInfer<M>, NoInfer<P>, NoInfer<S>, NoInfer<R>, NoInfer<Sec>> {
  const rawMethod = spec?.method;
  if (typeof rawMethod !== 'string' || !METHOD.test(rawMethod)) {
    throw new StatuskitError(
      ErrorCode.INVALID_ROUTE,
      `route ${describeValue(rawMethod)} ${String(spec?.path)}: method must be an HTTP token such as 'GET'.`,
    );
  }
  const method = rawMethod.toUpperCase();
  const id = `${method} ${String(spec.path)}`;
  assertKnownMethod(method, id);
  const segments = parsePath(spec.path, id);
  assertNoExpressParams(spec.path, id);
  assertParamsMatchPath(spec.request?.params, segments, id);
  if (typeof handler !== 'function') throw invalid(id, 'the handler must be a function.');
  if (spec.status !== undefined) {
    assertRangeSpelling(spec.status, `route ${id}`, false);
    assertFinalStatus(spec.status, `route ${id}`);
    if (spec.response !== undefined && !statusAllowsBody(spec.status)) {
      throw new StatuskitError(
        ErrorCode.BODY_NOT_ALLOWED,
        `route ${id}: status ${spec.status} has no body, so it cannot have a response model; remove \`response\` or change the status.`,
      );
    }
  }
  checkResponses(id, spec.responses);
  checkSecurity(id, spec.security);
  if (spec.timeout !== undefined && !(Number.isFinite(spec.timeout) && spec.timeout > 0)) {
    throw invalid(
      id,
      `timeout ${describeValue(spec.timeout)} must be a positive number of milliseconds.`,
    );
  }
  // The casts state what the checks above proved: the id and method are the spec's, upper-cased.
  // The exchange sets `auth` to what the route's guard returned, so the handler's narrower
  // context is what it gets; Route keeps the plain HandlerContext.
  return {
    id: id as `${Uppercase<M>} ${P}`,
    method: method as Uppercase<M>,
    path: spec.path,
    spec,
    segments,
    handler: handler as RouteHandler<Req, Res, M, P, S, R>,
  };
}
