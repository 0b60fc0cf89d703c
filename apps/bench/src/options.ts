import { SCENARIOS } from './scenarios.js';

/** Frameworks the bench knows; `node` (bare node:http) runs only when asked. */
export const FRAMEWORKS = ['express', 'koa', 'fastify', 'node'] as const;
/** One of {@link FRAMEWORKS}. */
export type Framework = (typeof FRAMEWORKS)[number];
/** Parts of a run. */
export type Phase = 'micro' | 'compare' | 'soak';

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
  --routes a,b          ${SCENARIOS.map((s) => s.id).join(',')}
  --only a,b            phases: micro,compare,soak (default micro,compare; soak with --soak)
  --soak N              memory soak: N mixed requests to each statuskit server
  --profile             run servers with --cpu-prof and print their hot spots
  --max-seconds S       hard bound on the whole run (default: estimate x 1.5 + 60)
  --json FILE           write all figures as JSON
  --markdown FILE       write the report as Markdown too`;

function fail(message: string): never {
  throw new Error(`[statuskit] bench: ${message}; see pnpm bench --help.`);
}

function positive(name: string, raw: string | undefined): number {
  const n = Number(raw);
  if (raw === undefined || !Number.isFinite(n) || n <= 0)
    fail(`${name} needs a positive number, got ${raw}`);
  return n;
}

function list<T extends string>(name: string, raw: string | undefined, allowed: readonly T[]): T[] {
  if (raw === undefined) fail(`${name} needs a comma-separated list`);
  const items = raw.split(',').filter((x) => x !== '');
  for (const x of items) {
    if (!allowed.includes(x as T)) fail(`${name}: unknown "${x}" (one of ${allowed.join(', ')})`);
  }
  return items as T[];
}

/** Parses the arguments after `pnpm bench` (a bare `--` is ignored). */
export function parseOptions(argv: readonly string[]): BenchOptions {
  const args = argv.filter((a) => a !== '--');
  const quick = args.includes('--quick');
  const o = {
    quick,
    pairs: quick ? 4 : 20,
    epochs: quick ? 1 : 4,
    sliceSeconds: quick ? 0.15 : 0.5,
    warmupSeconds: quick ? 0.15 : 1,
    connections: 10,
    frameworks: ['express', 'koa', 'fastify'] as Framework[],
    routes: SCENARIOS.map((s) => s.id),
    phases: ['micro', 'compare'] as Phase[],
    soak: 0,
    profile: false,
    maxSeconds: 0,
    json: undefined as string | undefined,
    markdown: undefined as string | undefined,
    help: false,
  };
  let onlyGiven = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const value = (): string | undefined => args[++i];
    switch (a) {
      case '--quick':
        break;
      case '--help':
      case '-h':
        o.help = true;
        break;
      case '--pairs':
        o.pairs = Math.round(positive(a, value()));
        break;
      case '--epochs':
        o.epochs = Math.round(positive(a, value()));
        break;
      case '--slice':
        o.sliceSeconds = positive(a, value());
        break;
      case '--warmup':
        o.warmupSeconds = positive(a, value());
        break;
      case '--connections':
        o.connections = Math.round(positive(a, value()));
        break;
      case '--frameworks':
        o.frameworks = list(a, value(), FRAMEWORKS);
        break;
      case '--routes':
        o.routes = list(
          a,
          value(),
          SCENARIOS.map((s) => s.id),
        );
        break;
      case '--only':
        o.phases = list(a, value(), ['micro', 'compare', 'soak'] as Phase[]);
        onlyGiven = true;
        break;
      case '--soak':
        o.soak = Math.round(positive(a, value()));
        break;
      case '--profile':
        o.profile = true;
        break;
      case '--max-seconds':
        o.maxSeconds = positive(a, value());
        break;
      case '--json':
        o.json = value() ?? fail('--json needs a file');
        break;
      case '--markdown':
        o.markdown = value() ?? fail('--markdown needs a file');
        break;
      default:
        fail(`unknown argument "${a}"`);
    }
  }
  if (o.epochs > o.pairs) o.epochs = o.pairs;
  if (o.soak > 0 && !onlyGiven) o.phases.push('soak');
  if (o.phases.includes('soak') && o.soak === 0) fail('--only soak needs --soak N');
  return o;
}
