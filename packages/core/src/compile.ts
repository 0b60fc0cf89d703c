import type { ResolvedOptions } from './options.js';
import { defaultStatuses, type RoutePlan } from './resolve.js';
import type { AnyRoute } from './route.js';
import type { Schema } from './schema.js';
import type { AnySecurity } from './security/define.js';
import { guardsOf } from './security/guard.js';

/** Everything about a route the exchange needs, computed once at start-up. */
export interface CompiledRoute extends RoutePlan {
  readonly route: AnyRoute;
  /** Models by status from `responses`, plus the success model for 2xx. */
  readonly models: ReadonlyMap<number, Schema>;
  readonly successModel: Schema | undefined;
  readonly backgroundOnError: boolean;
  /** Milliseconds the handler may take before the client gets 503; undefined: no limit. */
  readonly timeout: number | undefined;
  /** The route's guards (security/guard.ts), run before validation; undefined: none. */
  readonly guards: readonly AnySecurity[] | undefined;
}

/** Compiles a route once: its default statuses (resolve.ts), its models by status, its limits. */
export function compileRoute(route: AnyRoute, options: ResolvedOptions): CompiledRoute {
  const spec = route.spec;
  const { valueStatus, emptyStatus } = defaultStatuses(route, options.policy);
  const models = new Map<number, Schema>();
  for (const [key, doc] of Object.entries(spec.responses ?? {})) {
    const code = Number(key);
    if (Number.isInteger(code) && typeof doc === 'object' && doc.model !== undefined)
      models.set(code, doc.model);
  }
  return {
    id: route.id,
    route,
    valueStatus,
    emptyStatus,
    models,
    successModel: spec.response,
    backgroundOnError: spec.backgroundOnError ?? options.backgroundOnError,
    timeout: spec.timeout ?? options.handlerTimeout,
    guards: guardsOf(spec.security),
  };
}
