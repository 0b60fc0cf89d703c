import { describeValue, ErrorCode, StatuskitError } from '../errors.js';
import type { AnyRoute, RequestSpec, ResponsesSpec } from '../route.js';
import type { Schema } from '../schema.js';
import type { SecurityInput } from '../security/define.js';
import type { OperationsRuntime } from './context.js';
import {
  type AnyOperation,
  defineOperation,
  type OperationDefinition,
  type OperationSpec,
  type WorkContext,
  type WorkResult,
} from './define.js';
import { type ExecuteOptions, type ExecuteResult, executeOperation } from './execute.js';
import { memoryStore } from './memory-store.js';
import { monitorRoutes } from './monitor-routes.js';
import { startRoute } from './start.js';
import type { OperationStore } from './store.js';

/** Options of {@link createOperations}. */
export interface OperationsOptions {
  /** Operations defined elsewhere (a module the workers import too); more with `define()`. */
  operations?: readonly AnyOperation[];
  /** Where operations live and run; default `memoryStore()`. */
  store?: OperationStore;
  /** Path of the monitors: `<basePath>/{id}`, `/result`, `/cancel`. Default `/operations`. */
  basePath?: string;
  /**
   * The monitors' path as clients see it, for `location`, when statuskit is
   * mounted under a prefix (`app.use('/api', ...)`: `'/api/operations'`). Default `basePath`.
   */
  publicPath?: string;
  /** Milliseconds an ended operation stays readable, then 404. Default 24 hours. */
  retention?: number;
  /** Seconds in `retry-after` while an operation has not ended. Default 1. */
  retryAfter?: number;
  /** Most seconds of `Prefer: wait=N` honoured. Default 30. */
  maxWait?: number;
}

/** Operations on one store: their routes for the kit, and `execute` for workers. */
export interface Operations {
  readonly store: OperationStore;
  readonly basePath: string;
  /** Every operation, in the order defined. */
  readonly operations: readonly AnyOperation[];
  /**
   * The start route of every operation, then the monitor, result and cancel
   * routes: `createStatuskit([...routes, ...ops.routes])`. Read it after the last `define()`.
   */
  readonly routes: readonly AnyRoute[];
  /** Defines an operation (as {@link defineOperation}) and adds it here. */
  define<
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
  >;
  /**
   * Runs the work of a created operation here and records its outcome: what a
   * worker calls for each job (the memory store's app calls it after the 202).
   */
  execute(id: string, options?: ExecuteOptions): Promise<ExecuteResult>;
}

const DAY = 24 * 60 * 60 * 1000;

function positiveInteger(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value <= 0) {
    throw new StatuskitError(
      ErrorCode.INVALID_OPTION,
      `createOperations: ${name} must be a positive integer, got ${describeValue(value)}.`,
    );
  }
  return value;
}

function checkBasePath(path: string, name: string): string {
  if (typeof path !== 'string' || !/^(\/[A-Za-z0-9._~!$&'()*+,;=:@-]+)+$/.test(path)) {
    throw new StatuskitError(
      ErrorCode.INVALID_OPTION,
      `createOperations: ${name} ${describeValue(path)} must be a path such as '/operations': no parameters, no trailing slash.`,
    );
  }
  return path;
}

/**
 * Long-running operations: routes that answer 202 with a status monitor and
 * run their work after the response, the monitor, the replay of the final
 * response, and the cancel action, on one store (memory by default).
 *
 * @example
 * const ops = createOperations({ retention: 60 * 60 * 1000 });
 * ops.define({ method: 'POST', path: '/reports', status: 201, request: { body: ReportIn },
 *   response: Report }, async ({ body, signal, progress }) => build(body, signal, progress));
 * const kit = createStatuskit([...routes, ...ops.routes]);
 */
export function createOperations(options: OperationsOptions = {}): Operations {
  const store = options.store ?? memoryStore();
  const basePath = checkBasePath(options.basePath ?? '/operations', 'basePath');
  const publicPath = checkBasePath(options.publicPath ?? basePath, 'publicPath');
  const retention = positiveInteger(options.retention, DAY, 'retention');
  const retryAfter = positiveInteger(options.retryAfter, 1, 'retryAfter');
  const maxWait = positiveInteger(options.maxWait, 30, 'maxWait');
  const byName = new Map<string, AnyOperation>();
  const list: AnyOperation[] = [];
  let routes: AnyRoute[] | undefined;
  const add = (op: AnyOperation): void => {
    const other = byName.get(op.name);
    if (other !== undefined) {
      throw new StatuskitError(
        ErrorCode.INVALID_ROUTE,
        `createOperations: operations ${other.route.id} and ${op.route.id} are both named ${describeValue(op.name)}; give each its own name.`,
      );
    }
    byName.set(op.name, op);
    list.push(op);
    routes = undefined;
  };
  const rt: OperationsRuntime = {
    store,
    basePath,
    publicPath,
    retention,
    retryAfter,
    maxWait,
    find: (name) => byName.get(name),
    execute: (id, opts) => executeOperation(store, rt.find, id, retention, opts),
  };
  for (const op of options.operations ?? []) add(op);
  return {
    store,
    basePath,
    operations: list,
    get routes() {
      routes ??= [...list.map((op) => startRoute(rt, op)), ...monitorRoutes(rt, list)];
      return routes;
    },
    define(spec, work) {
      const op = defineOperation(spec, work);
      add(op);
      return op;
    },
    execute: rt.execute,
  };
}
