import { writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { Session } from 'node:inspector/promises';
import type { AddressInfo } from 'node:net';

/**
 * What the parent asks a server over IPC: memory figures, or the CPU profiler
 * started (`file` undefined) or stopped with its profile written to `file`.
 */
export type ServerQuery =
  | { readonly type: 'memory'; readonly gc: boolean }
  | { readonly type: 'profile'; readonly file: string | undefined }
  | { readonly type: 'tick' };

/** The answer to a profile query. */
export interface ProfileAnswer {
  readonly type: 'profile';
  readonly error: string | undefined;
}

/** A server's memory figures, in bytes. */
export interface MemorySample {
  readonly type: 'memory';
  readonly rss: number;
  readonly heapUsed: number;
  readonly heapTotal: number;
  readonly external: number;
}

/** The answer to a tick query: what one `process.nextTick` call costs in this process now. */
export interface TickAnswer {
  readonly type: 'tick';
  readonly ns: number;
}

type Gc = () => void;

const noop = (): void => {};

// Best of 7 rounds of 2,000 calls, the queue drained between rounds. A process
// settles at start-up with nextTick at about 30 ns or about 265 ns a call, and
// keeps that state (docs/benchmarks.md, "Fastify: why the last figures miss"):
// the report prints it beside the figures it explains.
async function tickCost(): Promise<TickAnswer> {
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 7; round++) {
    await new Promise((resolve) => setImmediate(resolve));
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < 2000; i++) process.nextTick(noop);
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 2000);
  }
  return { type: 'tick', ns: best };
}

// Profiles only the slices the parent asks for (one route after warm-up), where
// --cpu-prof would take the whole life of the process, start-up included. The
// inspector is loaded only once asked: a server that is not profiled pays nothing.
let session: Session | undefined;

async function profile(file: string | undefined): Promise<ProfileAnswer> {
  try {
    if (file === undefined) {
      const { Session } = await import('node:inspector/promises');
      session = new Session();
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
    } else {
      const s = session;
      if (s === undefined) throw new Error('the profiler was not started');
      session = undefined;
      const { profile } = await s.post('Profiler.stop');
      s.disconnect();
      writeFileSync(file, JSON.stringify(profile));
    }
    return { type: 'profile', error: undefined };
  } catch (e) {
    return { type: 'profile', error: (e as Error).message };
  }
}

/**
 * Prints `PORT <n>` for the parent, answers its memory queries, and exits
 * cleanly on SIGTERM (so `--cpu-prof` writes its profile) or as soon as the
 * parent goes away, so no server outlives a crashed run.
 */
export function announce(server: Server, close: () => Promise<void>): void {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`PORT ${port}\n`);
  let closing = false;
  const exit = (): void => {
    if (closing) return;
    closing = true;
    const timer = setTimeout(() => process.exit(0), 1000);
    timer.unref();
    close().then(
      () => process.exit(0),
      () => process.exit(0),
    );
  };
  process.once('SIGTERM', exit);
  process.once('disconnect', exit);
  process.on('message', (query: ServerQuery) => {
    if (query?.type === 'profile') {
      void profile(query.file).then((answer) => process.send?.(answer));
      return;
    }
    if (query?.type === 'tick') {
      void tickCost().then((answer) => process.send?.(answer));
      return;
    }
    if (query?.type !== 'memory') return;
    const gc = (globalThis as { gc?: Gc }).gc;
    if (query.gc && gc !== undefined) {
      gc();
      gc();
    }
    const m = process.memoryUsage();
    const sample: MemorySample = {
      type: 'memory',
      rss: m.rss,
      heapUsed: m.heapUsed,
      heapTotal: m.heapTotal,
      external: m.external,
    };
    process.send?.(sample);
  });
}

/** Closes a node:http server, ending its keep-alive sockets first. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}
