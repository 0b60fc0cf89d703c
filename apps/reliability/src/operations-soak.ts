import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runOperationsSoak } from './operations-soak-run.js';

// pnpm --filter @statuskit/reliability soak:operations -- --operations 100000
//   [--retention-ms 200] [--max-operations 10000] [--samples 9] [--json file] [--max-growth 5]
// Long-running operations through the memory store (operations-soak-run.ts);
// exits 1 on a wrong answer, or when the heap grew past --max-growth percent
// (warm to end, or floor to floor late in the run).

async function main(): Promise<void> {
  const { values: v } = parseArgs({
    args: process.argv.slice(2).filter((a) => a !== '--'),
    options: {
      operations: { type: 'string', default: '100000' },
      'retention-ms': { type: 'string', default: '200' },
      'max-operations': { type: 'string', default: '10000' },
      samples: { type: 'string', default: '9' },
      'max-growth': { type: 'string', default: '5' },
      json: { type: 'string' },
    },
  });
  const maxGrowth = Number(v['max-growth']);
  const r = await runOperationsSoak({
    operations: Number(v.operations.replaceAll('_', '')),
    retention: Number(v['retention-ms']),
    maxOperations: Number(v['max-operations']),
    samples: Number(v.samples),
    log: (line) => console.log(line),
  });
  const [warm, end] = [r.heapMb[0], r.heapMb.at(-1)];
  console.log(
    `\noperations | ms | ops/s | wrong | heap warm -> end | late floor growth\n${r.operations} | ${r.ms} | ${r.perSecond} | ${r.wrongCount} | ${warm} MB -> ${end} MB (${r.heapGrowth}%) | ${r.heapLateGrowth}%`,
  );
  for (const w of r.wrong) console.log(`  wrong: ${w}`);
  if (v.json !== undefined) writeFileSync(v.json, `${JSON.stringify(r, null, 2)}\n`);
  if (r.wrongCount > 0 || r.heapGrowth > maxGrowth || r.heapLateGrowth > maxGrowth) {
    console.error('\nFAILED');
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(2);
});
