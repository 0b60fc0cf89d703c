import type { AdapterUnderTest, RunningServer } from '@statuskit/conformance';
import { createStatuskit, type Statuskit } from '@statuskit/core';
import fc from 'fast-check';
import { countedSeedApp } from './apps.js';
import { fuzzRequests, ROUTES } from './arbitraries.js';
import { type Outcome, outcomeKey, renderOutcome } from './compare.js';
import { checkOutcome, routeOracle, sendToFleet } from './differential.js';
import type { Fleet, Member, Target } from './fleet.js';
import type { FuzzRequest } from './fuzz-request.js';
import { FUZZ_BODY_TIMEOUT_MS, type FuzzFailure, fuzzFailure } from './fuzz-run.js';
import type { FuzzSettings } from './settings.js';

// The host-app pass (issue 11): each framework's host app (its `startHost`, the
// coexistence suite's app) without statuskit, the same app with the seed kit at
// its root, and the statuskit-only app of the same framework. A request the kit
// does not own must get byte for byte the answer the app gives alone; a request
// the kit owns must get the statuskit-only answer, the host's own headers aside.

/** The host app's own routes, which generated requests aim at besides the seed app's. */
export const HOST_FUZZ_ROUTES: ReadonlyArray<readonly [string, string]> = [
  ['GET', '/health'],
  ['POST', '/legacy/echo'],
  ['GET', '/legacy/boom'],
  ['GET', '/legacy/teapot'],
  ['GET', '/admin/report'],
  ['GET', '/items/{id}/notes'],
  ['GET', '/totally/unknown'],
  ['GET', '/itemsx/{id}'],
];

/** Headers the host's middleware adds to every answer (HOST.headers and the request id). */
const HOST_HEADERS = new Set([
  'x-content-type-options',
  'access-control-allow-origin',
  'x-request-id',
]);

/** The methods Fastify routes by default: others never reach a plugin's routes. */
const FASTIFY_METHODS = new Set([
  'GET',
  'HEAD',
  'TRACE',
  'DELETE',
  'OPTIONS',
  'PATCH',
  'PUT',
  'POST',
  'QUERY',
]);

/** A kit request a framework answers itself in a host app, and what it answers. */
export interface HostTolerance {
  readonly name: string;
  /** The requests it covers. */
  readonly when: (r: FuzzRequest) => boolean;
  /** The answer with statuskit mounted; `app`: the app's own, as without statuskit. */
  readonly answer: 'app' | ((o: Outcome) => boolean);
  /** It covers the app's requests too: the framework answers before knowing whose it is. */
  readonly appRequests?: true;
}

// A path segment longer than Fastify's default maxParamLength.
const longSegment = (r: FuzzRequest): boolean =>
  (r.target.split('?')[0] ?? '').split('/').some((s) => s.length > 100);

/**
 * Kit requests a framework keeps from the plugin in a host app, with the
 * reason (packages/fastify/README.md says them too).
 */
export const HOST_TOLERANCES: Readonly<Record<string, readonly HostTolerance[]>> = {
  fastify: [
    {
      // Fastify's router knows only its methods (and those the kit declares); a PROPFIND to a
      // kit path is a request no route matched: the app's not-found handler's.
      name: 'fastify-unrouted-method',
      when: (r) => !FASTIFY_METHODS.has(r.method),
      answer: 'app',
    },
    {
      // Fastify's router answers a segment over maxParamLength (100) where a route has a
      // parameter itself, 414, before it knows whether any route matches: on the kit's paths,
      // and on the app's paths that start like a kit template (/items/{long}/x). Only the
      // constructor's frameworkErrors could hand it on.
      name: 'fastify-max-param-length',
      when: longSegment,
      answer: (o) =>
        o.answers[0]?.status === 414 && o.answers[0].body.includes('FST_ERR_MAX_PARAM_LENGTH'),
      appRequests: true,
    },
  ],
};

/** Figures of one host-app pass on one framework. */
export interface HostReport {
  readonly adapter: string;
  readonly seed: number;
  requests: number;
  /** Requests by owner: the app's (compared with and without statuskit) and the kit's. */
  readonly owners: { app: number; kit: number };
  /** Kit requests nobody routed (`server`: Node's parser refused them) or a tolerance handed to the app. */
  readonly tolerated: Record<string, number>;
  failure?: FuzzFailure;
}

interface Trio extends Fleet {
  readonly kit: Statuskit;
}

function member(name: string, server: RunningServer, kit: Statuskit): Member {
  const url = new URL(server.url);
  // Only name, host and port are read when sending; the app is the seed's, for the record.
  return { name, host: url.hostname, port: Number(url.port), app: countedSeedApp(), kit, server };
}

