import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { type AddressInfo, createServer as createTcpServer, type Socket } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createStatuskit } from '@statuskit/core';
import { describe, expect, it } from 'vitest';
import type { AdapterUnderTest } from '../src/adapter.js';
import { type ConformanceCase, POLICIES, policiesOf, type RawStep } from '../src/case.js';
import { coexistenceCases } from '../src/cases/coexist.js';
import { cases } from '../src/cases/index.js';
import { send } from '../src/client.js';
import { checkExpectations, type Expectations } from '../src/expectations.js';
import { seedApp } from '../src/fixture/index.js';
import { encodeRaw, sendRaw } from '../src/raw-client.js';
import { referenceAdapter as adapter, serveReference } from '../src/reference-adapter.js';
import { renderMatrix } from '../src/render.js';
import { runCase, runMatrix, runSuite } from '../src/run.js';
import { summarize } from '../src/summary.js';
import { defineConformanceSuite } from '../src/vitest.js';
import * as broken from './broken-adapters.js';

// The reference adapter passes every case, without and with a body parser.
defineConformanceSuite(adapter);

const byId = (id: string): ConformanceCase => {
  const c = cases.find((x) => x.id === id);
  if (c === undefined) throw new Error(`no case ${id}`);
  return c;
};
const rest = { policy: 'rest' } as const;

describe('the cases', () => {
  it('have unique, stable ids: S01..S39 for the seed rows, then L, H, B, G, C, A, R001..', () => {
    const ids = cases.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^([SLHBGCA]\d\d|R\d{3})$/);
    const seed = ids.filter((id) => id.startsWith('S'));
    expect(seed).toEqual(
      Array.from({ length: 39 }, (_, i) => `S${String(i + 1).padStart(2, '0')}`),
    );
    for (const prefix of ['L', 'H', 'B', 'G', 'C', 'A', 'R'])
      expect(ids.some((id) => id.startsWith(prefix))).toBe(true);
  });

  it('are plain data: they survive a JSON round trip unchanged', () => {
    expect(JSON.parse(JSON.stringify(cases))).toEqual(cases);
  });

  it('name a ref, a policy and at least one step each', () => {
    for (const c of cases) {
      expect(c.ref.length, c.id).toBeGreaterThan(0);
      expect(policiesOf(c).length, c.id).toBeGreaterThan(0);
      expect(c.steps.length, c.id).toBeGreaterThan(0);
    }
  });

  it('cite documents of this repository that exist (docs/*.md, a package README)', () => {
    const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
    const refs = [...cases, ...coexistenceCases].map((c) => c.ref);
    const cited = new Set(refs.flatMap((ref) => ref.match(/[\w./-]+\.md/g) ?? []));
    expect(cited.size).toBeGreaterThan(0);
    for (const file of cited) expect(existsSync(path.join(repo, file)), file).toBe(true);
  });

  it('name their policies only to narrow them: no case spells out the default', () => {
    expect(policiesOf({})).toEqual(POLICIES);
    for (const c of cases) {
      if (c.policies !== undefined) expect(c.policies.length, c.id).toBeLessThan(POLICIES.length);
    }
  });
});

describe('the fixture', () => {
  it('/openapi.json lists every route of the seed app', async () => {
    for (const policy of ['rest', 'fastapi'] as const) {
      const app = seedApp({ policy });
      const server = await serveReference(createStatuskit(app.routes, app.options));
      try {
        const res = await send(server.url, { method: 'GET', path: '/openapi.json' });
        const doc = JSON.parse(new TextDecoder().decode(res.body)) as {
          paths: Record<string, Record<string, unknown>>;
        };
        for (const route of app.routes) {
          expect(doc.paths[route.path]?.[route.method.toLowerCase()], route.id).toBeDefined();
        }
      } finally {
        await server.close();
      }
    }
  });
});

