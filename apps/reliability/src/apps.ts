import { type SeedApp, type SeedOptions, seedApp } from '@statuskit/conformance/fixture';
import {
  type AnyRoute,
  type Diagnostic,
  defineRoute,
  type HandlerContext,
  json,
  type RouteSpec,
  type Schema,
  stream,
  text,
} from '@statuskit/core';

/** Routes whose handler queues exactly one background task that records itself. */
const QUEUES_ONE_TASK = new Set(['POST /process', 'POST /process/late']);

/** The seed app, counting how many times a task-queuing handler ran. */
export interface CountedApp extends SeedApp {
  /** Handler runs of `POST /process` and `POST /process/late`: each queues one recorded task. */
  readonly queued: { count: number };
}

function wrap(route: AnyRoute, before: () => void): AnyRoute {
  const handler = route.handler as (ctx: HandlerContext) => unknown;
  return defineRoute(route.spec as RouteSpec, (ctx) => {
    before();
    return handler(ctx) as never;
  }) as AnyRoute;
}

/**
 * The seed app whose task routes count their runs, so a test can check that
 * every queued task ran exactly once (`state.tasks.length === queued.count`),
 * whether or not the client stayed to read the answer.
 */
export function countedSeedApp(seed?: SeedOptions): CountedApp {
  const app = seedApp(seed);
  const queued = { count: 0 };
  const routes = app.routes.map((r) =>
    QUEUES_ONE_TASK.has(r.id) ? wrap(r, () => queued.count++) : r,
  );
  return { ...app, routes, queued };
}

/** The seed app for long runs: nothing accumulates, so a growing heap means a leak. */
export interface SoakApp extends CountedApp {
  /** Background tasks that ran, and handler errors reported (counted, not kept). */
  readonly counts: { ran: number; errors: number };
}

/**
 * The counted seed app with hooks that count instead of keeping: the seed's
 * task log and error list would grow with every request of a soak.
 */
export function soakApp(): SoakApp {
  const counts = { ran: 0, errors: 0 };
  const app = countedSeedApp({
    options: {
      onError: () => {
        counts.errors++;
      },
    },
  });
  // The seed's tasks push their name into state.tasks; count them instead.
  Object.defineProperty(app.state.tasks, 'push', {
    value: () => {
      counts.ran++;
      return 0;
    },
  });
  return { ...app, counts };
}

/** What the fault routes report besides the seed's state. */
export interface FaultProbe {
  readonly diagnostics: Diagnostic[];
  /** Late handlers that finished after their timeout (the result must be dropped). */
  lateFinished: number;
  /** Runs of `GET /fault/big-task`'s handler, and of the background task it queues. */
  bigQueued: number;
  bigRan: number;
}

/** A fresh probe. */
export function faultProbe(): FaultProbe {
  return { diagnostics: [], lateFinished: 0, bigQueued: 0, bigRan: 0 };
}

const throwingModel: Schema = {
  '~standard': {
    version: 1,
    vendor: 'reliability',
    validate: () => {
      throw new Error('model exploded with secret input');
    },
  },
} as unknown as Schema;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Routes that fail in every way a handler can: a handler that outlives its
 * timeout, throws a non-Error, returns what JSON cannot carry, a response
 * model that throws, a stream that dies mid-body, a slow download.
 */
export function faultRoutes(probe: FaultProbe): AnyRoute[] {
  return [
    defineRoute({ method: 'GET', path: '/fault/slow', timeout: 50 }, async () => {
      await sleep(300);
      probe.lateFinished++;
      return { late: 'this result must be dropped' };
    }),
    defineRoute({ method: 'GET', path: '/fault/slow-reject', timeout: 50 }, async () => {
      await sleep(300);
      throw new Error('late secret failure');
    }),
    defineRoute({ method: 'GET', path: '/fault/throw-string' }, () => {
      throw 'secret string thrown';
    }),
    defineRoute({ method: 'GET', path: '/fault/throw-null' }, () => {
      throw null;
    }),
    defineRoute({ method: 'GET', path: '/fault/reject-object' }, () =>
      Promise.reject({ secret: 'object rejected' }),
    ),
    defineRoute({ method: 'GET', path: '/fault/bigint' }, () => ({ big: 10n })),
    defineRoute({ method: 'GET', path: '/fault/cycle' }, () => {
      const a: Record<string, unknown> = { secret: 'cyclic' };
      a.self = a;
      return a;
    }),
    defineRoute({ method: 'GET', path: '/fault/tojson' }, () => ({
      toJSON() {
        throw new Error('serializer secret');
      },
    })),
    defineRoute({ method: 'GET', path: '/fault/json-tojson' }, () =>
      json({
        toJSON() {
          throw new Error('explicit serializer secret');
        },
      }),
    ),
    defineRoute({ method: 'GET', path: '/fault/model-throws', response: throwingModel }, () => ({
      id: 1,
    })),
    defineRoute({ method: 'GET', path: '/fault/stream-dies' }, () =>
      stream(
        (async function* () {
          yield new TextEncoder().encode('first chunk;');
          await sleep(20);
          throw new Error('stream secret failure');
        })(),
        { contentType: 'text/plain' },
      ),
    ),
    defineRoute({ method: 'GET', path: '/fault/big' }, () => text('x'.repeat(4 * 1024 * 1024))),
    defineRoute({ method: 'GET', path: '/fault/big-task' }, ({ background }) => {
      probe.bigQueued++;
      background.add(() => {
        probe.bigRan++;
      });
      return text('y'.repeat(8 * 1024 * 1024));
    }),
  ];
}

/** The seed app plus the fault routes, with diagnostics collected in the probe. */
export function faultApp(probe: FaultProbe, seed?: SeedOptions): CountedApp {
  const app = countedSeedApp({
    ...seed,
    options: {
      ...seed?.options,
      onDiagnostic: (d) => {
        probe.diagnostics.push(d);
      },
    },
  });
  return { ...app, routes: [...app.routes, ...faultRoutes(probe)] };
}
