import { request } from 'node:http';
import type { Scenario } from './scenarios.js';

/** One answer, as the client saw it. */
export interface Answer {
  readonly status: number;
  readonly contentType: string | undefined;
  readonly body: string;
}

/** Sends a scenario's request once (no keep-alive) and reads the whole answer. */
export function probe(baseUrl: string, scenario: Scenario): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      baseUrl + scenario.path,
      { method: scenario.method, headers: { ...scenario.headers }, agent: false, timeout: 5000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: res.headers['content-type'],
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('probe timed out')));
    req.on('error', reject);
    req.end(scenario.body);
  });
}