describe('the runner fails broken adapters', () => {
  it('a wrong content-type fails the JSON cases with a precise message', async () => {
    const result = await runCase(byId('S01'), broken.charset, rest);
    expect(result.passed).toBe(false);
    expect(result.failures).toEqual([
      'step 1, GET /items/1: content-type: "application/json; charset=utf-8", expected "application/json"',
    ]);
    expect((await runCase(byId('S09'), broken.charset, rest)).passed).toBe(true);
  });

  it('a HEAD answer without content-length fails S28 and B03', async () => {
    const s28 = await runCase(byId('S28'), broken.headWithoutLength, rest);
    expect(s28.failures.join('\n')).toContain('content-length: absent, expected "36"');
    const b03 = await runCase(byId('B03'), broken.headWithoutLength, rest);
    expect(b03.failures.join('\n')).toContain('HEAD /items/1: content-length: "", GET sent "36"');
  });

  it('background tasks run before the response fail G02', async () => {
    const result = await runCase(byId('G02'), broken.tasksFirst, rest);
    expect(result.passed).toBe(false);
    expect(result.failures.join('\n')).toContain('gated:timeout');
  });

  it('background tasks that never run fail S20 after a bounded poll', async () => {
    const result = await runCase(byId('S20'), broken.noFinish, rest);
    expect(result.failures.join('\n')).toContain('(still after 100 polls)');
  });

  it("the framework's own 404 fails S26 and B01", async () => {
    const s26 = await runCase(byId('S26'), broken.nativeNotFound, rest);
    expect(s26.failures.join('\n')).toContain('content-type: "text/html; charset=utf-8"');
    expect((await runCase(byId('B01'), broken.nativeNotFound, rest)).passed).toBe(false);
  });

  it("a body parser's smaller limit fails B09 only with the body parser", async () => {
    expect((await runCase(byId('B09'), broken.smallParser, rest)).passed).toBe(true);
    const withParser = await runCase(byId('B09'), broken.smallParser, {
      ...rest,
      bodyParser: true,
    });
    expect(withParser.failures.join('\n')).toContain('status 413, expected 201');
  });

  it('a server that never answers fails within the request timeout', async () => {
    const result = await runCase(byId('S01'), broken.hang, { ...rest, timeoutMs: 200 });
    expect(result.failures).toEqual([
      'GET /items/1: no complete response within 200 ms before a response',
    ]);
  });
});

describe('matrix, differential pass and known failures', () => {
  it('reports where adapters differ and ends with N passed, M failed', async () => {
    const report = await runMatrix([adapter, broken.charset], {
      cases: [byId('S01'), byId('S09')],
    });
    expect(report.differences.map((d) => `${d.id} ${d.policy} ${d.bodyParser}`)).toEqual([
      'S01 rest false',
      'S01 rest true',
      'S01 fastapi false',
      'S01 fastapi true',
    ]);
    expect(report.differences[0]?.details).toEqual([
      'content-type: "application/json" vs "application/json; charset=utf-8"',
    ]);
    const summary = summarize(report);
    expect(summary.failing).toBe(true);
    expect(summary.rows[0]?.cells).toEqual({
      'reference rest': '✔',
      'reference fastapi': '✔',
      'charset rest': '✘',
      'charset fastapi': '✘',
      '≡ rest': '✘',
      '≡ fastapi': '✘',
    });
    const text = renderMatrix(report, 'text');
    expect(text.trimEnd().split('\n').at(-1)).toBe('8 passed, 4 failed');
    expect(renderMatrix(report, 'markdown')).toContain('| S09 PUT /items/1/touch');
    expect(JSON.parse(renderMatrix(report, 'json'))).toMatchObject({
      passed: 8,
      failed: 4,
      ok: false,
    });
  });

  it('a known failure runs as expected; a known failure that passes fails the run', async () => {
    const expectations: Expectations = {
      charset: { S01: { fail: true, note: 'test: adds a charset' } },
      reference: { S01: { fail: true, note: 'test: stale entry' } },
    };
    const options = {
      cases: [byId('S01')],
      policies: ['rest'] as const,
      bodyParser: [false],
      expectations,
    };
    const bad = await runSuite(broken.charset, options);
    expect(bad.results.map((r) => r.outcome)).toEqual(['expected-failure']);
    const report = await runMatrix([broken.charset, adapter], options);
    expect(report.results.map((r) => r.outcome)).toEqual(['expected-failure', 'unexpected-pass']);
    expect(summarize(report).errors.map((r) => r.adapter)).toEqual(['reference']);
  });

  it('refuses a known-failures entry without a note', () => {
    expect(() => checkExpectations({ koa: { S27: { fail: true } } }, 'x.json')).toThrow(
      /has no note/,
    );
    expect(checkExpectations({}, 'x.json')).toEqual({});
  });
});

