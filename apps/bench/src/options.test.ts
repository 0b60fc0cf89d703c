import { describe, expect, it } from 'vitest';
import { parseOptions } from './options.js';

describe('parseOptions', () => {
  it('defaults to the full run on the three frameworks', () => {
    const o = parseOptions([]);
    expect(o).toMatchObject({ quick: false, pairs: 20, sliceSeconds: 0.5, connections: 10 });
    expect(o.frameworks).toEqual(['express', 'koa', 'fastify']);
    expect(o.phases).toEqual(['micro', 'compare', 'peers']);
  });

  it('takes --quick and ignores the `--` pnpm may pass along', () => {
    const o = parseOptions(['--', '--quick']);
    expect(o).toMatchObject({ quick: true, pairs: 4, sliceSeconds: 0.15 });
  });

  it('lets explicit values override --quick, whatever the order', () => {
    expect(parseOptions(['--pairs', '7', '--quick']).pairs).toBe(7);
  });

  it('starts four sets of fresh processes in a full run, one with --quick, never more than rounds', () => {
    expect(parseOptions([]).epochs).toBe(4);
    expect(parseOptions(['--quick']).epochs).toBe(1);
    expect(parseOptions(['--epochs', '2']).epochs).toBe(2);
    expect(parseOptions(['--pairs', '3']).epochs).toBe(3);
    expect(() => parseOptions(['--epochs', '0'])).toThrow(/positive number/);
  });

  it('takes every flag of the usage text', () => {
    const o = parseOptions(
      '--slice 0.2 --warmup 2 --connections 4 --frameworks node,koa --routes get-json --profile --max-seconds 90 --json a.json --markdown b.md -h'.split(
        ' ',
      ),
    );
    expect(o).toMatchObject({ sliceSeconds: 0.2, warmupSeconds: 2, connections: 4, profile: true });
    expect(o).toMatchObject({ maxSeconds: 90, json: 'a.json', markdown: 'b.md', help: true });
    expect(o.frameworks).toEqual(['node', 'koa']);
    expect(o.routes).toEqual(['get-json']);
  });

  it('adds the soak phase with --soak', () => {
    const o = parseOptions(['--soak', '1000']);
    expect(o.phases).toEqual(['micro', 'compare', 'peers', 'soak']);
    expect(parseOptions(['--only', 'soak', '--soak', '10']).phases).toEqual(['soak']);
  });

  it('runs the peers phase by default, with --quick too, and alone with --only or --phases', () => {
    expect(parseOptions(['--quick']).phases).toContain('peers');
    expect(parseOptions(['--only', 'peers']).phases).toEqual(['peers']);
    expect(parseOptions(['--phases', 'micro,peers']).phases).toEqual(['micro', 'peers']);
    expect(() => parseOptions(['--phases', 'peer'])).toThrow(
      /^\[statuskit\] bench: --phases: unknown "peer" \(one of micro, compare, peers, soak\)/,
    );
    expect(() => parseOptions(['--only', 'micro', '--phases', 'peers'])).toThrow(
      /give --only or --phases, not both/,
    );
  });

  it('takes every contender by default and always keeps statuskit on Fastify, first', () => {
    expect(parseOptions([]).peers).toEqual([
      'statuskit-fastify',
      'statuskit-express',
      'statuskit-koa',
      'fastify-zod',
      'fastify-json-schema',
      'hono',
      'nestjs',
      'fastapi',
    ]);
    expect(parseOptions(['--peers', 'fastapi,fastify-zod']).peers).toEqual([
      'statuskit-fastify',
      'fastapi',
      'fastify-zod',
    ]);
    expect(parseOptions(['--peers', 'fastify-zod,statuskit-fastify']).peers).toEqual([
      'statuskit-fastify',
      'fastify-zod',
    ]);
    expect(() => parseOptions(['--peers', 'express'])).toThrow(/--peers: unknown "express"/);
  });

  it('takes the route ids of both phases', () => {
    expect(parseOptions([]).routes).toEqual([
      'get-json',
      'post-model',
      'raise-404',
      'return-404',
      'delete-204',
      'unknown-404',
    ]);
    expect(parseOptions(['--routes', 'post-model,unknown-404']).routes).toEqual([
      'post-model',
      'unknown-404',
    ]);
  });

  it('refuses unknown arguments and values with a [statuskit] message', () => {
    expect(() => parseOptions(['--fast'])).toThrow(
      /^\[statuskit\] bench: Unknown option '--fast'; see pnpm bench --help\.$/,
    );
    expect(() => parseOptions(['--pairs'])).toThrow(/--pairs <value>' argument missing/);
    expect(() => parseOptions(['--frameworks', 'hapi'])).toThrow(/unknown "hapi"/);
    expect(() => parseOptions(['--pairs', '0'])).toThrow(/positive number/);
    expect(() => parseOptions(['--only', 'soak'])).toThrow(/needs --soak N/);
  });
});
