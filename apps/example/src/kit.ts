import { createStatuskit, type Statuskit } from '@statuskit/core';
import { exampleApp } from './app.js';

/**
 * The example under the rest policy, for contract testing:
 * `statuskit-conformance contract --kit ./dist/kit.js` (`pnpm contract`).
 * Handler failures are not logged: the contract run reports every 5xx itself.
 */
export const kit: Statuskit = (() => {
  const app = exampleApp('rest', () => {});
  return createStatuskit(app.routes, app.options);
})();
