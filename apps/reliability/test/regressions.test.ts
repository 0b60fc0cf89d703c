import { beforeAll, describe, expect, it } from 'vitest';
import { countedSeedApp } from '../src/apps.js';
import { DISAGREE, renderTrial, routeOracle, trial } from '../src/differential.js';
import { adapterNames, type Fleet, loadTargets, startFleet, type Target } from '../src/fleet.js';
import { FUZZ_BODY_TIMEOUT_MS } from '../src/fuzz-run.js';
import { knownDivergences, matches, type RegressionCase } from '../src/regression.js';
import { regressions } from './regressions.js';

// Replays every request the fuzzer ever caught, each on a fresh app per adapter.
const names = adapterNames();
const oracle = routeOracle(countedSeedApp().routes);
let targets: Target[];

beforeAll(async () => {
  targets = await loadTargets(names);
});

async function replay(c: RegressionCase): Promise<void> {
  const fleet: Fleet = await startFleet(targets, {
    app: () => countedSeedApp({ options: { bodyTimeout: FUZZ_BODY_TIMEOUT_MS } }),
    bodyParser: c.bodyParser === true,
  });
  try {
    const t = await trial(fleet, c.request, oracle, 5000);
    const accepted = c.accepted;
    let problems = t.problems;
    if (accepted !== undefined && !t.verdict.agree) {
      // The accepted divergence must explain the disagreement exactly as the fuzzer tolerates it.
      const explained = knownDivergences(c.request, t.outcomes, t.verdict, [accepted]);
      expect(explained, `not explained by "${accepted.name}"\n${renderTrial(t)}`).toBeDefined();
      problems = problems.filter((p) => p !== DISAGREE);
    }
    expect(problems, renderTrial(t)).toEqual([]);
    if (c.expect === 'none') {
      for (const [name, o] of t.outcomes) expect(o.answers, name).toEqual([]);
    } else if (c.expect !== undefined) {
      for (const [name, o] of t.outcomes) {
        const first = o.answers[0];
        const deviates = accepted?.adapters.includes(name.replace(/-\d+$/, '')) === true;
        const want = accepted !== undefined && deviates ? accepted.answer : c.expect;
        expect(matches(first, want), `${name}: ${first?.status} ${first?.body}`).toBe(true);
      }
    }
  } finally {
    await fleet.close();
  }
}

describe(`regression cases on ${names.join(', ')}`, () => {
  for (const c of regressions) {
    const open = c.open?.adapters.some((a) => names.includes(a)) === true;
    // An open case is an expected failure: once the adapter is fixed it passes,
    // it.fails reports that, and the `open` entry must go.
    const run = open ? it.fails : it;
    const note = open
      ? ` [open on ${c.open!.adapters.join(', ')}: ${c.open!.note}]`
      : c.accepted !== undefined
        ? ` [accepted on ${c.accepted.adapters.join(', ')}: ${c.accepted.name}]`
        : '';
    run(`${c.id} ${c.title}${note}`, () => replay(c));
  }
});
