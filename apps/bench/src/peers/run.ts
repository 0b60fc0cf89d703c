import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runSync } from '@statuskit/proc';
import { type Comparison, compare, type Lineup, pool } from '../compare.js';
import { runSlice } from '../load.js';
import type { BenchOptions } from '../options.js';
import { type ServerProcess, startServer } from '../proc.js';
import { type ProfileSummary, summarizeProfile } from '../profile-summary.js';
import { CONTENDERS, CONTROL, type Contender, REFERENCE } from './contenders.js';
import { PEER_SCENARIOS } from './scenarios.js';

/** One contender as the run found it: measured, or skipped and why. */
export interface ContenderRun {
  readonly id: string;
  readonly title: string;
  readonly statuskit: boolean;
  /** Why it was not run (not built, FastAPI not installed, did not start). */
  readonly skipped: string | undefined;
}

/** A CPU profile of one server on one route, taken after the measured rounds. */
export interface PeerProfile extends ProfileSummary {
  readonly route: string;
  readonly server: string;
  /** Requests answered while the profiler ran. */
  readonly requests: number;
  /** Server CPU per request over the profiled slice (all threads, profiler on). */
  readonly cpuUsPerReq: number;
}

/** What the peers phase produced. */
export interface PeersRun {
  readonly contenders: ContenderRun[];
  /** `fastapi 0.92.0, ...` when FastAPI ran. */
  readonly python: string | undefined;
  readonly comparison: Comparison | undefined;
  readonly error: string | undefined;
  /** Servers that did not start (each left out of its set; the others ran). */
  readonly problems: string[];
  readonly profiles: PeerProfile[];
}

/** Everything {@link runPeers} needs from the run. */
export interface PeersContext {
  readonly options: BenchOptions;
  readonly deadline: bigint;
  readonly serverCore: number;
  readonly log: (line: string) => void;
  /** Where `--profile` writes its profiles (undefined: no profiling). */
  readonly profileDir: string | undefined;
}

/** The python that runs FastAPI: STATUSKIT_PYTHON, else Debian's. */
const PYTHON = process.env.STATUSKIT_PYTHON ?? '/usr/bin/python3';
const FASTAPI_APP = fileURLToPath(
  new URL('../../src/servers/peers/fastapi_app.py', import.meta.url),
);
// Resolves uvicorn's `auto` the way uvicorn does, so the report says what served.
const PYTHON_FACTS = [
  'import importlib.util as u, fastapi, starlette, pydantic, uvicorn',
  "loop = 'uvloop' if u.find_spec('uvloop') else 'asyncio'",
  "http = 'httptools' if u.find_spec('httptools') else 'h11'",
  "print(f'fastapi {fastapi.__version__}, starlette {starlette.__version__}, pydantic {pydantic.VERSION}, uvicorn {uvicorn.__version__} ({loop} loop, {http})')",
].join('\n');
/** Servers profiled per route with --profile: statuskit on Fastify and the peer it must beat. */
const PROFILED = [REFERENCE, 'fastify-zod'];
const SLICE_OVERHEAD_S = 0.08;

const nodeServer = (id: string): string => `peers/${id}`;

function built(id: string): boolean {
  return existsSync(fileURLToPath(new URL(`../servers/${nodeServer(id)}.js`, import.meta.url)));
}

/** FastAPI's versions, or why it cannot run. */
function pythonFacts(): { facts: string } | { missing: string } {
  const out = runSync(PYTHON, ['-c', PYTHON_FACTS])?.trim();
  if (out !== undefined && out !== '') return { facts: out };
  return {
    missing: `${PYTHON} cannot import fastapi and uvicorn: install them with \`apt-get install python3-fastapi python3-uvicorn\`, or point STATUSKIT_PYTHON at a python that has them`,
  };
}

/** Seconds the peers phase takes with `servers` processes per set (contenders + control). */
export function peersSeconds(o: BenchOptions, servers: number): number {
  const routes = PEER_SCENARIOS.filter((s) => o.routes.includes(s.id)).length;
  const slices = routes * servers;
  const profile = o.profile ? routes * PROFILED.length * (profileSeconds(o) + 1) : 0;
  return (
    o.epochs * (slices * (o.warmupSeconds + SLICE_OVERHEAD_S) + servers * 1.5) +
    o.pairs * slices * (o.sliceSeconds + SLICE_OVERHEAD_S) +
    profile
  );
}

/** One round of the peers phase, seconds: no round starts later than this before the end. */
export function peersRoundSeconds(o: BenchOptions): number {
  return PEER_SCENARIOS.length * (o.peers.length + 1) * (o.sliceSeconds + SLICE_OVERHEAD_S);
}

function profileSeconds(o: BenchOptions): number {
  return Math.min(10, Math.max(1, o.pairs * o.sliceSeconds));
}

