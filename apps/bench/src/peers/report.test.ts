import { describe, expect, it } from 'vitest';
import type { Series } from '../compare.js';
import type { Slice } from '../load.js';
import { CONTROL, REFERENCE } from './contenders.js';
import { noiseFloor, renderPeers, standing } from './report.js';
import type { PeersRun } from './run.js';
import { PEER_SCENARIOS } from './scenarios.js';

const slice = (cpu: number, p99 = 2): Slice => ({
  requests: 1000,
  seconds: 0.5,
  rps: 2000,
  p99Ms: p99,
  cpuNs: cpu * 1_000_000,
  cpuUsPerReq: cpu,
  wrongStatus: 0,
  errors: 0,
});
const rounds = (...cpu: number[]): Slice[] => cpu.map((c) => slice(c));
const scenario = (id: string) => PEER_SCENARIOS.find((s) => s.id === id)!;

// Fixed figures: statuskit on Fastify 20 µs on GET and 10 µs on the raise; the A/A
// control at 1.00x; Fastify + zod 0.90x on GET and 2.20x on the raise; NestJS
// 1.20x on GET and left out of the raise after a wrong answer.
const get: Series = {
  scenario: scenario('get-json'),
  slices: {
    [REFERENCE]: rounds(20, 20, 20, 20),
    [CONTROL]: rounds(20, 20, 20, 20),
    'fastify-zod': rounds(18, 18, 18, 18),
    nestjs: rounds(24, 24, 24, 24),
  },
  checked: true,
  excluded: [],
  problems: [],
};
const raise: Series = {
  scenario: scenario('raise-404'),
  slices: {
    [REFERENCE]: rounds(10, 10, 10, 10),
    [CONTROL]: rounds(10, 10, 10, 10),
    'fastify-zod': rounds(22, 22, 22, 22),
    nestjs: [],
  },
  checked: true,
  excluded: ['nestjs'],
  problems: ['nestjs answered 500, expected 404: "boom"'],
};
const run: PeersRun = {
  contenders: [
    { id: REFERENCE, title: 'statuskit on Fastify', statuskit: true, skipped: undefined },
    {
      id: 'fastify-zod',
      title: 'Fastify + fastify-type-provider-zod',
      statuskit: false,
      skipped: undefined,
    },
    { id: 'nestjs', title: 'NestJS 12 (Fastify)', statuskit: false, skipped: undefined },
    { id: 'fastapi', title: 'FastAPI (uvicorn)', statuskit: false, skipped: 'no fastapi here' },
  ],
  python: undefined,
  comparison: { series: [get, raise], pairsDone: 4, truncated: false },
  error: undefined,
  problems: [],
  profiles: [
    {
      route: 'get-json',
      server: REFERENCE,
      requests: 1000,
      cpuUsPerReq: 31,
      busyUs: 30_000,
      areas: [
        { area: 'fastify', selfPercent: 50 },
        { area: 'socket writes (native)', selfPercent: 40 },
        { area: '@statuskit/core', selfPercent: 10 },
      ],
      hot: [{ name: 'lookup', where: 'packages/core/dist/router.js:59', selfPercent: 4.5 }],
    },
    {
      route: 'get-json',
      server: 'fastify-zod',
      requests: 1000,
      cpuUsPerReq: 26,
      busyUs: 25_000,
      areas: [
        { area: 'fastify', selfPercent: 60 },
        { area: 'socket writes (native)', selfPercent: 40 },
      ],
      hot: [],
    },
  ],
};

// markdown-table pads cells to the column's width: compare rows with single spaces.
const lines = (md: string): string[] => md.split('\n').map((l) => l.replace(/ +/g, ' '));

describe('renderPeers', () => {
  const md = renderPeers(run);
  const out = lines(md);

  it('prints the CPU table: statuskit on Fastify in µs, every other server as its ratio to it', () => {
    expect(out).toContain(
      '| route | statuskit on Fastify µs/req | A/A | Fastify + fastify-type-provider-zod | NestJS 12 (Fastify) |',
    );
    expect(out).toContain('| GET JSON 200 | 20.0 | 1.00x | 0.90x | 1.20x |');
    expect(out).toContain('| raise 404 | 10.0 | 1.00x | 2.20x | wrong answer |');
    expect(out).toContain(
      '| GET JSON 200 | 20.0 [20.0–20.0] | 1.00x [1.00–1.00] | 0.90x [0.90–0.90] | 1.20x [1.20–1.20] |',
    );
    expect(md).toContain('**that server ÷ statuskit on Fastify**');
  });

  it('prints p99 and each server’s own figures', () => {
    expect(out).toContain('| GET JSON 200 | 2.00 | 1.00x | 1.00x | 1.00x |');
    expect(out).toContain('| NestJS 12 (Fastify) | 24.0 µs · 2000/s | wrong answer |');
  });

  it('checks the issue’s targets as statuskit ÷ peer', () => {
    expect(out).toContain(
      '| GET JSON 200 | statuskit on Fastify ÷ Fastify + fastify-type-provider-zod | ≤ 1.00 | 1.111 | **missed** | 1.000–1.000 |',
    );
    expect(out).toContain(
      '| raise 404 | statuskit on Fastify ÷ Fastify + fastify-type-provider-zod | ≤ 0.50 | 0.455 | met | 1.000–1.000 |',
    );
    expect(out).toContain(
      '| raise 404 | statuskit on Fastify ÷ NestJS 12 (Fastify) | ≤ 0.50 | n/a | n/a | 1.000–1.000 |',
    );
  });

  it('reads the figures for users, skipped servers and wrong answers included', () => {
    expect(md).toContain(
      '- **Fastify + fastify-type-provider-zod**: less CPU per request than statuskit on Fastify on GET JSON 200 (0.90x); more CPU per request than statuskit on Fastify on raise 404 (2.20x). Hand-written',
    );
    expect(md).toContain(
      '- **NestJS 12 (Fastify)**: more CPU per request than statuskit on Fastify on GET JSON 200 (1.20x). A whole',
    );
    expect(md).toContain('- FastAPI (uvicorn): skipped: no fastapi here');
    expect(md).toContain('- raise-404: nestjs answered 500, expected 404: "boom"');
  });

  it('names where statuskit costs more, from the profiles', () => {
    expect(md).toContain(
      'Where statuskit costs more: @statuskit/core +3.0 µs, socket writes (native) +2.0 µs.',
    );
    expect(out).toContain('| @statuskit/core | 3.00 | 0.00 | +3.00 |');
    expect(out).toContain('| fastify | 15.00 | 15.00 | +0.00 |');
    expect(out).toContain('| 4.5 | `lookup` | packages/core/dist/router.js:59 |');
  });
});

describe('standing', () => {
  it('says more, less or even against the A/A floor', () => {
    expect(standing(1.2, 0.05)).toBe('more');
    expect(standing(0.9, 0.05)).toBe('less');
    expect(standing(1.04, 0.05)).toBe('even');
    expect(standing(Number.NaN, 0.05)).toBeUndefined();
  });

  it('takes the floor from the A/A control, never under 3 %', () => {
    expect(noiseFloor(get)).toBe(0.03);
    const noisy: Series = {
      ...get,
      slices: { ...get.slices, [CONTROL]: rounds(18, 20, 22, 24) },
    };
    expect(noiseFloor(noisy)).toBeCloseTo(0.125, 5);
  });
});
