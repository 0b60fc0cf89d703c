import { writeFileSync } from 'node:fs';
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

function parse(argv: readonly string[]): Args {
  const out: Args = {
    requests: 100_000,
    warmup: undefined,
    concurrency: 32,
    samples: 4,
    adapters: process.env.RELIABILITY_ADAPTERS ? adapterNames() : [...FRAMEWORKS],
    json: undefined,
    maxGrowth: 5,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') continue;
    const value = argv[++i];
    if (value === undefined) throw new Error(`${arg} needs a value`);
    const n = Number(value.replaceAll('_', ''));
    switch (arg) {
      case '--requests':
        out.requests = n;
        break;
      case '--warmup':
        out.warmup = n;
        break;
      case '--concurrency':
        out.concurrency = n;
        break;
      case '--samples':
        out.samples = n;
        break;
      case '--max-growth':
        out.maxGrowth = n;
        break;
      case '--adapters':
        out.adapters = value.split(',');
        break;
      case '--json':
        out.json = value;
        break;
      default:
        throw new Error(`unknown option ${arg}`);
    }
  }
  return out;
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
