import type { ConformanceCase } from '../case.js';
import { backgroundCases } from './background.js';
import { badInputCases } from './bad-input.js';
import { concurrencyCases } from './concurrency.js';
import { httpRuleCases } from './http-rules.js';
import { regressionCases } from './regressions.js';
import { seedCases } from './seed.js';

/**
 * Every case, in report order: seed rows, HTTP rules, bad input, background
 * tasks, concurrency, fuzzer regressions.
 */
export const cases: readonly ConformanceCase[] = [
  ...seedCases,
  ...httpRuleCases,
  ...badInputCases,
  ...backgroundCases,
  ...concurrencyCases,
  ...regressionCases,
];

export {
  backgroundCases,
  badInputCases,
  concurrencyCases,
  httpRuleCases,
  regressionCases,
  seedCases,
};
