import { appendFileSync } from 'node:fs';
import { GCProfiler, getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** One operation under measurement: its status, now or after an await. */
export type Op = () => number | Promise<number>;

/** tinybench's time per case: `pnpm bench --quick` sets STATUSKIT_BENCH_QUICK=1. */
export const TIMES =
  process.env.STATUSKIT_BENCH_QUICK === '1'
    ? { time: 100, warmupTime: 20 }
    : { time: 1000, warmupTime: 200 };

// A full GC before counting, so garbage from earlier ops is not counted as freed
// here; `gc` exists without --expose-gc once the flag is set at run time.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const ROUNDS = 10_000;

/**
 * JS heap bytes one op allocates: heap growth over `ROUNDS` ops plus what every GC in
 * between reclaimed (V8's GCProfiler reports each GC's before and after), so a GC
 * during the count does not hide allocations. Warms the op up first.
 */
export async function heapBytesPerOp(op: Op): Promise<number> {
  for (let i = 0; i < ROUNDS; i++) await op();
  gc();
  const profiler = new GCProfiler();
  profiler.start();
  const before = getHeapStatistics().used_heap_size;
  for (let i = 0; i < ROUNDS; i++) {
    const r = op();
    if (typeof r !== 'number') await r;
  }
  const after = getHeapStatistics().used_heap_size;
  let freed = 0;
  for (const g of profiler.stop().statistics) {
    freed += g.beforeGC.heapStatistics.usedHeapSize - g.afterGC.heapStatistics.usedHeapSize;
  }
  return (after - before + freed) / ROUNDS;
}

/** What a bench file reports besides time: one line per case. */
export interface Allocation {
  readonly group: string;
  readonly name: string;
  readonly status: number;
  readonly heapBytesPerOp: number;
}

/**
 * Measures each case's allocation and status, then hands them on: appended as JSON
 * lines to `$STATUSKIT_BENCH_ALLOC` (how `pnpm bench` collects them), else printed.
 */
export async function recordAllocations(
  group: string,
  cases: ReadonlyArray<readonly [name: string, op: Op]>,
): Promise<void> {
  const out: Allocation[] = [];
  for (const [name, op] of cases) {
    out.push({ group, name, status: await op(), heapBytesPerOp: await heapBytesPerOp(op) });
  }
  const file = process.env.STATUSKIT_BENCH_ALLOC;
  if (file === undefined || file === '') {
    console.table(
      out.map((a) => ({
        case: a.name,
        status: a.status,
        'heap B/op': Math.round(a.heapBytesPerOp),
      })),
    );
  } else appendFileSync(file, out.map((a) => `${JSON.stringify(a)}\n`).join(''));
}