// A known failure registers as it.fails: this block passes although the adapter is broken.
defineConformanceSuite(broken.charset, {
  cases: [byId('S01')],
  policies: ['rest'],
  bodyParser: [false],
  expectations: { charset: { S01: { fail: true, note: 'test: it.fails wiring' } } },
});

describe('the client', () => {
  it('takes a 413 sent while the body is still uploading, then a reset, as the answer', async () => {
    const server = createServer((req, res) => {
      res.writeHead(413, { 'content-type': 'application/json', 'content-length': '30' });
      res.end('{"detail":"Content Too Large"}', () => req.socket.destroy());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      for (const chunked of [false, true]) {
        const res = await send(url, {
          method: 'POST',
          path: '/upload',
          body: 'x'.repeat(4 * 1024 * 1024),
          chunked,
        });
        expect(res.status).toBe(413);
        expect(new TextDecoder().decode(res.body)).toBe('{"detail":"Content Too Large"}');
      }
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});

// A TCP server that ignores the kit and writes `reply` once the request arrived (undefined: never).
function rawAdapter(name: string, reply: string | undefined): AdapterUnderTest {
  return {
    name,
    start: async () => {
      const sockets = new Set<Socket>();
      const server = createTcpServer((socket) => {
        sockets.add(socket);
        socket.once('close', () => sockets.delete(socket));
        socket.on('error', () => {});
        if (reply !== undefined) socket.once('data', () => socket.end(reply));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return {
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        close: () =>
          new Promise<void>((resolve) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => resolve());
          }),
      };
    },
  };
}

describe('raw steps and the regression cases', () => {
  const r003 = byId('R003');
  const garbageAfter = r003.steps[0] as RawStep;
  const answer417 =
    'HTTP/1.1 417 Expectation Failed\r\ntransfer-encoding: chunked\r\n\r\n0\r\n\r\n';

  it('writes the request as given: raw header names, no framing, chunked', () => {
    expect(encodeRaw('h', garbageAfter.request).toString('latin1')).toBe(
      'GET /ITEMS/1? HTTP/1.1\r\nhost: h\r\nconnection: close\r\nexpect: nothing\r\n\r\n{"name":" ","price":0}',
    );
    expect(
      encodeRaw('h', { method: 'POST', target: '/x', headers: [['bad header', '1']], body: 'ab' })
        .toString('latin1')
        .split('\r\n'),
    ).toEqual([
      'POST /x HTTP/1.1',
      'host: h',
      'connection: close',
      'bad header: 1',
      'content-length: 2',
      '',
      'ab',
    ]);
    expect(
      encodeRaw('h', { method: 'POST', target: '/x', body: 'abc', framing: 'chunked' })
        .toString('latin1')
        .endsWith('transfer-encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n'),
    ).toBe(true);
  });

  it('reads every answer on the connection, chunked and unframed ones included', async () => {
    const server = await rawAdapter(
      'chunked',
      'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n2\r\nab\r\n1\r\nc\r\n0\r\n\r\nHTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\nto the end',
    ).start(createStatuskit([]));
    try {
      const { responses, rest, end } = await sendRaw(server.url, { method: 'GET', target: '/' });
      expect(end).toBe('closed');
      expect(rest.byteLength).toBe(0);
      expect(responses.map((r) => [r.status, new TextDecoder().decode(r.body)])).toEqual([
        [200, 'abc'],
        [400, 'to the end'],
      ]);
    } finally {
      await server.close();
    }
  });

  it('R003 (nothingAfter) fails a second answer and stray bytes; one answer passes', async () => {
    const twice = await runCase(
      r003,
      rawAdapter('twice', `${answer417}HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n`),
      rest,
    );
    expect(twice.failures).toEqual([
      'step 1, GET /ITEMS/1? (raw): a second answer 400 after the first',
    ]);
    const stray = await runCase(r003, rawAdapter('stray', `${answer417}garbage`), rest);
    expect(stray.failures).toEqual([
      'step 1, GET /ITEMS/1? (raw): 7 more bytes after the answer: "garbage"',
    ]);
    expect((await runCase(r003, rawAdapter('once', answer417), rest)).passed).toBe(true);
  });

  it("R001 fails an adapter that answers Node's parser errors with its own JSON", async () => {
    const body = '{"error":"Bad Request"}';
    const own400 = rawAdapter(
      'own-400',
      `HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n${body}`,
    );
    const result = await runCase(byId('R001'), own400, rest);
    expect(result.failures[0]).toBe(
      'step 1, GET /items/1? (raw): content-type: "application/json", expected absent',
    );
    expect(result.failures.join('\n')).toContain('expected none');
  });

  it('a server that never answers a raw request fails within the timeout', async () => {
    const silent = rawAdapter('silent', undefined);
    const result = await runCase(byId('R001'), silent, { ...rest, timeoutMs: 200 });
    expect(result.failures).toEqual([
      'step 1, GET /items/1? (raw): no complete response (timeout; received nothing)',
    ]);
  });
});

// Each test spawns the CLI over every case; on 2 busy cores (turbo runs every package's
// tests at once) that takes far longer than alone, so the bound is the spawn's own.
describe('the CLI', { timeout: 120_000 }, () => {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const bin = path.join(root, 'bin', 'statuskit-conformance.js');
  const run = (args: string[]) =>
    promisify(execFile)(process.execPath, [bin, ...args], { cwd: root, timeout: 120_000 }).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
    );

  it('prints the matrix and exactly "N passed, 0 failed" for a conforming adapter', async () => {
    const { code, stdout } = await run(['--adapter', './test/fixtures/cli-adapter.mjs']);
    const lines = stdout.trimEnd().split('\n');
    expect(stdout).toMatch(/^case +cli-node rest {2}cli-node fastapi$/m);
    expect(stdout).toMatch(/^C01 500 concurrent mixed requests.* ✔ +✔$/m);
    expect(lines.at(-1)).toBe(`${cases.length * 2} passed, 0 failed`);
    expect(code).toBe(0);
  });

  it('exits 1 and shows ✘ when an adapter fails or differs', async () => {
    const { code, stdout } = await run([
      '--adapter',
      './test/fixtures/cli-adapter.mjs',
      '--adapter',
      './test/fixtures/cli-broken-adapter.mjs',
      '--adapter',
      '@statuskit/not-an-adapter/testing',
      '--case',
      'S01',
      '--case',
      'S09',
      '--policy',
      'rest',
    ]);
    expect(stdout).toContain('@statuskit/not-an-adapter/testing: not installed');
    expect(stdout).toMatch(/^S01 .* ✔ +✘ +✘$/m);
    expect(stdout).toMatch(/^S09 .* ✔ +✔ +✔$/m);
    expect(stdout).toContain('S01 [MUST] rest GET /items/1: cli-node vs cli-broken: content-type');
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('4 passed, 2 failed');
    expect(code).toBe(1);
  });
});
