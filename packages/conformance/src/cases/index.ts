import type { AnyRoute } from '@statuskit/core';
import type { ConformanceCase } from '../case.js';
import { type SeedState, seedRoutes } from '../fixture/seed.js';
import { authCases, authRoutes } from './auth.js';
import { backgroundCases, backgroundRoutes } from './background.js';
import { badInputCases, badInputRoutes } from './bad-input.js';
import { concurrencyCases, concurrencyRoutes } from './concurrency.js';
import { httpRuleCases } from './http-rules.js';
import { httpRuleRoutes } from './http-rules.routes.js';
import { operationCases } from './operations.js';
import { operationRoutes } from './operations.routes.js';
import { regressionCases } from './regressions.js';
import { seedCases } from './seed.js';

/**
 * Every case, in report order: seed rows, operations (rows 31-39), HTTP
 * rules, bad input, background tasks, concurrency, auth guards, fuzzer regressions.
 */
export const cases: readonly ConformanceCase[] = [
  ...seedCases,
  ...operationCases,
  ...httpRuleCases,
  ...badInputCases,
  ...backgroundCases,
  ...concurrencyCases,
  ...authCases,
  ...regressionCases,
];

/**
 * The routes the cases talk to, on one store: the seed rows' routes first,
 * then the routes each case file brings for its own cases. The regression
 * cases need no route of their own.
 */
export function suiteRoutes(state: SeedState): AnyRoute[] {
  return [
    ...seedRoutes(state),
    ...httpRuleRoutes(),
    ...backgroundRoutes(state),
    ...badInputRoutes(),
    ...concurrencyRoutes(),
    ...operationRoutes(),
    ...authRoutes(),
  ];
}

export {
  authCases,
  backgroundCases,
  badInputCases,
  concurrencyCases,
  httpRuleCases,
  operationCases,
  regressionCases,
  seedCases,
};
