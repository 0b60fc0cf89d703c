import { fileURLToPath } from 'node:url';
import { runSync, type Service, start } from '@statuskit/proc';
import { processCpuNs } from './cpu.js';
import type { MemorySample, ProfileAnswer, ServerQuery, TickAnswer } from './shared/serve.js';

/** A benchmark server running in its own process. */
export interface ServerProcess {
  /** `express-bare`, `koa-statuskit`, ... plus a suffix for a second copy. */
  readonly name: string;
  readonly pid: number;
  readonly url: string;
  /** CPU the process has used so far, ns. */
  cpuNs(): Promise<number>;
  /** Memory as the server reports it, optionally after a full GC (Node servers only). */
  memory(gc: boolean): Promise<MemorySample>;
  /**
   * Starts V8's sampling profiler in the server (Node servers only), or stops it
   * and has the server write the `.cpuprofile` to `file`.
   */
  profile(action: 'start' | { readonly stopInto: string }): Promise<void>;
  /** What one `process.nextTick` call costs in the server now, ns (Node servers; else undefined). */
  tickNs(): Promise<number | undefined>;
  /** SIGTERM by PID, SIGKILL after a grace period. */
  stop(): Promise<void>;
}

/** True when `taskset` exists, so server and load generator get separate cores. */
export const TASKSET: boolean = runSync('taskset', ['-p', String(process.pid)]) !== undefined;

/** Pins this process (all its threads) to one core; false when taskset is missing. */
export function pinSelf(core: number): boolean {
  if (!TASKSET) return false;
  return runSync('taskset', ['-a', '-p', '-c', String(core), String(process.pid)]) !== undefined;
}

/** `command...` run on `core` (taskset), or as it is when taskset is missing. */
export function onCore(core: number, command: readonly string[]): [string, string[]] {
  return TASKSET ? ['taskset', ['-c', String(core), ...command]] : [command[0]!, command.slice(1)];
}

/** Options of {@link startServer}. */
export interface StartOptions {
  readonly core: number;
  readonly nodeArgs: readonly string[];
  readonly suffix?: string;
  readonly timeoutMs?: number;
  /**
   * A server that is not one of dist/servers/*.js (FastAPI on uvicorn): its whole
   * command line, which must print `PORT <n>` too. It gets no IPC channel.
   */
  readonly command?: readonly string[];
}

/**
 * Starts `dist/servers/<name>.js` (or `command`) pinned to `core` and waits for its
 * `PORT n` line; @statuskit/proc stops it by PID on stopAll or when this process exits.
 */
export async function startServer(name: string, options: StartOptions): Promise<ServerProcess> {
  const file = fileURLToPath(new URL(`./servers/${name}.js`, import.meta.url));
  const label = name + (options.suffix ?? '');
  const ipc = options.command === undefined;
  let service: Service;
  try {
    const [cmd, args] = onCore(
      options.core,
      options.command ?? [process.execPath, ...options.nodeArgs, file],
    );
    service = await start(cmd, args, {
      ready: /PORT (\d+)\n/,
      ipc,
      timeoutMs: options.timeoutMs ?? 15_000,
    });
  } catch (e) {
    throw new Error(`[statuskit] bench: server ${label}: ${(e as Error).message}`);
  }
  const { pid } = service;
  return {
    name: label,
    pid,
    url: `http://127.0.0.1:${service.match[1]}`,
    cpuNs: () => processCpuNs(pid),
    memory: async (gc) => {
      if (!ipc)
        throw new Error(`[statuskit] bench: ${label} is not a Node server: no memory figures`);
      return (await service.ask({ type: 'memory', gc } satisfies ServerQuery)) as MemorySample;
    },
    profile: async (action) => {
      if (!ipc) throw new Error(`[statuskit] bench: ${label} is not a Node server: no profile`);
      const query: ServerQuery =
        action === 'start'
          ? { type: 'profile', file: undefined }
          : { type: 'profile', file: action.stopInto };
      const answer = (await service.ask(query, 60_000)) as ProfileAnswer;
      if (answer.error !== undefined) {
        throw new Error(`[statuskit] bench: ${label}: profiler: ${answer.error}`);
      }
    },
    tickNs: async () =>
      ipc
        ? ((await service.ask({ type: 'tick' } satisfies ServerQuery)) as TickAnswer).ns
        : undefined,
    stop: () => service.stop(),
  };
}
