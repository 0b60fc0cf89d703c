import type { Answer } from './answer.js';
import type { Scenario } from './scenarios.js';

/** Sends a scenario's request once (5 s bound): status, headers (lower-case names) and body. */
export async function probe(baseUrl: string, scenario: Scenario): Promise<Answer> {
  const res = await fetch(baseUrl + scenario.path, {
    method: scenario.method,
    ...(scenario.headers === undefined ? {} : { headers: scenario.headers }),
    ...(scenario.body === undefined ? {} : { body: scenario.body }),
    signal: AbortSignal.timeout(5000),
  });
  const headers: Record<string, string> = {};
  res.headers.forEach((value, name) => {
    headers[name] = value;
  });
  return { status: res.status, headers, body: await res.text() };
}
