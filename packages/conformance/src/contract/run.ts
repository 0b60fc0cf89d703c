// A contract run: a bounded number of generated requests, sent one after the
// other over real HTTP, each answer judged by the target; the failures are
// grouped by route and problem, each with the first request that showed it.
import { type Operation, operationsOf, resolverOf } from './operations.js';
import { type PlannedRequest, planRequests } from './requests.js';
import type { Answer, Target } from './targets.js';

/** Options of {@link runContract}. */
export interface ContractOptions {
  /** How many requests to send in all (spread over the operations). */
  readonly requests: number;
  /** The fast-check seed: the same seed sends the same requests. */
  readonly seed: number;
  /** Route ids (`GET /boom`) or prefixes of them to leave out. */
  readonly exclude?: readonly string[];
  /** Milliseconds an answer may take. */
  readonly timeoutMs?: number;
  /** Called after each request. */
  readonly onProgress?: (done: number, total: number, failed: number) => void;
}

/** One problem, as often as it was seen, with the first request that showed it. */
export interface ContractFailure {
  readonly route: string;
  readonly problem: string;
  readonly count: number;
  /** `GET /items/abc`, or `POST /items {"name":""}`: the first request that showed it. */
  readonly example: string;
  /** What the example request broke on purpose, if anything. */
  readonly mutation: string | undefined;
}

/** What a run found. */
export interface ContractReport {
  readonly seed: number;
  readonly passed: number;
  readonly failed: number;
  readonly failures: readonly ContractFailure[];
  /** The routes that got requests. */
  readonly routes: readonly string[];
}

async function send(url: string, request: PlannedRequest, timeoutMs: number): Promise<Answer> {
  const res = await fetch(`${url}${request.target}`, {
    method: request.method,
    headers: request.headers,
    ...(request.body === undefined ? {} : { body: request.body }),
    redirect: 'manual',
    signal: AbortSignal.timeout(timeoutMs),
  });
  return {
    status: res.status,
    contentType: res.headers.get('content-type'),
    text: await res.text(),
  };
}

function exampleOf(request: PlannedRequest): string {
  const body = request.body === undefined ? '' : ` ${request.body.slice(0, 200)}`;
  return `${request.method} ${request.target}${body}`;
}

function excluded(op: Operation, exclude: readonly string[]): boolean {
  return exclude.some((e) => op.id === e || op.id.startsWith(e));
}

/** Sends the run's requests to `target` and reports every answer outside the contract. */
export async function runContract(
  target: Target,
  options: ContractOptions,
): Promise<ContractReport> {
  const ops = operationsOf(target.document).filter((op) => !excluded(op, options.exclude ?? []));
  const requests = planRequests(ops, resolverOf(target.document), options.requests, options.seed);
  const failures = new Map<string, { failure: ContractFailure; count: number }>();
  let passed = 0;
  let failed = 0;
  for (const request of requests) {
    let problems: string[];
    try {
      const answer = await send(target.url, request, options.timeoutMs ?? 10_000);
      problems = await target.check(request.op, answer);
    } catch (error) {
      problems = [`no answer: ${error instanceof Error ? error.message : String(error)}`];
    }
    if (problems.length === 0) passed++;
    else failed++;
    for (const problem of problems) {
      const key = `${request.op.id}\u0000${problem}`;
      const seen = failures.get(key);
      if (seen !== undefined) seen.count++;
      else {
        failures.set(key, {
          count: 1,
          failure: {
            route: request.op.id,
            problem,
            count: 1,
            example: exampleOf(request),
            mutation: request.mutation,
          },
        });
      }
    }
    options.onProgress?.(passed + failed, requests.length, failed);
  }
  return {
    seed: options.seed,
    passed,
    failed,
    failures: [...failures.values()].map(({ failure, count }) => ({ ...failure, count })),
    routes: ops.map((op) => op.id),
  };
}

/** The report as text: one line per problem, then `N passed, M failed`. */
export function renderContract(report: ContractReport): string {
  const lines = [
    `statuskit contract: ${report.routes.length} routes, ${report.passed + report.failed} requests, seed ${report.seed}`,
  ];
  for (const f of report.failures) {
    const why = f.mutation === undefined ? '' : ` (invalid on purpose: ${f.mutation})`;
    lines.push(
      `FAIL ${f.route}: ${f.problem}; ${f.count} request${f.count === 1 ? '' : 's'}, e.g. ${f.example}${why}`,
    );
  }
  lines.push('', `${report.passed} passed, ${report.failed} failed`);
  return `${lines.join('\n')}\n`;
}
