import { describe, expect, it } from 'vitest';
import { adapterNames, loadTargets } from '../src/fleet.js';
import { renderHostFailure, runHostFuzz } from '../src/host-run.js';
import { fuzzSettings } from '../src/settings.js';

// The host-app pass: statuskit inside each framework's host app (the coexistence suite's),
// random requests to the app's paths and to the kit's. The app's must answer byte for byte
// as without statuskit; the kit's as the statuskit-only app of the same framework.
const settings = fuzzSettings();
const names = adapterNames().filter((n) => n !== 'reference');

describe.each(names)('%s inside its host app', (name) => {
  it.runIf(settings.hostRuns > 0)(
    `${settings.hostRuns} generated requests: the app's answers unchanged, the kit's as statuskit-only`,
    { timeout: Math.max(600_000, settings.hostRuns * 60 + 60_000) },
    async () => {
      const [target] = await loadTargets([name]);
      const report = await runHostFuzz(target!, settings, settings.hostRuns);
      console.log(
        `[reliability] host ${name}: ${report.requests} requests (app ${report.owners.app}, kit ${report.owners.kit}), seed ${report.seed}; tolerated ${JSON.stringify(report.tolerated)}`,
      );
      if (report.failure !== undefined) expect.fail(renderHostFailure(report));
      expect(report.requests).toBeGreaterThanOrEqual(settings.hostRuns);
      expect(report.owners.app).toBeGreaterThan(0);
      expect(report.owners.kit).toBeGreaterThan(0);
    },
  );
});
