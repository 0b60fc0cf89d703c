// The guards' side of OpenAPI: a route whose `security` is a guard documents
// the guard's scheme under `components.securitySchemes` and the requirement
// (with its scopes) on the operation, as if both had been written by hand.
import { ErrorCode, StatuskitError } from '../errors.js';
import type { SecurityScheme } from '../openapi/types.js';
import type { AnyRoute, SecurityRequirement } from '../route.js';
import { isSecurity, type SecurityInput } from './define.js';
import { guardsOf } from './guard.js';

/** The OpenAPI requirements a route's `security` stands for (guards become `{ name: scopes }`). */
export function requirementsOf(
  security: SecurityInput | undefined,
): readonly SecurityRequirement[] | undefined {
  const guards = guardsOf(security);
  if (guards === undefined) {
    return security === undefined || isSecurity(security)
      ? undefined
      : (security as readonly SecurityRequirement[]);
  }
  return guards.map((g) => ({ [g.name]: [...g.scopes] }));
}

/**
 * The schemes the document defines: those given to toOpenApi, plus every
 * guard's. Two different schemes under one name are refused.
 */
export function schemesOf(
  routes: readonly AnyRoute[],
  declared: Readonly<Record<string, SecurityScheme>> | undefined,
): Readonly<Record<string, SecurityScheme>> | undefined {
  let schemes: Record<string, SecurityScheme> | undefined;
  for (const route of routes) {
    for (const guard of guardsOf(route.spec.security) ?? []) {
      const known = schemes?.[guard.name] ?? declared?.[guard.name];
      const scheme = guard.scheme as SecurityScheme;
      if (known !== undefined && JSON.stringify(known) !== JSON.stringify(scheme)) {
        throw new StatuskitError(
          ErrorCode.INVALID_OPTION,
          `toOpenApi: route ${route.id} uses guard "${guard.name}", whose scheme differs from another scheme of that name; give each scheme its own name.`,
        );
      }
      (schemes ??= { ...declared })[guard.name] = scheme;
    }
  }
  return schemes ?? declared;
}
