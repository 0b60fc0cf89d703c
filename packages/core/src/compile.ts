import { type ContractIndex, contractOf, indexContract } from './contract/contract.js';
import type { ResolvedOptions } from './options.js';
import { defaultStatuses, type RoutePlan } from './resolve.js';
import type { AnyRoute } from './route.js';
import type { AnySecurity } from './security/define.js';
import { guardsOf } from './security/guard.js';

/** Everything about a route the exchange needs, computed once at start-up. */
export interface CompiledRoute extends RoutePlan {
  readonly route: AnyRoute;
  /** The route's status contract and its lookups (models by status, declared statuses). */
  readonly contract: ContractIndex;
  /** False for the core's stand-in routes (an upstream refusal): the contract is not checked. */
  readonly checked: boolean;
  readonly backgroundOnError: boolean;
  /** Milliseconds the handler may take before the client gets 503; undefined: no limit. */
  readonly timeout: number | undefined;
  /** The route's guards (security/guard.ts), run before validation; undefined: none. */
  readonly guards: readonly AnySecurity[] | undefined;
}

/**
 * Compiles a route once: its default statuses (resolve.ts), its status
 * contract (contract/contract.ts), its limits. `checked: false` for the core's
 * own stand-in routes, whose answers are not the route's.
 */
export function compileRoute(
  route: AnyRoute,
  options: ResolvedOptions,
  checked = true,
): CompiledRoute {
  const spec = route.spec;
  const { valueStatus, emptyStatus } = defaultStatuses(route, options.policy);
  return {
    id: route.id,
    route,
    valueStatus,
    emptyStatus,
    contract: indexContract(contractOf(route, options)),
    checked,
    backgroundOnError: spec.backgroundOnError ?? options.backgroundOnError,
    timeout: spec.timeout ?? options.handlerTimeout,
    guards: guardsOf(spec.security),
  };
}
