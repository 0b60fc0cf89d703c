import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the parent asks a server over IPC, and what the server answers. */
export type ServerQuery = { readonly type: 'memory'; readonly gc: boolean };

/** A server's memory figures, in bytes. */
export interface MemorySample {
  readonly type: 'memory';
  readonly rss: number;
  readonly heapUsed: number;
  readonly heapTotal: number;
  readonly external: number;
}

type Gc = () => void;

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
