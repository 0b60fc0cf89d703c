import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { soakApp } from '../src/apps.js';
import { type Simple, simpleRequest } from '../src/client.js';
import { adapterNames, type Fleet, FRAMEWORKS, loadTargets, startFleet } from '../src/fleet.js';
import { encodeRequest } from '../src/fuzz-request.js';
import { checkWire, MIX_STEPS, type MixStep } from '../src/mix.js';
import { sendRaw } from '../src/raw-http.js';
import { envInt } from '../src/settings.js';
import { mb, runSoak } from '../src/soak-run.js';

// Load: 500 connections at once with mixed outcomes, every answer checked;
// and a short soak per adapter (the full 1,000,000-request run is
// `pnpm --filter @statuskit/reliability soak -- --requests 1000000`, recorded
// in docs/reliability.md): every answer right, tasks run exactly once, heap flat.

const names = adapterNames().filter((n) => n !== 'reference');
const CONNECTIONS = envInt('RELIABILITY_CONNECTIONS', 500);
const SOAK = envInt('RELIABILITY_SOAK_REQUESTS', 20_000);
// Generous for a short run on a busy machine; the full run is held to 5%.
const MAX_HEAP_GROWTH = 20;

function toSimple(step: MixStep): Simple {
  return step.body === undefined
    ? { method: step.method, path: step.path }
    : { method: step.method, path: step.path, body: step.body };
}

describe.each(names)('load on %s', (name) => {
  let fleet: Fleet;

  beforeAll(async () => {
    fleet = await startFleet(await loadTargets([name]), { app: soakApp });
  });
  afterAll(() => fleet.close());

  it(`${CONNECTIONS} concurrent connections with mixed outcomes: every answer correct`, async () => {
    const m = fleet.members[0]!;
    // Steps that need an id from an earlier step are sent with the seed's item instead.
    const steps = MIX_STEPS.filter((s) => s.method !== 'DELETE');
    const jobs = Array.from({ length: CONNECTIONS }, (_, i) => steps[i % steps.length]!);
    const answers = await Promise.all(
      jobs.map((step) =>
        sendRaw(m.host, m.port, encodeRequest(simpleRequest(toSimple(step))).bytes, {
          timeoutMs: 20_000,
          method: step.method,
        }),
      ),
    );
    const wrong: string[] = [];
    answers.forEach((ex, i) => {
      const first = ex.responses[0];
      const problem = first
        ? checkWire(jobs[i]!, first)
        : `${jobs[i]!.name}: no answer (${ex.end})`;
      if (problem !== undefined) wrong.push(problem);
    });
    expect(wrong).toEqual([]);
  });
});

describe.each(names.filter((n) => (FRAMEWORKS as readonly string[]).includes(n)))(
  'short soak on %s',
  (name) => {
    it(`${SOAK} mixed requests over keep-alive: all correct, tasks once, heap growth under ${MAX_HEAP_GROWTH}%`, async () => {
      const r = await runSoak({
        adapter: name,
        requests: SOAK,
        warmup: Math.ceil(SOAK / 4),
        concurrency: 16,
      });
      console.log(
        `[reliability] soak ${name}: ${r.requests} requests, ${r.perSecond}/s; heap ${mb(r.warm.heapUsed)} -> ${mb(r.end.heapUsed)} (${r.heapGrowth}%), rss ${mb(r.warm.rss)} -> ${mb(r.end.rss)} (${r.rssGrowth}%)`,
      );
      expect(r.wrong).toEqual([]);
      expect(r.end.ran).toBe(r.end.queued);
      expect(r.heapGrowth).toBeLessThan(MAX_HEAP_GROWTH);
    });
  },
);
