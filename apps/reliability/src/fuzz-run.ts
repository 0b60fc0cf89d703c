import fc from 'fast-check';
import { type CountedApp, countedSeedApp } from './apps.js';
import { fuzzRequests } from './arbitraries.js';
import {
  DISAGREE,
  deadMembers,
  renderTrial,
  routeOracle,
  type Trial,
  trial,
} from './differential.js';
import { type Fleet, startFleet, type Target } from './fleet.js';
import { type FuzzRequest, requestLiteral, wirePreview } from './fuzz-request.js';
import { knownDivergences, type Tolerance } from './regression.js';
import type { FuzzSettings } from './settings.js';

/** Figures of one differential fuzz run. */
export interface FuzzReport {
  readonly adapters: readonly string[];
  /** Each framework's JSON body parser ran before statuskit. */
  readonly bodyParser: boolean;
  readonly seed: number;
  /** Generated requests tried (shrink attempts included), each sent to every adapter. */
  requests: number;
  /** Status lines seen (the first response of the first adapter), `none` for no response. */
  readonly statuses: Record<string, number>;
  /** Hostile shapes sent: body framings other than exact, and body kinds (for the record). */
  readonly shapes: Record<string, number>;
  /** Requests whose answer came from Node's parser (a response without content-type). */
  parserRejections: number;
  /** Disagreements explained by open or accepted divergences (by name), tolerated unless strict. */
  readonly known: Record<string, number>;
  /** Background tasks the handlers queued, and how many ran (per adapter): must be equal. */
  readonly tasks: Record<string, { expected: number; ran: number }>;
  failure?: {
    readonly seed: number;
    readonly path: string;
    readonly request: string;
    readonly wire: string;
    readonly report: string;
  };
  ms: number;
}

/**
 * The fuzz fleet's body timeout: short, so a request whose body never
 * completes (the `stall` framing) gets its 408 well inside the per-request bound.
 */
export const FUZZ_BODY_TIMEOUT_MS = 500;

function fleetOptions(bodyParser: boolean) {
  return {
    app: () => countedSeedApp({ options: { bodyTimeout: FUZZ_BODY_TIMEOUT_MS } }),
    bodyParser,
  };
}

// Routes whose handler changes the item store: after a tolerated divergence
// there, the adapters' stores may differ, so the fleet is started afresh.
const MUTATING = /^(POST|PUT|PATCH|DELETE) /;

/**
 * Runs the differential property: every generated request goes to every
 * adapter at once; they must agree and keep the invariants. A fleet that saw
 * a failure is replaced before the next run, so shrinking starts clean.
 */
export async function runFuzz(
  targets: readonly Target[],
  settings: FuzzSettings,
  tolerated: readonly Tolerance[] = [],
  pass: { readonly runs: number; readonly bodyParser: boolean } = {
    runs: settings.runs,
    bodyParser: false,
  },
): Promise<FuzzReport> {
  const started = Date.now();
  let fleet: Fleet<CountedApp> = await startFleet(targets, fleetOptions(pass.bodyParser));
  const oracle = routeOracle(fleet.members[0]!.app.routes);
  const report: FuzzReport = {
    adapters: fleet.members.map((m) => m.name),
    bodyParser: pass.bodyParser,
    seed: settings.seed ?? Date.now() ^ (Math.random() * 0x100000000),
    requests: 0,
    statuses: {},
    parserRejections: 0,
    shapes: {},
    known: {},
    tasks: {},
    ms: 0,
  };
  let dirty = false;
  let lastFailure: Trial | undefined;
  const property = fc.asyncProperty(
    fuzzRequests({ sloppyFraming: !pass.bodyParser }),
    async (request) => {
      if (dirty) {
        if (lastFailure === undefined) await countTasks(fleet, report);
        await fleet.close();
        fleet = await startFleet(targets, fleetOptions(pass.bodyParser));
        dirty = false;
      }
      const t = await trial(fleet, request, oracle, settings.timeoutMs);
      report.requests++;
      for (const shape of shapesOf(request)) report.shapes[shape] = (report.shapes[shape] ?? 0) + 1;
      const first = t.outcomes.get(fleet.members[0]!.name)!;
      const answer = first.answers[0];
      const key = answer === undefined ? `none (${first.silent})` : String(answer.status);
      report.statuses[key] = (report.statuses[key] ?? 0) + 1;
      if (answer !== undefined && !answer.headers.some(([n]) => n === 'content-type')) {
        if (answer.status === 400 || answer.status === 431) report.parserRejections++;
      }
      let problems = t.problems;
      const explained = settings.strict
        ? undefined
        : knownDivergences(request, t.outcomes, t.verdict, tolerated);
      if (explained !== undefined) {
        for (const d of explained) report.known[d.name] = (report.known[d.name] ?? 0) + 1;
        // What the deviating adapters do is reported in the divergences' notes.
        const deviant = (p: string) =>
          explained.some((d) => d.adapters.some((a) => p.startsWith(`${a}:`)));
        problems = problems.filter((p) => p !== DISAGREE && !deviant(p));
        // A deviating adapter may have skipped (or run) a handler that changes the store.
        if (MUTATING.test(oracle(request))) dirty = true;
      }
      if (problems.length > 0) {
        dirty = true;
        lastFailure = { ...t, problems };
        throw new Error(renderTrial({ ...t, problems }));
      }
      if (report.requests % 10_000 === 0) {
        console.log(`[reliability] fuzz: ${report.requests} requests, ${Date.now() - started} ms`);
      }
      if (report.requests % 500 === 0) {
        const dead = await deadMembers(fleet, settings.timeoutMs);
        if (dead.length > 0) {
          dirty = true;
          throw new Error(
            `no longer answering after ${report.requests} requests: ${dead.join(', ')}`,
          );
        }
      }
    },
  );
  const details = await fc.check(property, {
    numRuns: pass.runs,
    seed: report.seed,
    ...(settings.path !== undefined ? { path: settings.path, endOnFailure: true } : {}),
  });
  if (details.failed) {
    report.failure = fuzzFailure(details, lastFailure ? renderTrial(lastFailure) : undefined);
  }
  if (lastFailure === undefined) await countTasks(fleet, report);
  await fleet.close();
  report.ms = Date.now() - started;
  return report;
}

