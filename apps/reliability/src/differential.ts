import type { AnyRoute } from '@statuskit/core';
import { Router, splitUrl } from '@statuskit/core/adapter';
import {
  compareOutcomes,
  type Outcome,
  renderVerdict,
  toOutcome,
  type Verdict,
} from './compare.js';
import type { Fleet } from './fleet.js';
import { encodeRequest, type FuzzRequest } from './fuzz-request.js';
import { sendRaw } from './raw-http.js';

/** Routes whose 500 is the point (the seed's `GET /boom`). */
export const FAILS_ON_PURPOSE: ReadonlySet<string> = new Set(['GET /boom']);

/** The only body a 5xx may carry (none at all on HEAD). */
export const SAFE_500_BODY = '{"detail":"Internal Server Error"}';

/** The problem text of a disagreement between adapters. */
export const DISAGREE = 'the adapters answered differently';

/** One request sent to every server of a fleet, and what came back. */
export interface Trial {
  readonly request: FuzzRequest;
  readonly outcomes: ReadonlyMap<string, Outcome>;
  readonly verdict: Verdict;
  /** Broken invariants (hang, unexpected 5xx, leaky 5xx), empty when all is well. */
  readonly problems: readonly string[];
}

/** Sends one request to every member at once, each on its own connection. */
export async function sendToFleet(
  fleet: Fleet,
  request: FuzzRequest,
  timeoutMs: number,
): Promise<Map<string, Outcome>> {
  const { bytes, halfClose } = encodeRequest(request);
  const results = await Promise.all(
    fleet.members.map((m) =>
      sendRaw(m.host, m.port, bytes, { timeoutMs, halfClose, method: request.method }),
    ),
  );
  const out = new Map<string, Outcome>();
  fleet.members.forEach((m, i) => {
    out.set(m.name, toOutcome(results[i]!));
  });
  return out;
}

/** Decides which route a request reaches, the way the core's router does. */
export function routeOracle(routes: readonly AnyRoute[]): (request: FuzzRequest) => string {
  const router = new Router(routes);
  return (request) => {
    const { path, query } = splitUrl(request.target);
    try {
      const match = router.match(request.method, path, query, true);
      return match.kind === 'route' ? match.route.id : match.kind;
    } catch {
      return 'router-threw';
    }
  };
}

/** The invariants every outcome must keep, whatever the other adapters did. */
export function checkOutcome(name: string, outcome: Outcome, routeId: string): string[] {
  const problems: string[] = [];
  if (outcome.silent === 'hang') problems.push(`${name}: no answer within the time bound (hang)`);
  for (const answer of outcome.answers) {
    if (answer.status < 500) continue;
    if (!FAILS_ON_PURPOSE.has(routeId)) {
      problems.push(`${name}: ${answer.status} on ${routeId}, which does not fail on purpose`);
    }
    if (answer.body !== '' && answer.body !== SAFE_500_BODY) {
      problems.push(
        `${name}: a ${answer.status} body says more than it may: ${answer.body.slice(0, 200)}`,
      );
    }
  }
  return problems;
}

/** Runs one request on the fleet and judges it. */
export async function trial(
  fleet: Fleet,
  request: FuzzRequest,
  oracle: (request: FuzzRequest) => string,
  timeoutMs: number,
): Promise<Trial> {
  const outcomes = await sendToFleet(fleet, request, timeoutMs);
  const verdict = compareOutcomes(outcomes);
  const routeId = oracle(request);
  const problems: string[] = [];
  for (const [name, outcome] of outcomes) problems.push(...checkOutcome(name, outcome, routeId));
  if (!verdict.agree) problems.unshift(DISAGREE);
  return { request, outcomes, verdict, problems };
}

/** A trial's failure report: problems, then each group of adapters with its answer. */
export function renderTrial(t: Trial): string {
  return `${t.problems.join('\n')}\n${renderVerdict(t.verdict)}`;
}

/** A cheap request every healthy server answers 200 `ok`. */
export const HEALTH: FuzzRequest = {
  method: 'GET',
  target: '/text',
  headers: [],
  body: { utf8: '' },
  framing: { kind: 'exact' },
};

/** Names of members that no longer answer `GET /text` with 200 `ok`. */
export async function deadMembers(fleet: Fleet, timeoutMs: number): Promise<string[]> {
  const outcomes = await sendToFleet(fleet, HEALTH, timeoutMs);
  const dead: string[] = [];
  for (const [name, o] of outcomes) {
    const a = o.answers[0];
    if (a === undefined || a.status !== 200 || a.body !== 'ok') dead.push(name);
  }
  return dead;
}
