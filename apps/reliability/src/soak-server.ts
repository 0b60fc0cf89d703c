import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { soakApp } from './apps.js';
import { loadTargets, startFleet } from './fleet.js';

// The server side of a soak, in its own process so its memory is measured
// without the load generator's: `node --import tsx src/soak-server.ts <adapter>`.
// Talks to the parent over IPC: `ready` with the port, `sample` on request.

/** A memory sample after a full garbage collection. */
export interface MemorySample {
  readonly rss: number;
  readonly heapUsed: number;
  readonly heapTotal: number;
  readonly external: number;
  /** Background tasks queued and run so far. */
  readonly queued: number;
  readonly ran: number;
}

/** Messages from the parent. */
export type SoakCommand = { type: 'sample' } | { type: 'stop' };

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

async function main(): Promise<void> {
  const name = process.argv[2];
  if (name === undefined || process.send === undefined) {
    throw new Error('usage: forked by soak.ts with the adapter name as argument');
  }
  const [target] = await loadTargets([name]);
  const fleet = await startFleet([target!], { app: soakApp });
  const m = fleet.members[0]!;
  process.on('message', (command: SoakCommand) => {
    if (command.type === 'stop') {
      void fleet.close().then(() => process.exit(0));
      return;
    }
    // Tasks run after the response; give the last ones a moment before counting.
    setTimeout(() => {
      gc();
      gc();
      const mem = process.memoryUsage();
      const sample: MemorySample = {
        rss: mem.rss,
        heapUsed: mem.heapUsed,
        heapTotal: mem.heapTotal,
        external: mem.external,
        queued: m.app.queued.count,
        ran: m.app.counts.ran,
      };
      process.send?.({ type: 'sample', sample });
    }, 50);
  });
  process.send({ type: 'ready', port: m.port });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
