import type { StandardSchemaV1 } from '@standard-schema/spec';
import { describeValue, ErrorCode, StatuskitError } from '../errors.js';
import type { HttpException } from '../http-exception.js';
import type { JsonValue } from '../json.js';
import {
  type AnyRoute,
  defineRoute,
  type HandlerContext,
  type RequestSpec,
  type ResponsesSpec,
  type Route,
  type RouteSpec,
} from '../route.js';
import type { Schema } from '../schema.js';
import type { SecurityInput } from '../security/define.js';

/**
 * An operation route: declared like any route, but its work runs after the
 * 202. `status` and `response` describe the final answer the work's result
 * gets (what the route would send had it run synchronously), `responses` the
 * errors the work may raise.
 */
export interface OperationSpec<
  Req extends RequestSpec = RequestSpec,
  Res extends Schema | undefined = Schema | undefined,
  M extends string = string,
  P extends string = string,
  S extends number = number,
  R extends ResponsesSpec | undefined = ResponsesSpec | undefined,
> extends Omit<
    RouteSpec<Req, Res, M, P, S, R>,
    'status' | 'timeout' | 'backgroundOnError' | 'policy'
  > {
  /**
   * The stable name that ties a stored operation to its work, in every process
   * (app and workers). Default `POST /reports`: give one that survives a path change.
   */
  name?: string;
  /** The status of the final answer when the work returns (201, 200, 204...). Required. */
  status: S;
}

/** What the work sees: the validated input (as JSON), a cancel signal, a progress reporter. */
export interface WorkContext<Req extends RequestSpec = RequestSpec> {
  /** The operation's id (the `{id}` of its monitor). */
  readonly id: string;
  /** The operation's name. */
  readonly operation: string;
  readonly params: HandlerContext<Req>['params'];
  readonly query: HandlerContext<Req>['query'];
  readonly body: HandlerContext<Req>['body'];
  /** Aborts when the operation is canceled (`POST <monitor>/cancel`), from any process. */
  readonly signal: AbortSignal;
  /** Shows `progress` on the monitor (JSON; the last report wins). Never throws. */
  progress(progress: JsonValue): void;
}

/** What the work may return: the response model's input (or anything without one), or an HttpException. */
export type WorkResult<Res extends Schema | undefined> = Res extends StandardSchemaV1
  ? StandardSchemaV1.InferInput<Res> | HttpException
  : unknown;

/** Any operation, whatever its schemas: what lists of operations hold. */
export interface AnyOperation {
  /** The stable name (`spec.name`, else `POST /reports`). */
  readonly name: string;
  /** The route the operation would be had it run synchronously: its declaration, checked. */
  readonly route: AnyRoute;
  readonly spec: Readonly<OperationSpec>;
  // `never` accepts every work function; the executor calls it with a context built for it.
  readonly work: (ctx: never) => unknown;
}

/**
 * A declared operation. Make one with {@link defineOperation}. Its type keeps
 * the method, path, request, final status, responses and model: put
 * `typeof op` in the routes a `@statuskit/client` is typed from.
 */
export interface OperationDefinition<
  Req extends RequestSpec = RequestSpec,
  Res extends Schema | undefined = Schema | undefined,
  M extends string = string,
  P extends string = string,
  S extends number = number,
  R extends ResponsesSpec | undefined = ResponsesSpec | undefined,
  Sec extends SecurityInput | undefined = SecurityInput | undefined,
> extends AnyOperation {
  /** The route the operation would be had it run synchronously, with every type it declares. */
  readonly route: Route<Req, Res, M, P, S, R, Sec>;
  readonly spec: Readonly<OperationSpec<Req, Res, M, P, S, R> & { readonly security?: Sec }>;
  readonly work: (ctx: WorkContext<Req>) => WorkResult<Res> | Promise<WorkResult<Res>>;
}

const refused = (): never => {
  throw new Error('an operation route runs through createOperations(), never directly');
};

/**
 * Declares an operation: a route whose work runs after the 202, in this
 * process or a worker's. Put it in a module both the app and the workers
 * import: its `name` is how a stored operation finds its work. Everything
 * wrong with the declaration is refused here, as `defineRoute` refuses it.
 *
 * @example
 * export const createReport = defineOperation(
 *   { name: 'createReport', method: 'POST', path: '/reports', status: 201,
 *     request: { body: ReportIn }, response: Report, responses: { 409: 'Report exists' } },
 *   async ({ body, signal, progress }) => build(body, signal, progress),
 * );
 */
export function defineOperation<
  // biome-ignore lint/complexity/noBannedTypes: `{}` is the honest default, an operation without request schemas.
  const Req extends RequestSpec = {},
  Res extends Schema | undefined = undefined,
  M extends string = string,
  P extends string = string,
  S extends number = number,
  R extends ResponsesSpec | undefined = undefined,
  const Sec extends SecurityInput | undefined = undefined,
>(
  spec: OperationSpec<Req, Res, M, P, S, R> & { readonly security?: Sec },
  work: (ctx: WorkContext<Req>) => WorkResult<Res> | Promise<WorkResult<Res>>,
): OperationDefinition<
  NoInfer<Req>,
  NoInfer<Res>,
  NoInfer<M>,
  NoInfer<P>,
  NoInfer<S>,
  NoInfer<R>,
  NoInfer<Sec>
> {
  type Definition = OperationDefinition<Req, Res, M, P, S, R, Sec>;
  const { name: _, ...routeSpec } = spec ?? ({} as OperationSpec<Req, Res, M, P, S, R>);
  const route = defineRoute(routeSpec as RouteSpec<Req, Res>, refused) as unknown as AnyRoute;
  if (spec.status === undefined) {
    throw new StatuskitError(
      ErrorCode.INVALID_ROUTE,
      `operation ${route.id}: declare the status its result is answered with, e.g. status: 201; workers in other processes must agree on it without the app's policy.`,
    );
  }
  const name = spec.name ?? route.id;
  if (typeof name !== 'string' || name.trim() === '' || name.length > 200) {
    throw new StatuskitError(
      ErrorCode.INVALID_ROUTE,
      `operation ${route.id}: name ${describeValue(spec.name)} must be a non-empty string of at most 200 characters.`,
    );
  }
  if (typeof work !== 'function') {
    throw new StatuskitError(
      ErrorCode.INVALID_ROUTE,
      `operation ${route.id}: the work must be a function.`,
    );
  }
  return { name, route, spec, work } as unknown as Definition;
}
