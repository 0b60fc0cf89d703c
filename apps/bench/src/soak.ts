import type autocannon from 'autocannon';
import { cannon } from './cannon.js';
import type { ServerProcess } from './proc.js';
import type { Scenario } from './scenarios.js';
import type { MemorySample } from './shared/serve.js';

/** Memory of one server over a soak. */
export interface SoakResult {
  readonly server: string;
  readonly requested: number;
  /** Requests sent before the baseline was read. */
  readonly warmup: number;
  /** Requests actually answered after warm-up. */
  readonly answered: number;
  readonly seconds: number;
  readonly warm: MemorySample;
  readonly end: MemorySample;
  /** After each tenth of the run, for a trend. */
  readonly trend: MemorySample[];
  readonly statuses: Record<string, number>;
  readonly errors: number;
  readonly truncated: boolean;
}

function mixedRequests(scenarios: readonly Scenario[]): autocannon.Request[] {
  return scenarios.map((s) => ({
    method: s.method,
    path: s.path,
    ...(s.headers === undefined ? {} : { headers: { ...s.headers } }),
    ...(s.body === undefined ? {} : { body: s.body }),
  }));
}

async function blast(
  server: ServerProcess,
  scenarios: readonly Scenario[],
  amount: number,
  connections: number,
  maxSeconds: number,
): Promise<{
  answered: number;
  statuses: Record<string, number>;
  errors: number;
  stopped: boolean;
}> {
  const instance = cannon({
    url: server.url,
    connections: Math.min(connections, amount),
    amount,
    timeout: 5,
    sampleInt: 250,
    requests: mixedRequests(scenarios),
  });
  let stopped = false;
  const guard = setTimeout(() => {
    stopped = true;
    instance.stop();
  }, maxSeconds * 1000);
  try {
    const r = await instance;
    const statuses: Record<string, number> = {};
    let answered = 0;
    for (const [code, v] of Object.entries(r.statusCodeStats ?? {})) {
      statuses[code] = v.count ?? 0;
      answered += v.count ?? 0;
    }
    return { answered, statuses, errors: r.errors + r.timeouts, stopped };
  } finally {
    clearTimeout(guard);
  }
}

/**
 * Sends `amount` requests cycling through every route (so every outcome
 * kind) to one server, in ten steps, and reads its memory after a full GC
 * at the end of warm-up, after each step and at the end.
 */
export async function soak(
  server: ServerProcess,
  scenarios: readonly Scenario[],
  amount: number,
  connections: number,
  deadline: bigint,
): Promise<SoakResult> {
  const warmup = Math.min(100_000, Math.max(5000, Math.round(amount / 10)));
  const secondsLeft = (): number => Math.max(1, Number(deadline - process.hrtime.bigint()) / 1e9);
  await blast(server, scenarios, warmup, connections, secondsLeft());
  const warm = await server.memory(true);
  const trend: MemorySample[] = [];
  const statuses: Record<string, number> = {};
  let answered = 0;
  let errors = 0;
  let truncated = false;
  const t0 = process.hrtime.bigint();
  const step = Math.ceil(amount / 10);
  for (let sent = 0; sent < amount; sent += step) {
    if (process.hrtime.bigint() > deadline) {
      truncated = true;
      break;
    }
    const r = await blast(
      server,
      scenarios,
      Math.min(step, amount - sent),
      connections,
      secondsLeft(),
    );
    answered += r.answered;
    errors += r.errors;
    for (const [k, v] of Object.entries(r.statuses)) statuses[k] = (statuses[k] ?? 0) + v;
    trend.push(await server.memory(true));
    if (r.stopped) {
      truncated = true;
      break;
    }
  }
  const end = trend.at(-1) ?? warm;
  return {
    server: server.name,
    requested: amount,
    warmup,
    answered,
    seconds: Number(process.hrtime.bigint() - t0) / 1e9,
    warm,
    end,
    trend,
    statuses,
    errors,
    truncated,
  };
}