/** What a failed run leaves to replay it: seed, path, the shrunk request and what went wrong. */
export type FuzzFailure = NonNullable<FuzzReport['failure']>;

/** The failure of a fast-check run over requests; `report` is the last problem seen, if any. */
export function fuzzFailure(
  details: fc.RunDetails<[FuzzRequest]>,
  report: string | undefined,
): FuzzFailure {
  const shrunk = details.counterexample?.[0];
  return {
    seed: details.seed,
    path: details.counterexamplePath ?? '',
    request: shrunk ? requestLiteral(shrunk) : '(none)',
    wire: shrunk ? wirePreview(shrunk) : '',
    report:
      report ?? String((details.errorInstance as Error | undefined)?.message ?? 'unknown failure'),
  };
}

/** The hostile features of a request, as counted in the report. */
export function shapesOf(request: FuzzRequest): string[] {
  const out: string[] = [];
  if (request.framing.kind !== 'exact') out.push(`framing ${request.framing.kind}`);
  const b = request.body;
  if ('repeat' in b) out.push(b.times > 1024 * 1024 ? 'body oversized' : 'body deeply nested');
  else if ('latin1' in b) out.push('body not UTF-8 (or raw bytes)');
  else if (b.utf8.includes('__proto__') || b.utf8.includes('constructor'))
    out.push('body __proto__/constructor');
  else if (/\d{20}|e[+-]?\d{3}/.test(b.utf8)) out.push('body huge number');
  if (!/^[A-Z]+$/.test(request.method)) out.push('method odd');
  if (/[^\x21-\x7e]|%(?![0-9A-Fa-f]{2})/.test(request.target) || !request.target.startsWith('/')) {
    out.push('target odd');
  }
  if (request.target.length > 8192) out.push('target over 8 KiB');
  return out;
}

/**
 * Adds the fleet's queued and finished background tasks to the report. Every
 * task a handler queued must run exactly once, whether or not the client
 * stayed for the answer; tasks run after the response, so wait (bounded).
 */
async function countTasks(fleet: Fleet<CountedApp>, report: FuzzReport): Promise<void> {
  for (const m of fleet.members) {
    const want = m.app.queued.count;
    for (let i = 0; i < 200 && m.app.state.tasks.length < want; i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
    const t = (report.tasks[m.name] ??= { expected: 0, ran: 0 });
    t.expected += want;
    t.ran += m.app.state.tasks.length;
  }
}

/** The failure of a run as the text a developer needs: seed, path, shrunk request, answers. */
export function renderFailure(report: FuzzReport): string {
  const f = report.failure;
  if (f === undefined) return '';
  return [
    `differential fuzzing failed (seed ${f.seed}, path "${f.path}")`,
    `replay: RELIABILITY_SEED=${f.seed} RELIABILITY_PATH=${f.path} pnpm test:reliability${report.bodyParser ? ' (the body-parser pass)' : ''}`,
    'shrunk request (paste into test/regressions.ts):',
    `  ${f.request}`,
    `on the wire: ${f.wire}`,
    f.report,
  ].join('\n');
}
