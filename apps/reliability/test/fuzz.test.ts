import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { adapterNames, loadTargets } from '../src/fleet.js';
import { renderFailure, runFuzz } from '../src/fuzz-run.js';
import type { OpenDivergence } from '../src/regression.js';
import { fuzzSettings } from '../src/settings.js';
import { regressions } from './regressions.js';

// Differential HTTP fuzzing: every generated request goes to the seed app on
// every adapter at once; status, significant headers and body bytes must agree.
const settings = fuzzSettings();
const names = adapterNames();
const open = regressions.flatMap((r) => (r.open ? [r.open] : [])) as OpenDivergence[];

describe(`differential fuzzing on ${names.join(', ')}`, () => {
  it(`${settings.runs} generated requests: same answers, no hang, no stray 5xx, no leaks`, async () => {
    const report = await runFuzz(await loadTargets(names), settings, open);
    if (settings.report !== undefined) {
      writeFileSync(settings.report, `${JSON.stringify(report, null, 2)}\n`);
    }
    console.log(
      `[reliability] fuzz: ${report.requests} requests x ${report.adapters.length} adapters in ${report.ms} ms, seed ${report.seed}; statuses ${JSON.stringify(report.statuses)}; known divergences ${JSON.stringify(report.known)}`,
    );
    if (report.failure !== undefined) expect.fail(renderFailure(report));
    expect(report.requests).toBeGreaterThanOrEqual(settings.runs);
    for (const [name, t] of Object.entries(report.tasks)) {
      expect(t.ran, `${name}: background tasks of accepted requests`).toBe(t.expected);
    }
  });
});
