import type { IncomingMessage, ServerResponse } from 'node:http';
import { createStatuskit, type Statuskit } from '@statuskit/core';
import { toNodeListener } from '@statuskit/node';
import { listenOnLoopback } from '@statuskit/node/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { AdapterUnderTest, RunningServer } from '../src/adapter.js';
import { type CoexistenceCase, coexistenceCases } from '../src/cases/coexist.js';
import { cases } from '../src/cases/index.js';
import { renderCoexistence, summarizeCoexistence } from '../src/coexist/report.js';
import { judgeCase, runCoexistence } from '../src/coexist/run.js';
import { casesInHost, NOT_IN_HOST } from '../src/coexist/select.js';
import { seedApp } from '../src/fixture/app.js';

// The coexistence machinery on bare node:http: a small app of its own, with the
// kit inside it through toNodeListener(kit, { fallback }).

const servers: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

// The app alone: one route, its own 404 with a JSON body.
const appOnly = (req: IncomingMessage, res: ServerResponse): void => {
  const body = req.url === '/health' ? '{"status":"ok"}' : '{"mine":"not found"}';
  res.writeHead(req.url === '/health' ? 200 : 404, { 'content-type': 'application/json' });
  res.end(body);
};

async function host(kit: Statuskit | undefined, spoil = false): Promise<RunningServer> {
  const fallback = spoil ? toNodeListener(kit!) : appOnly;
  const server = await listenOnLoopback(
    kit === undefined ? appOnly : toNodeListener(kit, { fallback }),
  );
  servers.push(server);
  return server;
}

const seedKit = (): Statuskit => {
  const seed = seedApp();
  return createStatuskit(seed.routes, seed.options);
};

const appCase = (path: string): CoexistenceCase => ({
  id: 'T01',
  level: 'MUST',
  title: path,
  ref: 'test',
  owner: 'app',
  request: { method: 'GET', path },
});

describe('judgeCase: the app’s answers, byte for byte with and without statuskit', () => {
  it('passes when statuskit hands the app its requests untouched', async () => {
    const [without, within] = [await host(undefined), await host(seedKit())];
    expect(await judgeCase(appCase('/health'), without, within)).toEqual([]);
    expect(await judgeCase(appCase('/nope'), without, within)).toEqual([]);
  });

  it('fails, naming the first differing line, when statuskit answers the app’s request', async () => {
    // A kit that answers everything (its JSON 404) where the app has its own.
    const [without, within] = [await host(undefined), await host(seedKit(), true)];
    const failures = await judgeCase(appCase('/nope'), without, within);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatch(
      /^GET \/nope: the answer changed: line \d+: without statuskit ".*", with it ".*"$/,
    );
  });

  it('checks a kit case against its expectation', async () => {
    const within = await host(seedKit());
    const kitCase = coexistenceCases.find((c) => c.id === 'Y08')!;
    expect(await judgeCase(kitCase, within, within)).toEqual([]);
    const wrong: CoexistenceCase = { ...kitCase, expect: { status: 200 } };
    expect(await judgeCase(wrong, within, within)).toEqual([
      'with statuskit: status 404, expected 200',
    ]);
  });
});

describe('casesInHost: conformance cases that run inside a host app', () => {
  const chosen = casesInHost(cases).map((c) => c.id);

  it('takes the cases whose requests all go to the kit’s paths', () => {
    expect(chosen).toContain('S01');
    expect(chosen).toContain('S27'); // 405 on a kit path
    expect(chosen).toContain('S30'); // the trailing-slash 307
  });

  it('leaves out unknown paths, bad percent-encodings, parser-level requests and parser-less cases', () => {
    for (const id of ['S26', 'B01', 'B10', 'R018', ...Object.keys(NOT_IN_HOST)]) {
      expect(chosen).not.toContain(id);
    }
    for (const c of cases.filter((x) => x.bodyParsers?.includes(true) === false)) {
      expect(chosen).not.toContain(c.id);
    }
  });
});

describe('runCoexistence and its report', () => {
  it('runs every case in both orders and counts them; the report lists failures', async () => {
    // A host without its own routes: the app cases' expectations fail, the differential holds.
    const adapter: AdapterUnderTest = {
      name: 'node-host',
      start: (kit) => listenOnLoopback(toNodeListener(kit)),
      startHost: (kit) => host(kit),
    };
    const only = coexistenceCases.filter((c) => ['X10', 'X21', 'Y04'].includes(c.id));
    const results = await runCoexistence(adapter, { cases: only, conformance: [] });
    expect(results.map((r) => `${r.order} ${r.id} ${r.passed}`)).toEqual([
      'kit-first X10 false',
      'kit-first X21 true',
      'kit-first Y04 true',
      'app-first X10 false',
      'app-first X21 true',
      'app-first Y04 true',
    ]);
    expect(summarizeCoexistence(results)).toEqual({ passed: 4, failed: 2, known: 0 });
    const text = renderCoexistence(results).join('\n');
    expect(text).toContain('node-host  2/4             2/2             0/0');
    expect(text).toContain(
      '✘ X10 node-host kit-first: GET /totally/unknown: without statuskit: body',
    );
  });
});