async function startTrio(adapter: AdapterUnderTest): Promise<Trio> {
  const startHost = adapter.startHost;
  if (startHost === undefined)
    throw new Error(`[statuskit] reliability: ${adapter.name} has no startHost()`);
  const kitOf = (): Statuskit => {
    const app = countedSeedApp({ options: { bodyTimeout: FUZZ_BODY_TIMEOUT_MS } });
    return createStatuskit(app.routes, app.options);
  };
  const servers: RunningServer[] = [];
  const close = async (): Promise<void> => {
    await Promise.all(servers.map((s) => s.close().catch(() => undefined)));
  };
  try {
    const within = kitOf();
    const only = kitOf();
    servers.push(await startHost.call(adapter, undefined));
    servers.push(await startHost.call(adapter, within));
    servers.push(await adapter.start(only, { bodyParser: true }));
    const [a, b, c] = servers as [RunningServer, RunningServer, RunningServer];
    return {
      kit: within,
      members: [member('without', a, within), member('within', b, within), member('only', c, only)],
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

// The outcome without the host's own headers, to compare with the statuskit-only app's.
function withoutHostHeaders(o: Outcome): Outcome {
  return {
    ...o,
    answers: o.answers.map((a) => ({
      ...a,
      headers: a.headers.filter(([n]) => !HOST_HEADERS.has(n)),
    })),
  };
}

// Fastify's default clientErrorHandler (lib/server.js): its answer to a request Node's parser
// refused (400, 408, 413, 431), as a host app without statuskit's `clientErrorHandler` sends it.
const FASTIFY_CLIENT_ERROR = /^\{"error":"[^"]*","message":"[^"]*","statusCode":\d{3}\}$/;

// The server's answer to a request Node's parser refused, before any router: Node's bare
// answer (no content-type), or the framework's client-error handler's.
function fromServer(o: Outcome): boolean {
  const first = o.answers[0];
  if (first === undefined) return false;
  return (
    !first.headers.some(([n]) => n === 'content-type') || FASTIFY_CLIENT_ERROR.test(first.body)
  );
}

/** Judges one request; returns the problems (empty: fine) and the tolerance used, if any. */
export function judgeHost(
  name: string,
  request: FuzzRequest,
  outcomes: ReadonlyMap<string, Outcome>,
  owned: boolean,
  routeId: string,
): { problems: string[]; tolerated?: string } {
  const a = outcomes.get('without')!;
  const b = outcomes.get('within')!;
  const c = outcomes.get('only')!;
  const problems: string[] = [];
  for (const [who, o] of outcomes)
    if (o.silent === 'hang') problems.push(`${who}: no answer within the bound (hang)`);
  const same = (x: Outcome, y: Outcome): boolean => outcomeKey(x) === outcomeKey(y);
  const show = (who: string, o: Outcome): string => `[${who}]\n${renderOutcome(o)}`;
  const tolerance = (appRequest: boolean): HostTolerance | undefined =>
    (HOST_TOLERANCES[name] ?? []).find(
      (t) =>
        (!appRequest || t.appRequests === true) &&
        t.when(request) &&
        (t.answer === 'app' ? same(a, b) : t.answer(b)),
    );
  if (!owned) {
    if (same(a, b)) return { problems };
    const t = tolerance(true);
    if (t !== undefined) return { problems, tolerated: t.name };
    problems.push(
      `the app's request changed with statuskit mounted\n${show('without', a)}\n${show('within', b)}`,
    );
    return { problems };
  }
  problems.push(...checkOutcome('within', b, routeId), ...checkOutcome('only', c, routeId));
  if (same(withoutHostHeaders(b), c)) return { problems };
  // Nobody routed it: Node's parser refused it (the host's server answers, and when the
  // host's own hooks are asynchronous its answer may overtake a route's), alike with and
  // without statuskit.
  if (same(a, b) && fromServer(a)) return { problems, tolerated: 'server' };
  const t = tolerance(false);
  if (t !== undefined) return { problems, tolerated: t.name };
  problems.push(
    `the kit's request answered differently inside the host app\n${show('within', b)}\n${show('only', c)}\n${show('without', a)}`,
  );
  return { problems };
}

/** The host-app pass on one framework: `runs` generated requests to the app's and the kit's paths. */
export async function runHostFuzz(
  target: Target,
  settings: FuzzSettings,
  runs: number,
): Promise<HostReport> {
  let trio = await startTrio(target.adapter);
  const oracle = routeOracle(countedSeedApp().routes);
  const report: HostReport = {
    adapter: target.name,
    seed: settings.seed ?? Date.now() ^ (Math.random() * 0x100000000),
    requests: 0,
    owners: { app: 0, kit: 0 },
    tolerated: {},
  };
  let last: string | undefined;
  let dirty = false;
  const property = fc.asyncProperty(
    fuzzRequests({ sloppyFraming: false, routes: [...ROUTES, ...HOST_FUZZ_ROUTES] }),
    async (request) => {
      if (dirty) {
        await trio.close();
        trio = await startTrio(target.adapter);
        dirty = false;
      }
      const outcomes = await sendToFleet(trio, request, settings.timeoutMs);
      report.requests++;
      const owned = trio.kit.owns(request.target);
      report.owners[owned ? 'kit' : 'app']++;
      const { problems, tolerated } = judgeHost(
        target.name,
        request,
        outcomes,
        owned,
        oracle(request),
      );
      if (tolerated !== undefined)
        report.tolerated[tolerated] = (report.tolerated[tolerated] ?? 0) + 1;
      if (problems.length > 0) {
        dirty = true;
        last = problems.join('\n');
        throw new Error(last);
      }
    },
  );
  const details = await fc.check(property, {
    numRuns: runs,
    seed: report.seed,
    ...(settings.path !== undefined ? { path: settings.path, endOnFailure: true } : {}),
  });
  if (details.failed) report.failure = fuzzFailure(details, last);
  await trio.close();
  return report;
}

/** A failed host pass as the text a developer needs. */
export function renderHostFailure(report: HostReport): string {
  const f = report.failure;
  if (f === undefined) return '';
  return [
    `host-app fuzzing failed on ${report.adapter} (seed ${f.seed}, path "${f.path}")`,
    `replay: RELIABILITY_SEED=${f.seed} RELIABILITY_PATH=${f.path} RELIABILITY_ADAPTERS=${report.adapter} pnpm test:reliability (the host-app pass)`,
    `shrunk request: ${f.request}`,
    `on the wire: ${f.wire}`,
    f.report,
  ].join('\n');
}
