import { readFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { runSync } from '@statuskit/proc';
import { CPU_SOURCE } from './cpu.js';
import { TASKSET } from './proc.js';

/** Where and with what a run was taken, for the report. */
export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly kernel: string;
  readonly node: string;
  readonly versions: Record<string, string>;
  readonly commit: string;
  readonly taskset: boolean;
  readonly cpuSource: string;
  readonly loadAtStart: string;
}

const PACKAGES = [
  'express',
  'koa',
  '@koa/router',
  'fastify',
  'autocannon',
  '@statuskit/core',
  '@statuskit/express',
  '@statuskit/koa',
  '@statuskit/fastify',
  // the peers phase
  'zod',
  'fastify-type-provider-zod',
  'hono',
  '@hono/node-server',
  '@hono/zod-openapi',
  '@nestjs/core',
  '@nestjs/common',
  '@nestjs/platform-fastify',
];

function version(name: string): string {
  try {
    const file = fileURLToPath(new URL(`../node_modules/${name}/package.json`, import.meta.url));
    return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  } catch {
    return 'missing';
  }
}

function commit(): string {
  const sha = runSync('git', ['rev-parse', '--short', 'HEAD'])?.trim();
  if (sha === undefined) return 'unknown';
  return runSync('git', ['status', '--porcelain'])?.trim() === ''
    ? sha
    : `${sha} + uncommitted changes`;
}

/** The 1/5/15-minute load averages, as `0.12 0.30 0.25`. */
export function load(): string {
  return loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
}

/** Collects machine and version facts once, at the start of a run. */
export function machine(): Machine {
  const list = cpus();
  const versions: Record<string, string> = {};
  for (const p of PACKAGES) versions[p] = version(p);
  return {
    cpu: list[0]?.model ?? 'unknown',
    cores: list.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    kernel: release(),
    node: process.version,
    versions,
    commit: commit(),
    taskset: TASKSET,
    cpuSource:
      CPU_SOURCE === 'schedstat'
        ? '/proc/<pid>/task/*/schedstat (ns, all threads)'
        : 'pidusage (user + system, clock ticks)',
    loadAtStart: load(),
  };
}
