import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { soakApp } from './apps.js';
import { loadTargets, startFleet } from './fleet.js';

// The server side of a soak, in its own process so its memory is measured
// without the load generator's: `node --import tsx src/soak-server.ts <adapter>`.
// Prints `PORT <n>` once it listens; answers the parent's `sample` over IPC.

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

/** Messages from the parent; the answer to `sample` is a {@link MemorySample}. */
export type SoakCommand = { type: 'sample' };

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
    if (command.type !== 'sample') return;
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
      process.send?.(sample);
    }, 50);
  });
  process.stdout.write(`PORT ${m.port}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
