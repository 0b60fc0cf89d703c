import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stopAll } from '@statuskit/proc';
import { type Comparison, compare, type Lineup, pool } from './compare.js';
import { load, machine } from './machine.js';
import { runMicro } from './micro.js';
import { type BenchOptions, type Framework, parseOptions, USAGE } from './options.js';
import { peersRoundSeconds, peersSeconds, runPeers } from './peers/run.js';
import { PEER_SCENARIOS } from './peers/scenarios.js';
import { pinSelf, type ServerProcess, startServer } from './proc.js';
import { summarizeProfile } from './profile-summary.js';
import { renderReport } from './report.js';
import type { FrameworkRun, RunResult } from './result.js';
import { SCENARIOS } from './scenarios.js';
import { soak } from './soak.js';

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

const SERVER_CORE = 1;
const LOAD_CORE = 0;
const SLICE_OVERHEAD_S = 0.08;

function serverFile(name: string): string {
  return fileURLToPath(new URL(`./servers/${name}.js`, import.meta.url));
}

function estimateSeconds(o: BenchOptions): number {
  const routes = o.routes.length;
  const perFramework =
    o.epochs * (routes * 3 * (o.warmupSeconds + SLICE_OVERHEAD_S) + 2) +
    o.pairs * routes * 3 * (o.sliceSeconds + SLICE_OVERHEAD_S);
  let total = 0;
  if (o.phases.includes('compare')) total += perFramework * o.frameworks.length;
  // The peers' servers plus the A/A control.
  if (o.phases.includes('peers')) total += peersSeconds(o, o.peers.length + 1);
  if (o.phases.includes('micro')) total += o.quick ? 15 : 40;
  if (o.phases.includes('soak')) total += (o.soak / 3000 + 5) * 2 * o.frameworks.length;
  return total;
}

async function runFramework(
  fw: Framework,
  o: BenchOptions,
  deadline: bigint,
  profileDir: string | undefined,
): Promise<FrameworkRun> {
  const skName = `${fw}-statuskit`;
  const missing = existsSync(serverFile(skName))
    ? undefined
    : `dist/servers/${skName}.js is not built (is the @statuskit/${fw} adapter built?)`;
  const started: ServerProcess[] = [];
  const profiles: FrameworkRun['profiles'][number][] = [];
  const args = (label: string): string[] =>
    profileDir === undefined
      ? []
      : ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${label}.cpuprofile`];
  const start = async (name: string, suffix = ''): Promise<ServerProcess> => {
    const label = `${name}${suffix}`;
    const s = await startServer(name, {
      core: SERVER_CORE,
      nodeArgs: args(label.replace(/[^a-z0-9-]/gi, '')),
      suffix,
    });
    started.push(s);
    return s;
  };
  try {
    // One process's steady state can differ from another's of the same code by more than the
    // margins measured here (docs/benchmarks.md, "The A/A bias"): fresh processes per epoch.
    const epochs = profileDir === undefined ? o.epochs : 1;
    const scenarios = SCENARIOS.filter((s) => o.routes.includes(s.id));
    const parts: Comparison[] = [];
    let firstRound = 0;
    for (let e = 0; e < epochs; e++) {
      if (e > 0 && process.hrtime.bigint() > deadline) break;
      const pairs = Math.floor(o.pairs / epochs) + (e < o.pairs % epochs ? 1 : 0);
      const tag = epochs === 1 ? '' : ` #${e + 1}`;
      const bare = await start(`${fw}-bare`, tag);
      const sk = missing === undefined ? await start(skName, tag) : undefined;
      const control = await start(`${fw}-bare`, ` (A/A)${tag}`);
      log(
        `${fw}${tag}: bare pid ${bare.pid}, statuskit pid ${sk?.pid ?? '-'}, control pid ${control.pid}`,
      );
      const lineup: Lineup = [
        ['bare', bare],
        ...(sk === undefined ? [] : [['statuskit', sk] as const]),
        ['control', control],
      ];
      const part = await compare(lineup, scenarios, {
        pairs,
        sliceSeconds: o.sliceSeconds,
        warmupSeconds: o.warmupSeconds,
        connections: o.connections,
        deadline,
        log,
        firstRound,
      });
      parts.push(part);
      firstRound += part.pairsDone;
      if (profileDir === undefined) {
        for (const [, s] of lineup) await s.stop();
      }
    }
    return { framework: fw, missing, comparison: pool(parts), error: undefined, profiles };
  } catch (e) {
    return { framework: fw, missing, comparison: undefined, error: (e as Error).message, profiles };
  } finally {
    for (const s of started) await s.stop();
    if (profileDir !== undefined) {
      for (const s of started) {
        const file = join(profileDir, `${s.name.replace(/[^a-z0-9-]/gi, '')}.cpuprofile`);
        if (existsSync(file)) {
          profiles.push({ server: s.name, ...summarizeProfile(file, 15) });
        }
      }
    }
  }
}