async function profileRoutes(
  lineup: Lineup,
  comparison: Comparison,
  o: BenchOptions,
  dir: string,
): Promise<PeerProfile[]> {
  const out: PeerProfile[] = [];
  for (const s of comparison.series.filter((x) => x.checked)) {
    for (const id of PROFILED) {
      const server = lineup.find(([role]) => role === id)?.[1];
      if (server === undefined || s.excluded.includes(id)) continue;
      const file = join(dir, `${id}-${s.scenario.id}.cpuprofile`);
      await server.profile('start');
      const slice = await runSlice(
        server,
        s.scenario,
        { seconds: profileSeconds(o) },
        { connections: o.connections },
      );
      await server.profile({ stopInto: file });
      out.push({
        route: s.scenario.id,
        server: id,
        requests: slice.requests,
        cpuUsPerReq: slice.cpuUsPerReq,
        ...summarizeProfile(file, 12),
      });
    }
  }
  return out;
}

async function startContender(c: Contender, suffix: string, core: number): Promise<ServerProcess> {
  if (c.runtime === 'python') {
    return startServer(c.id, { core, nodeArgs: [], suffix, command: [PYTHON, FASTAPI_APP] });
  }
  return startServer(nodeServer(c.id), { core, nodeArgs: [], suffix });
}

/**
 * The peers phase: statuskit on each adapter and the libraries a user would
 * pick instead, on the same four routes, every answer checked before load,
 * a second statuskit-on-Fastify process as the A/A control, fresh processes
 * for every set, the rounds measured by {@link compare} with statuskit on
 * Fastify as the reference every ratio divides by.
 */
export async function runPeers(ctx: PeersContext): Promise<PeersRun> {
  const { options: o, log } = ctx;
  const scenarios = PEER_SCENARIOS.filter((s) => o.routes.includes(s.id));
  const py = o.peers.includes('fastapi') ? pythonFacts() : undefined;
  const contenders: ContenderRun[] = CONTENDERS.filter((c) => o.peers.includes(c.id)).map((c) => ({
    id: c.id,
    title: c.title,
    statuskit: c.statuskit,
    skipped:
      c.runtime === 'python'
        ? py !== undefined && 'missing' in py
          ? py.missing
          : undefined
        : built(c.id)
          ? undefined
          : `dist/servers/${nodeServer(c.id)}.js is not built`,
  }));
  for (const c of contenders)
    if (c.skipped !== undefined) log(`peers: ${c.title} skipped: ${c.skipped}`);
  const python = py !== undefined && 'facts' in py ? py.facts : undefined;
  const problems: string[] = [];
  const result = (
    comparison: Comparison | undefined,
    error?: string,
    profiles: PeerProfile[] = [],
  ) => ({ contenders, python, comparison, error, problems, profiles }) satisfies PeersRun;
  if (scenarios.length === 0) return result(undefined, 'no peers route in --routes');
  if (contenders[0]!.skipped !== undefined) return result(undefined, contenders[0]!.skipped);

  const { profileDir } = ctx;
  const parts: Comparison[] = [];
  let profiles: PeerProfile[] = [];
  let firstRound = 0;
  for (let e = 0; e < o.epochs; e++) {
    if (e > 0 && process.hrtime.bigint() > ctx.deadline) break;
    const pairs = Math.floor(o.pairs / o.epochs) + (e < o.pairs % o.epochs ? 1 : 0);
    const tag = o.epochs === 1 ? '' : ` #${e + 1}`;
    const started: [string, ServerProcess][] = [];
    try {
      for (const c of contenders.filter((x) => x.skipped === undefined)) {
        const def = CONTENDERS.find((x) => x.id === c.id)!;
        try {
          started.push([c.id, await startContender(def, tag, ctx.serverCore)]);
        } catch (err) {
          // One peer that does not start is reported; the others are still measured.
          if (c.id === REFERENCE) throw err;
          const problem = `${c.id}${tag} did not start: ${(err as Error).message.split('\n')[0]}`;
          problems.push(problem);
          log(`  ! ${problem}`);
        }
      }
      const ref = CONTENDERS[0]!;
      started.push([CONTROL, await startContender(ref, ` (A/A)${tag}`, ctx.serverCore)]);
      log(`peers${tag}: ${started.map(([id, s]) => `${id} pid ${s.pid}`).join(', ')}`);
      const part = await compare(started, scenarios, {
        pairs,
        sliceSeconds: o.sliceSeconds,
        warmupSeconds: o.warmupSeconds,
        connections: o.connections,
        deadline: ctx.deadline,
        log,
        firstRound,
      });
      parts.push(part);
      firstRound += part.pairsDone;
      // On the first set's processes, once their rounds are done: later sets start afresh.
      if (profileDir !== undefined && e === 0) {
        log(`peers: profiling ${PROFILED.join(' and ')} route by route ...`);
        profiles = await profileRoutes(started, part, o, profileDir);
      }
    } catch (err) {
      return result(parts.length > 0 ? pool(parts) : undefined, (err as Error).message, profiles);
    } finally {
      for (const [, s] of started) await s.stop();
    }
  }
  return result(pool(parts), undefined, profiles);
}
