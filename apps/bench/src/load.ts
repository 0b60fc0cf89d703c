import { quantile } from 'simple-statistics';
import { type CannonResult, cannon } from './cannon.js';
import type { Scenario } from './scenarios.js';

/** What one slice of load measured on one server. */
export interface Slice {
  /** Responses received. */
  readonly requests: number;
  /** Wall time of the slice, seconds. */
  readonly seconds: number;
  readonly rps: number;
  /** 99th percentile latency, ms, from every response of the slice. */
  readonly p99Ms: number;
  /** Server CPU during the slice, ns (all threads). */
  readonly cpuNs: number;
  /** Server CPU per response, microseconds. */
  readonly cpuUsPerReq: number;
  /** Responses whose status was not the scenario's. */
  readonly wrongStatus: number;
  /** Connection errors and timeouts. */
  readonly errors: number;
}

/** Where a slice sends its load. */
export interface Target {
  readonly url: string;
  cpuNs(): Promise<number>;
}

/** How one slice runs: a fixed duration, or a fixed number of requests. */
export type SliceBound =
  | { readonly seconds: number }
  | { readonly amount: number; readonly maxSeconds: number };

/** Load options shared by every slice. */
export interface LoadOptions {
  readonly connections: number;
}

/**
 * Runs autocannon (as a library, in this process) against one route of one
 * server and reads the server's CPU time from /proc before and after.
 * Always bounded: by `seconds`, or by `amount` with `maxSeconds` as a stop.
 */
export async function runSlice(
  target: Target,
  scenario: Scenario,
  bound: SliceBound,
  options: LoadOptions,
): Promise<Slice> {
  let latencies = new Float64Array(1 << 14);
  let n = 0;
  let wrong = 0;
  const seconds = 'seconds' in bound ? bound.seconds : bound.maxSeconds;
  const cpu0 = await target.cpuNs();
  const t0 = process.hrtime.bigint();
  const instance = cannon({
    url: target.url + scenario.path,
    method: scenario.method,
    ...(scenario.headers === undefined ? {} : { headers: { ...scenario.headers } }),
    ...(scenario.body === undefined ? {} : { body: scenario.body }),
    connections: options.connections,
    pipelining: 1,
    timeout: 5,
    // autocannon stops only on its sampling tick: keep it short so a slice
    // ends within 25 ms of its duration.
    sampleInt: 25,
    ...('seconds' in bound ? { duration: bound.seconds } : { amount: bound.amount }),
  });
  instance.onResponse((_client, status, _bytes, ms) => {
    if (n === latencies.length) {
      const grown = new Float64Array(latencies.length * 2);
      grown.set(latencies);
      latencies = grown;
    }
    latencies[n++] = ms;
    if (status !== scenario.expect) wrong++;
  });
  // A hard stop in case the server stalls: the slice may never outlive its bound.
  const guard = setTimeout(() => instance.stop(), (seconds + 10) * 1000);
  let result: CannonResult;
  try {
    result = await instance;
  } finally {
    clearTimeout(guard);
  }
  const elapsed = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpuNs = (await target.cpuNs()) - cpu0;
  return {
    requests: n,
    seconds: elapsed,
    rps: n / elapsed,
    p99Ms: n === 0 ? Number.NaN : quantile(Array.from(latencies.subarray(0, n)), 0.99),
    cpuNs,
    cpuUsPerReq: n === 0 ? Number.NaN : cpuNs / n / 1000,
    wrongStatus: wrong,
    errors: result.errors + result.timeouts,
  };
}
