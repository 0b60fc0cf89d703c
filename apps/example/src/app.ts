import {
  type AnyRoute,
  isStatuskitError,
  type OperationStore,
  type StatuskitOptions,
} from '@statuskit/core';
import { operationRoutes } from './operations.js';
import { type ExampleRouteOptions, exampleRoutes, type Policy } from './routes.js';
import { createStore, type Store } from './store.js';

/** The example on a fresh store: its routes and the options to create the kit with. */
export interface ExampleApp {
  readonly routes: AnyRoute[];
  readonly options: StatuskitOptions;
  readonly store: Store;
}

/**
 * The example app under `policy`. Handler and background-task failures are
 * written to `log` (default: stderr); a failed task's error code is also kept
 * in the store, where `GET /process/log` shows it. Operations (rows 31-39) live
 * in `operations`, default in memory.
 */
export function exampleApp(
  policy: Policy,
  log: (line: string) => void = (line) => console.error(line),
  operations?: OperationStore,
  routeOptions: ExampleRouteOptions = {},
): ExampleApp {
  const store = createStore();
  const options: StatuskitOptions = {
    policy,
    onError: (error, info) => {
      log(`${info.route}: handler failed: ${error instanceof Error ? error.stack : String(error)}`);
    },
    onBackgroundError: (error, info) => {
      store.failures.push(isStatuskitError(error) ? error.code : String(error));
      log(`${info.route}: background task ${info.task} failed: ${String(error)}`);
    },
  };
  const routes = exampleRoutes(store, policy, operationRoutes(store, operations), routeOptions);
  return { routes, options, store };
}
