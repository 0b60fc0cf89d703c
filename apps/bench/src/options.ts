import { parseArgs } from 'node:util';
import { CONTENDER_IDS, REFERENCE } from './peers/contenders.js';
import { PEER_SCENARIOS } from './peers/scenarios.js';
import { SCENARIOS } from './scenarios.js';

/** Frameworks the bench knows; `node` (bare node:http) runs only when asked. */
export const FRAMEWORKS = ['express', 'koa', 'fastify', 'node'] as const;
/** One of {@link FRAMEWORKS}. */
export type Framework = (typeof FRAMEWORKS)[number];
/** Parts of a run. */
export type Phase = 'micro' | 'compare' | 'peers' | 'soak';

const PHASES: readonly Phase[] = ['micro', 'compare', 'peers', 'soak'];

/** Route ids of both phases that load servers (compare and peers share theirs where alike). */
const ROUTE_IDS: readonly string[] = [
  ...new Set([...SCENARIOS, ...PEER_SCENARIOS].map((s) => s.id)),
];

/** A run's settings, from the command line. */
export interface BenchOptions {
  readonly quick: boolean;
  readonly pairs: number;
  /** Fresh server processes this many times per framework; the pairs are split between them. */
  readonly epochs: number;
  readonly sliceSeconds: number;
  readonly warmupSeconds: number;
  readonly connections: number;
  readonly frameworks: readonly Framework[];
  readonly routes: readonly string[];
  readonly phases: readonly Phase[];
  /** Contenders of the peers phase; the reference (statuskit on Fastify) always runs. */
  readonly peers: readonly string[];
  readonly soak: number;
  readonly profile: boolean;
  readonly maxSeconds: number;
  readonly json: string | undefined;
  readonly markdown: string | undefined;
  readonly help: boolean;
}

/** `pnpm bench --help`. */
export const USAGE = `pnpm bench [options]

  --quick               smoke run: 4 rounds of 0.15 s slices, short warm-up (< 2 min)
  --pairs N             rounds per route, each one slice per server (default 20)
  --epochs N            start fresh server processes N times, the rounds split between
                        them, so one process's steady state cannot bias a ratio (default 4)
  --slice S             seconds per slice (default 0.5)
  --warmup S            warm-up seconds per route and server (default 1)
  --connections N       autocannon connections (default 10)
  --frameworks a,b      express,koa,fastify (default) and node (bare node:http)
  --routes a,b          ${ROUTE_IDS.join(',')}
  --only a,b            phases: micro,compare,peers,soak (default micro,compare,peers;
                        soak with --soak); --phases is the same option
  --peers a,b           contenders of the peers phase (default all; ${REFERENCE} always):
                        ${CONTENDER_IDS.join(',')}
  --soak N              memory soak: N mixed requests to each statuskit server
  --profile             compare: run servers with --cpu-prof and print their hot spots;
                        peers: profile statuskit on Fastify and Fastify + zod per route
  --max-seconds S       hard bound on the whole run (default: estimate x 1.5 + 60)
  --json FILE           write all figures as JSON
  --markdown FILE       write the report as Markdown too`;

function fail(message: string): never {
  throw new Error(`[statuskit] bench: ${message}; see pnpm bench --help.`);
}

function positive(name: string, raw: string): number {
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) fail(`--${name} needs a positive number, got ${raw}`);
  return n;
}

function list<T extends string>(name: string, raw: string, allowed: readonly T[]): T[] {
  const items = raw.split(',').filter((x) => x !== '');
  for (const x of items) {
    if (!allowed.includes(x as T)) fail(`--${name}: unknown "${x}" (one of ${allowed.join(', ')})`);
  }
  return items as T[];
}

const text = { type: 'string' } as const;
const flag = { type: 'boolean' } as const;
const SPEC = {
  quick: flag,
  help: { type: 'boolean', short: 'h' },
  pairs: text,
  epochs: text,
  slice: text,
  warmup: text,
  connections: text,
  frameworks: text,
  routes: text,
  only: text,
  phases: text,
  peers: text,
  soak: text,
  profile: flag,
  'max-seconds': text,
  json: text,
  markdown: text,
} as const;

/** Parses the arguments after `pnpm bench` (a bare `--` is ignored). */
export function parseOptions(argv: readonly string[]): BenchOptions {
  let v: ReturnType<typeof parseArgs<{ options: typeof SPEC }>>['values'];
  try {
    v = parseArgs({ args: argv.filter((a) => a !== '--'), options: SPEC }).values;
  } catch (e) {
    // node:util's own message ("Unknown option '--fast'. To specify a positional ..."), first sentence.
    fail((e as Error).message.split('. ')[0]!);
  }
  const quick = v.quick === true;
  const n = (name: keyof typeof SPEC, fallback: number): number => {
    const raw = v[name];
    return typeof raw === 'string' ? positive(name, raw) : fallback;
  };
  const pairs = Math.round(n('pairs', quick ? 4 : 20));
  const soak = Math.round(n('soak', 0));
  if (v.only !== undefined && v.phases !== undefined) fail('give --only or --phases, not both');
  const only = v.only ?? v.phases;
  const phases =
    only === undefined
      ? (['micro', 'compare', 'peers', ...(soak > 0 ? ['soak'] : [])] as Phase[])
      : list(v.only === undefined ? 'phases' : 'only', only, PHASES);
  if (phases.includes('soak') && soak === 0) fail('--only soak needs --soak N');
  const peers = v.peers === undefined ? CONTENDER_IDS : list('peers', v.peers, CONTENDER_IDS);
  return {
    quick,
    pairs,
    epochs: Math.min(pairs, Math.round(n('epochs', quick ? 1 : 4))),
    sliceSeconds: n('slice', quick ? 0.15 : 0.5),
    warmupSeconds: n('warmup', quick ? 0.15 : 1),
    connections: Math.round(n('connections', 10)),
    frameworks:
      v.frameworks === undefined
        ? ['express', 'koa', 'fastify']
        : list('frameworks', v.frameworks, FRAMEWORKS),
    routes: v.routes === undefined ? ROUTE_IDS : list('routes', v.routes, ROUTE_IDS),
    phases,
    peers: [REFERENCE, ...peers.filter((p) => p !== REFERENCE)],
    soak,
    profile: v.profile === true,
    maxSeconds: n('max-seconds', 0),
    json: v.json,
    markdown: v.markdown,
    help: v.help === true,
  };
}
