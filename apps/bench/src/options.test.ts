import { describe, expect, it } from 'vitest';
import { parseOptions } from './options.js';

describe('parseOptions', () => {
  it('defaults to the full run on the three frameworks', () => {
    const o = parseOptions([]);
    expect(o).toMatchObject({ quick: false, pairs: 20, sliceSeconds: 0.5, connections: 10 });
    expect(o.frameworks).toEqual(['express', 'koa', 'fastify']);
    expect(o.phases).toEqual(['micro', 'compare']);
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
    expect(o.phases).toEqual(['micro', 'compare', 'soak']);
    expect(parseOptions(['--only', 'soak', '--soak', '10']).phases).toEqual(['soak']);
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
