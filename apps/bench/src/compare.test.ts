import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Comparison, compare, pool, roundOrder, type Series } from './compare.js';
import { tickLine } from './format.js';
import type { Slice } from './load.js';
import type { ServerProcess } from './proc.js';
import type { Scenario } from './scenarios.js';

describe('roundOrder', () => {
  it('gives all six orders of three servers in six rounds', () => {
    const orders = Array.from({ length: 6 }, (_, i) => roundOrder(['a', 'b', 'c'], i).join(''));
    expect(new Set(orders)).toEqual(new Set(['abc', 'acb', 'bac', 'bca', 'cab', 'cba']));
  });

  it('puts each of n servers in every position equally often over 2n rounds', () => {
    const n = 9;
    const items = Array.from({ length: n }, (_, i) => i);
    const seen = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    for (let r = 0; r < 2 * n; r++) {
      const order = roundOrder(items, r);
      expect([...order].sort((a, b) => a - b)).toEqual(items);
      order.forEach((item, pos) => {
        seen[item]![pos]!++;
      });
    }
    for (const row of seen) expect(row).toEqual(new Array(n).fill(2));
  });
});

const slice = (cpu: number): Slice => ({
  requests: 100,
  seconds: 1,
  rps: 100,
  p99Ms: 1,
  cpuNs: cpu * 100_000,
  cpuUsPerReq: cpu,
  wrongStatus: 0,
  errors: 0,
});

const scenario: Scenario = {
  id: 'get-json',
  title: 'GET JSON 200',
  method: 'GET',
  path: '/items/1',
  expect: 200,
  answer: { contentType: 'application/json', json: { id: '1' } },
};

describe('pool', () => {
  it('keeps round i of every server aligned when a server missed a set', () => {
    const part = (slices: Record<string, Slice[]>, pairsDone: number): Comparison => ({
      series: [{ scenario, slices, checked: true, excluded: [], problems: [] } satisfies Series],
      pairsDone,
      truncated: false,
    });
    const pooled = pool([
      part({ ref: [slice(10), slice(11)], peer: [] }, 2),
      part({ ref: [slice(12)], peer: [slice(24)], late: [slice(5)] }, 1),
    ]);
    const s = pooled.series[0]!;
    expect(s.slices.ref!.map((x) => x.cpuUsPerReq)).toEqual([10, 11, 12]);
    expect(s.slices.peer!.map((x) => x.cpuUsPerReq)).toEqual([Number.NaN, Number.NaN, 24]);
    expect(s.slices.late!.map((x) => x.cpuUsPerReq)).toEqual([Number.NaN, Number.NaN, 5]);
    expect(pooled).toMatchObject({ epochs: 2, pairsDone: 3, truncated: false });
  });

  it("lists each role's nextTick figures set by set, and the report names them", () => {
    const part = (ticks: Record<string, number[]>): Comparison => ({
      series: [],
      pairsDone: 1,
      truncated: false,
      ticks,
    });
    const pooled = pool([
      part({ bare: [30], statuskit: [265] }),
      part({ bare: [31], statuskit: [29] }),
    ]);
    expect(pooled.ticks).toEqual({ bare: [30, 31], statuskit: [265, 29] });
    expect(tickLine(pooled, (role) => role)[0]).toContain(': bare 30, 31; statuskit 265, 29.');
    expect(tickLine(part({}), (role) => role)).toEqual([]);
  });
});

describe('compare: the answer check before load', () => {
  const servers: Server[] = [];
  const fake = async (
    name: string,
    body: string,
    type: string,
    tick?: number,
  ): Promise<ServerProcess> => {
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': type }).end(body);
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const none = () => Promise.reject(new Error('not a bench server'));
    return {
      name,
      pid: process.pid,
      url: `http://127.0.0.1:${port}`,
      cpuNs: async () => 0,
      memory: none,
      profile: none,
      tickNs: async () => tick,
      stop: async () => {},
    };
  };
  let right: ServerProcess;
  let alsoRight: ServerProcess;
  let wrong: ServerProcess;

  beforeAll(async () => {
    right = await fake('right', '{"id":"1"}', 'application/json', 31);
    alsoRight = await fake('also-right', '{"id":"1"}', 'application/json; charset=utf-8');
    wrong = await fake('wrong', '{"id":"1"}', 'text/plain');
  });
  afterAll(async () => {
    for (const s of servers) await new Promise((resolve) => s.close(resolve));
  });

  // A deadline already past: the check runs, no warm-up or round does (nothing is timed).
  const options = {
    pairs: 1,
    sliceSeconds: 0.1,
    warmupSeconds: 0.1,
    connections: 1,
    deadline: 0n,
    log: () => {},
  };

  it('leaves a server that answers wrongly out of the route and says why', async () => {
    const c = await compare(
      [
        ['ref', right],
        ['wrong', wrong],
        ['peer', alsoRight],
      ],
      [scenario],
      options,
    );
    const s = c.series[0]!;
    expect(s.checked).toBe(true);
    expect(s.excluded).toEqual(['wrong']);
    expect(s.problems).toEqual(['wrong content-type "text/plain", expected application/json']);
    expect(c).toMatchObject({ pairsDone: 0, truncated: true });
    // Each Node server's nextTick cost is asked after the rounds; a server with none has no entry.
    expect(c.ticks).toEqual({ ref: [31] });
  });

  it('does not run a route whose reference answers wrongly', async () => {
    const c = await compare(
      [
        ['ref', wrong],
        ['peer', right],
      ],
      [scenario],
      options,
    );
    expect(c.series[0]).toMatchObject({ checked: false, excluded: ['ref'] });
  });
});
