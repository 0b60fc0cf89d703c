import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { processCpuNs } from './cpu.js';
import type { MemorySample, ServerQuery } from './shared/serve.js';

/** A benchmark server running in its own process. */
export interface ServerProcess {
  /** `express-bare`, `koa-statuskit`, ... plus a suffix for a second copy. */
  readonly name: string;
  readonly pid: number;
  readonly url: string;
  /** CPU the process has used so far, ns. */
  cpuNs(): number;
  /** Memory as the server reports it, optionally after a full GC. */
  memory(gc: boolean): Promise<MemorySample>;
  /** SIGTERM by PID, SIGKILL after a grace period. */
  stop(): Promise<void>;
}

const live = new Set<ServerProcess>();

function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** True when `taskset` exists, so server and load generator get separate cores. */
export const TASKSET: boolean = hasTaskset();

/** Pins this process (all its threads) to one core; false when taskset is missing. */
export function pinSelf(core: number): boolean {
  if (!TASKSET) return false;
  try {
    execFileSync('taskset', ['-a', '-p', '-c', String(core), String(process.pid)], {
      stdio: 'ignore',
    });
    return true;
  } catch {
    return false;
  }
}

function waitExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Options of {@link startServer}. */
export interface StartOptions {
  readonly core: number;
  readonly nodeArgs: readonly string[];
  readonly suffix?: string;
  readonly timeoutMs?: number;
}

/**
 * Starts `dist/servers/<name>.js` pinned to `core`, waits for its `PORT n`
 * line, and registers it so {@link stopAll} can end it by PID.
 */
export function startServer(name: string, options: StartOptions): Promise<ServerProcess> {
  const file = fileURLToPath(new URL(`./servers/${name}.js`, import.meta.url));
  const node = [...options.nodeArgs, file];
  const child = TASKSET
    ? spawn('taskset', ['-c', String(options.core), process.execPath, ...node], {
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      })
    : spawn(process.execPath, node, { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  const label = name + (options.suffix ?? '');
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const fail = (why: string): void => {
      clearTimeout(timer);
      if (child.pid !== undefined && child.exitCode === null) child.kill('SIGKILL');
      reject(new Error(`[statuskit] bench: server ${label} ${why}\n${stderr}`));
    };
    const timer = setTimeout(
      () => fail(`printed no port within ${options.timeoutMs ?? 15000} ms`),
      options.timeoutMs ?? 15000,
    );
    child.once('error', (e) => fail(`could not start: ${e.message}`));
    child.once('exit', (code, signal) => fail(`exited early (code ${code}, signal ${signal})`));
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /PORT (\d+)\n/.exec(out);
      if (m === null || child.pid === undefined) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      child.stdout?.removeAllListeners('data');
      child.stdout?.resume();
      const pid = child.pid;
      const server: ServerProcess = {
        name: label,
        pid,
        url: `http://127.0.0.1:${m[1]}`,
        cpuNs: () => processCpuNs(pid),
        memory: (gc) =>
          new Promise((res, rej) => {
            const t = setTimeout(() => rej(new Error(`${label}: no memory answer`)), 10000);
            child.once('message', (msg: MemorySample) => {
              clearTimeout(t);
              res(msg);
            });
            const query: ServerQuery = { type: 'memory', gc };
            child.send(query);
          }),
        stop: async () => {
          live.delete(server);
          if (child.exitCode !== null || child.signalCode !== null) return;
          try {
            process.kill(pid, 'SIGTERM');
          } catch {
            return;
          }
          if (await waitExit(child, 5000)) return;
          try {
            process.kill(pid, 'SIGKILL');
          } catch {
            // already gone
          }
          await waitExit(child, 2000);
        },
      };
      live.add(server);
      resolve(server);
    });
  });
}

/** Stops every server still running, each by its PID. */
export async function stopAll(): Promise<void> {
  await Promise.all([...live].map((s) => s.stop()));
}

/** Synchronous last resort for a parent that is exiting: SIGKILL by PID. */
export function killAllNow(): void {
  for (const s of live) {
    try {
      process.kill(s.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  live.clear();
}
