import { fileURLToPath } from 'node:url';
import { type AdapterUnderTest, loadAdapter, type RunningServer } from '@statuskit/conformance';
import { type SeedApp, type SeedOptions, seedApp } from '@statuskit/conformance/fixture';
import { createReferenceAdapter } from '@statuskit/conformance/reference';
import { createStatuskit, type Statuskit } from '@statuskit/core';

// The bare node:http reference. Without the simulated body parser: in the
// body-parser pass it stands for the answers every adapter must keep.
const referenceAdapter = createReferenceAdapter({ simulateBodyParser: false });

/** The framework adapters every reliability test must cover. */
export const FRAMEWORKS = ['express', 'koa', 'fastify'] as const;

/** An adapter under test with the name it reports under. */
export interface Target {
  readonly name: string;
  readonly adapter: AdapterUnderTest;
}

/**
 * Adapter names from `RELIABILITY_ADAPTERS` (comma separated), else the three
 * frameworks plus the bare node:http reference. `reference` may repeat
 * (checks the harness itself before the framework adapters exist).
 */
export function adapterNames(env: string | undefined = process.env.RELIABILITY_ADAPTERS): string[] {
  if (env === undefined || env.trim() === '') return [...FRAMEWORKS, 'reference'];
  return env
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

// Adapters resolve from this app, which depends on each of them.
const HERE = fileURLToPath(new URL('..', import.meta.url));

/** Loads `@statuskit/<name>/testing` (or the local reference) for each name. */
export async function loadTargets(names: readonly string[] = adapterNames()): Promise<Target[]> {
  const out: Target[] = [];
  const seen = new Map<string, number>();
  for (const name of names) {
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    const label = n === 1 ? name : `${name}-${n}`;
    if (name === 'reference') {
      out.push({ name: label, adapter: referenceAdapter });
      continue;
    }
    const specifier = `@statuskit/${name}/testing`;
    const adapter = await loadAdapter(specifier, HERE);
    if (adapter === undefined) {
      throw new Error(
        `[statuskit] reliability: cannot load ${specifier}; build it first with \`pnpm --filter @statuskit/${name} build\`, or choose adapters with RELIABILITY_ADAPTERS.`,
      );
    }
    out.push({ name: label, adapter });
  }
  return out;
}

/** One app served by one adapter. */
export interface Member<A extends SeedApp = SeedApp> {
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly app: A;
  readonly kit: Statuskit;
  readonly server: RunningServer;
}

/** The same app, one fresh instance per adapter, all listening. */
export interface Fleet<A extends SeedApp = SeedApp> {
  readonly members: readonly Member<A>[];
  close(): Promise<void>;
}

/** Options of {@link startFleet}. */
export interface FleetOptions<A extends SeedApp = SeedApp> {
  /** A fresh app per adapter; default `seedApp(seed)`. */
  readonly app?: () => A;
  readonly seed?: SeedOptions;
  /** Install the framework's JSON body parser first. */
  readonly bodyParser?: boolean;
}

/** Starts one fresh app per target, each on its own port. */
export async function startFleet<A extends SeedApp = SeedApp>(
  targets: readonly Target[],
  options: FleetOptions<A> = {},
): Promise<Fleet<A>> {
  const members: Member<A>[] = [];
  const close = async (): Promise<void> => {
    await Promise.all(members.map((m) => m.server.close().catch(() => {})));
  };
  try {
    for (const target of targets) {
      const app = options.app ? options.app() : (seedApp(options.seed) as A);
      const kit = createStatuskit(app.routes, app.options);
      const server = await target.adapter.start(kit, { bodyParser: options.bodyParser === true });
      const url = new URL(server.url);
      members.push({
        name: target.name,
        host: url.hostname,
        port: Number(url.port),
        app,
        kit,
        server,
      });
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { members, close };
}
