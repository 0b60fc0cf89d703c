import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { adapterNames, FRAMEWORKS } from './fleet.js';
import { mb, runSoak, type SoakReport } from './soak-run.js';

// pnpm --filter @statuskit/reliability soak -- --requests 1000000
//   [--adapters express,koa,fastify] [--warmup N] [--concurrency N] [--samples N] [--json file]
// One adapter after the other, each server in its own process; prints a
// summary table and exits 1 on a wrong answer, a task not run exactly once,
// heap growth after warm-up, or RSS growth from the middle third to the last (floor to floor), past --max-growth (5%).

interface Args {
  requests: number;
  warmup: number | undefined;
  concurrency: number;
  samples: number;
  adapters: string[];
  json: string | undefined;
  maxGrowth: number;
}

/** A number as given (`1_000_000` allowed). */
function count(name: string, raw: string): number {
  const n = Number(raw.replaceAll('_', ''));
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} needs a number, got ${raw}`);
  return n;
}

function parse(argv: readonly string[]): Args {
  const number = { type: 'string' } as const;
  const { values: v } = parseArgs({
    args: argv.filter((a) => a !== '--'),
    options: {
      requests: number,
      warmup: number,
      concurrency: number,
      samples: number,
      'max-growth': number,
      adapters: { type: 'string' },
      json: { type: 'string' },
    },
  });
  return {
    requests: v.requests === undefined ? 100_000 : count('requests', v.requests),
    warmup: v.warmup === undefined ? undefined : count('warmup', v.warmup),
    concurrency: v.concurrency === undefined ? 32 : count('concurrency', v.concurrency),
    samples: v.samples === undefined ? 4 : count('samples', v.samples),
    maxGrowth: v['max-growth'] === undefined ? 5 : count('max-growth', v['max-growth']),
    adapters:
      v.adapters?.split(',') ??
      (process.env.RELIABILITY_ADAPTERS ? adapterNames() : [...FRAMEWORKS]),
    json: v.json,
  };
}

async function main(): Promise<void> {
  const args = parse(process.argv.slice(2));
  const reports: SoakReport[] = [];
  for (const adapter of args.adapters) {
    reports.push(
      await runSoak({
        adapter,
        requests: args.requests,
        warmup: args.warmup ?? Math.min(50_000, Math.ceil(args.requests / 10)),
        concurrency: args.concurrency,
        samples: args.samples,
        log: (line) => console.log(line),
      }),
    );
  }
  console.log(
    '\nadapter | requests | req/s | wrong | heap warm -> end | rss warm -> end | tasks queued/ran',
  );
  for (const r of reports) {
    console.log(
      `${r.adapter} | ${r.requests} | ${r.perSecond} | ${r.wrongCount} | ${mb(r.warm.heapUsed)} -> ${mb(r.end.heapUsed)} (${r.heapGrowth}%) | ${mb(r.warm.rss)} -> ${mb(r.end.rss)} (${r.rssGrowth}%) | ${r.rssLateGrowth}% | ${r.end.queued}/${r.end.ran}`,
    );
    for (const w of r.wrong) console.log(`  wrong: ${w}`);
  }
  if (args.json !== undefined) writeFileSync(args.json, `${JSON.stringify(reports, null, 2)}\n`);
  const bad = reports.filter(
    (r) =>
      r.wrongCount > 0 ||
      r.end.queued !== r.end.ran ||
      r.heapGrowth > args.maxGrowth ||
      r.rssLateGrowth > args.maxGrowth,
  );
  if (bad.length > 0) {
    console.error(`\nFAILED: ${bad.map((r) => r.adapter).join(', ')}`);
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(2);
});
