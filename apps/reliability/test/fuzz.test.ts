import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { adapterNames, loadTargets } from '../src/fleet.js';
import { type FuzzReport, renderFailure, runFuzz } from '../src/fuzz-run.js';
import { tolerances } from '../src/regression.js';
import { fuzzSettings } from '../src/settings.js';
import { regressions } from './regressions.js';

// Differential HTTP fuzzing: every generated request goes to the seed app on
// every adapter at once; status, significant headers and body bytes must agree.
// A second pass does the same with each framework's JSON body parser in front.
const settings = fuzzSettings();
const names = adapterNames();
const reports: FuzzReport[] = [];

function judge(report: FuzzReport, runs: number): void {
  reports.push(report);
  if (settings.report !== undefined) {
    writeFileSync(settings.report, `${JSON.stringify(reports, null, 2)}\n`);
  }
  console.log(
    `[reliability] fuzz${report.bodyParser ? ' (body parser)' : ''}: ${report.requests} requests x ${report.adapters.length} adapters in ${report.ms} ms, seed ${report.seed}; statuses ${JSON.stringify(report.statuses)}; tolerated divergences ${JSON.stringify(report.known)}`,
  );
  if (report.failure !== undefined) expect.fail(renderFailure(report));
  expect(report.requests).toBeGreaterThanOrEqual(runs);
  for (const [name, t] of Object.entries(report.tasks)) {
    expect(t.ran, `${name}: background tasks queued vs run`).toBe(t.expected);
  }
}

// Long runs (the recorded 100,000) need more than the config's 10 minutes.
const bound = (runs: number): number => Math.max(600_000, runs * 40 + 60_000);

describe(`differential fuzzing on ${names.join(', ')}`, () => {
  it.runIf(settings.runs > 0)(
    `${settings.runs} generated requests: same answers, no hang, no stray 5xx, no leaks`,
    {
      timeout: bound(settings.runs),
    },
    async () => {
      const report = await runFuzz(
        await loadTargets(names),
        settings,
        tolerances(regressions, false),
      );
      judge(report, settings.runs);
    },
  );

  it.runIf(settings.bodyParserRuns > 0)(
    `${settings.bodyParserRuns} more with each framework's JSON body parser installed first`,
    { timeout: bound(settings.bodyParserRuns) },
    async () => {
      const pass = { runs: settings.bodyParserRuns, bodyParser: true };
      const report = await runFuzz(
        await loadTargets(names),
        settings,
        tolerances(regressions, true),
        pass,
      );
      judge(report, pass.runs);
    },
  );
});
