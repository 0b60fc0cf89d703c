import type { Scenario } from './scenarios.js';

/** Sends a scenario's request once (5 s bound): the status and the body. */
export async function probe(
  baseUrl: string,
  scenario: Scenario,
): Promise<{ status: number; body: string }> {
  const res = await fetch(baseUrl + scenario.path, {
    method: scenario.method,
    ...(scenario.headers === undefined ? {} : { headers: scenario.headers }),
    ...(scenario.body === undefined ? {} : { body: scenario.body }),
    signal: AbortSignal.timeout(5000),
  });
  return { status: res.status, body: await res.text() };
}
