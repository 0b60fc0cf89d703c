import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from '@statuskit/proc';
import { onCore } from './proc.js';

// The core alone, no HTTP: `vitest bench` on packages/core/bench/*.bench.ts (tinybench),
// which import the core's internals by path. This file only runs them and reads the results.

/** One micro-benchmark case: tinybench's timing of one op and what the op allocates. */
export interface MicroCase {
  readonly group: 'resolve' | 'exchange';
  readonly title: string;
  readonly status: number;
  readonly medianNs: number;
  readonly p99Ns: number;
  /** Relative margin of error of the mean, percent. */
  readonly rme: number;
  readonly samples: number;
  /** JS heap bytes one op allocates (GCs during the count included). */
  readonly heapBytesPerOp: number;
}

/** What the micro phase reports. */
export interface MicroReport {
  readonly cases: MicroCase[];
}

// What vitest's --outputJson holds (tinybench's figures, in ms) and what the bench files append.
type Timing = { name: string; median: number; p99: number; rme: number; sampleCount: number };
type Output = { files: Array<{ groups: Array<{ fullName: string; benchmarks: Timing[] }> }> };
type Allocation = Pick<MicroCase, 'group' | 'status' | 'heapBytesPerOp'> & { name: string };

const CORE = fileURLToPath(new URL('../../../packages/core/', import.meta.url));

/** Runs the core's `vitest bench` on `core`, bounded by `timeoutSeconds`. */
export async function runMicro(
  quick: boolean,
  core: number,
  timeoutSeconds: number,
): Promise<MicroReport> {
  const vitest = join(
    dirname(createRequire(join(CORE, 'package.json')).resolve('vitest/package.json')),
    'vitest.mjs',
  );
  const dir = mkdtempSync(join(tmpdir(), 'statuskit-micro-'));
  try {
    const json = join(dir, 'bench.json');
    const alloc = join(dir, 'alloc.jsonl');
    const [cmd, args] = onCore(core, [
      process.execPath,
      vitest,
      'bench',
      '--run',
      '--no-file-parallelism',
      '--outputJson',
      json,
    ]);
    const r = await run(cmd, args, {
      cwd: CORE,
      env: {
        STATUSKIT_BENCH_ALLOC: alloc,
        STATUSKIT_BENCH_QUICK: quick ? '1' : '0',
        NO_COLOR: '1',
      },
      timeoutMs: timeoutSeconds * 1000,
    });
    if (r.code !== 0) {
      const why = r.timedOut ? `timed out after ${timeoutSeconds} s` : `exit ${r.code ?? r.signal}`;
      throw new Error(`vitest bench in packages/core: ${why}\n${r.output.slice(-2000)}`);
    }
    const timing = new Map<string, Timing>();
    for (const f of (JSON.parse(readFileSync(json, 'utf8')) as Output).files) {
      for (const g of f.groups) {
        for (const b of g.benchmarks) timing.set(`${g.fullName.split(' > ').at(-1)}/${b.name}`, b);
      }
    }
    const cases = readFileSync(alloc, 'utf8')
      .trim()
      .split('\n')
      .map((line): MicroCase => {
        const { name, ...a } = JSON.parse(line) as Allocation;
        const t = timing.get(`${a.group}/${name}`);
        if (t === undefined) throw new Error(`vitest bench reported no timing for ${name}`);
        const ns = 1e6; // tinybench reports milliseconds
        const { median, p99, rme, sampleCount } = t;
        return {
          ...a,
          title: name,
          medianNs: median * ns,
          p99Ns: p99 * ns,
          rme,
          samples: sampleCount,
        };
      });
    return { cases };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