async function main(): Promise<number> {
  const o = parseOptions(process.argv.slice(2));
  if (o.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const t0 = process.hrtime.bigint();
  if (cpus().length >= 2 && !pinSelf(LOAD_CORE))
    log('warning: could not pin the load generator (taskset missing)');
  if (cpus().length < 2) log('warning: one core only: server and load generator share it');
  const estimate = estimateSeconds(o);
  const maxSeconds = o.maxSeconds > 0 ? o.maxSeconds : Math.ceil(estimate * 1.5 + 60);
  const end = t0 + BigInt(Math.round(maxSeconds * 1e9));
  // No new round starts after this point, so the run ends within its bound.
  const round = Math.max(
    o.routes.length * 3 * (o.sliceSeconds + SLICE_OVERHEAD_S),
    o.phases.includes('peers') ? peersRoundSeconds(o) : 0,
  );
  const deadline = end - BigInt(Math.round((round + 5) * 1e9));
  // Last resort: whatever hangs, the process exits (and @statuskit/proc kills the servers).
  setTimeout(
    () => {
      log(`[statuskit] bench: exceeded --max-seconds ${maxSeconds}; stopping servers`);
      process.exit(2);
    },
    (maxSeconds + 30) * 1000,
  ).unref();
  log(`statuskit bench: estimated ${Math.round(estimate)} s, bounded at ${maxSeconds} s`);

  const result: RunResult = {
    startedAt: new Date().toISOString(),
    command: ['pnpm bench', ...process.argv.slice(2)].join(' '),
    options: o,
    machine: machine(),
    loadAtEnd: '',
    seconds: 0,
    micro: undefined,
    microError: undefined,
    frameworks: [],
    peers: undefined,
    soak: [],
    soakErrors: [],
  };

  if (o.phases.includes('micro')) {
    log('micro-benchmark of the core ...');
    try {
      result.micro = await runMicro(o.quick, SERVER_CORE, o.quick ? 90 : 300);
    } catch (e) {
      result.microError = (e as Error).message;
    }
  }
  const profileDir = o.profile
    ? join(tmpdir(), `statuskit-bench-profiles-${process.pid}`)
    : undefined;
  if (profileDir !== undefined) {
    mkdirSync(profileDir, { recursive: true });
    log(`CPU profiles go to ${profileDir}`);
  }
  if (o.phases.includes('compare')) {
    for (const fw of o.frameworks) {
      if (process.hrtime.bigint() > deadline) {
        result.frameworks.push({
          framework: fw,
          missing: undefined,
          comparison: undefined,
          error: `not run: the run reached its bound (--max-seconds ${maxSeconds})`,
          profiles: [],
        });
        continue;
      }
      log(`${fw}: comparing ...`);
      result.frameworks.push(await runFramework(fw, o, deadline, profileDir));
    }
  }
  if (o.phases.includes('peers')) {
    if (!PEER_SCENARIOS.some((s) => o.routes.includes(s.id))) {
      // Not an error: --routes picked compare-only routes (return-404, unknown-404).
      log(
        'peers: not run: none of its routes (get-json, post-model, raise-404, delete-204) in --routes',
      );
    } else if (process.hrtime.bigint() > deadline) {
      log('peers: not run: the run reached its bound');
    } else {
      log('peers: statuskit on Fastify against its peers ...');
      result.peers = await runPeers({
        options: o,
        deadline,
        serverCore: SERVER_CORE,
        log,
        profileDir,
      });
    }
  }
  if (o.phases.includes('soak')) {
    // The bare servers soak too, as a reference: growth they share is Node's or the framework's.
    const names = o.frameworks.flatMap((fw) => [`${fw}-statuskit`, `${fw}-bare`]);
    for (const name of names) {
      if (!existsSync(serverFile(name))) {
        result.soakErrors.push(`${name}: not built`);
        continue;
      }
      log(`${name}: soak of ${o.soak} requests ...`);
      let server: ServerProcess | undefined;
      try {
        server = await startServer(name, { core: SERVER_CORE, nodeArgs: ['--expose-gc'] });
        const scenarios = SCENARIOS.filter((s) => o.routes.includes(s.id));
        result.soak.push(await soak(server, scenarios, o.soak, o.connections, end));
      } catch (e) {
        result.soakErrors.push(`${name}: ${(e as Error).message}`);
      } finally {
        await server?.stop();
      }
    }
  }

  result.loadAtEnd = load();
  result.seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const report = renderReport(result);
  process.stdout.write(`${report}\n`);
  if (o.json !== undefined) writeFileSync(o.json, `${JSON.stringify(result, null, 2)}\n`);
  if (o.markdown !== undefined) writeFileSync(o.markdown, `${report}\n`);
  const broken =
    result.microError !== undefined ||
    result.soakErrors.length > 0 ||
    result.frameworks.some(
      (f) =>
        f.error !== undefined ||
        f.comparison?.pairsDone === 0 ||
        f.comparison?.series.some((s) => !s.checked || s.problems.length > 0),
    ) ||
    (result.peers !== undefined &&
      (result.peers.error !== undefined ||
        result.peers.problems.length > 0 ||
        result.peers.comparison?.pairsDone === 0 ||
        result.peers.comparison?.series.some((s) => !s.checked || s.problems.length > 0)));
  return broken ? 1 : 0;
}

// On exit @statuskit/proc kills every server still running, by PID.
process.once('SIGINT', () => process.exit(130));
process.once('SIGTERM', () => process.exit(143));

main().then(
  async (code) => {
    await stopAll();
    process.exit(code);
  },
  async (e: unknown) => {
    log((e as Error).message ?? String(e));
    await stopAll();
    process.exit(1);
  },
);
