// `statuskit-conformance contract`: contract testing of your own app.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  type AnyRoute,
  createStatuskit,
  type Statuskit,
  type StatuskitOptions,
} from '@statuskit/core';
import { renderContract, runContract } from './run.js';
import { kitTarget, type Target, urlTarget } from './targets.js';

/** The usage of the contract mode. */
export const CONTRACT_USAGE = `Usage: statuskit-conformance contract (--kit <module> [--export <name>] | --url <url>)
       [--requests N] [--seed N] [--exclude <route id or prefix>]... [--timeout ms]

Sends generated requests (valid ones from each route's schemas, and invalid
ones broken on purpose) over real HTTP and reports every answer whose status
the route does not declare, whose body breaks the model of its status, or
that is a 5xx the route does not declare.

  --kit      a module exporting a kit (createStatuskit(...)) or routes (and
             options): \`kit\`, \`default\` or \`routes\` (or --export <name>);
             it is served on 127.0.0.1, port 0, by @statuskit/node
  --url      a running app serving its OpenAPI document at /openapi.json
  --requests how many requests in all (default 200, at most 100000)
  --seed     the fast-check seed (default: random, printed)
  --exclude  route ids (or prefixes) to leave out, e.g. --exclude 'GET /boom'`;

/** A wrong command line: the CLI prints the usage and exits 2. */
export class ContractUsageError extends Error {}

function isKit(value: unknown): value is Statuskit {
  const v = value as Partial<Statuskit> | null | undefined;
  return typeof v?.dispatch === 'function' && Array.isArray(v.routes) && v.options !== undefined;
}

/** The kit a module exports: a kit, or routes (with `options`) to create one from. */
export async function loadKit(specifier: string, cwd: string, name?: string): Promise<Statuskit> {
  const file =
    specifier.startsWith('.') || path.isAbsolute(specifier)
      ? path.resolve(cwd, specifier)
      : createRequire(path.join(cwd, 'package.json')).resolve(specifier);
  if (!existsSync(file)) throw new ContractUsageError(`--kit ${specifier}: no such file (${file})`);
  const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  const names = name === undefined ? ['kit', 'default', 'routes'] : [name];
  for (const key of names) {
    const value = mod[key];
    if (isKit(value)) return value;
    if (Array.isArray(value)) {
      return createStatuskit(value as AnyRoute[], mod.options as StatuskitOptions | undefined);
    }
  }
  throw new ContractUsageError(
    `--kit ${specifier} exports no kit or routes as ${names.join(', ')}; export \`kit = createStatuskit(routes)\` or \`routes\`.`,
  );
}

function count(value: string | undefined, fallback: number, flag: string, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > max) {
    throw new ContractUsageError(`${flag} must be an integer from 0 to ${max}, got ${value}`);
  }
  return n;
}

/** Runs the contract mode; resolves to the exit code (0: no failure). */
export async function contractMain(argv: string[], cwd: string): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      kit: { type: 'string' },
      export: { type: 'string' },
      url: { type: 'string' },
      requests: { type: 'string' },
      seed: { type: 'string' },
      exclude: { type: 'string', multiple: true },
      timeout: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${CONTRACT_USAGE}\n`);
    return 0;
  }
  if ((values.kit === undefined) === (values.url === undefined)) {
    throw new ContractUsageError('give either --kit <module> or --url <url>');
  }
  const requests = count(values.requests, 200, '--requests', 100_000);
  const seed = count(values.seed, Math.floor(Math.random() * 2 ** 31), '--seed', 2 ** 31 - 1);
  const timeoutMs = count(values.timeout, 10_000, '--timeout', 600_000);
  const target: Target =
    values.kit !== undefined
      ? await kitTarget(await loadKit(values.kit, cwd, values.export))
      : await urlTarget(values.url!, timeoutMs);
  try {
    process.stderr.write(`contract: ${requests} requests to ${target.url}, seed ${seed}\n`);
    let shown = 0;
    const report = await runContract(target, {
      requests,
      seed,
      exclude: values.exclude ?? [],
      timeoutMs,
      onProgress(done, total, failed) {
        // One progress line per tenth of the run, and the last one.
        const tenth = Math.floor((done * 10) / total);
        if (tenth > shown || done === total) {
          shown = tenth;
          process.stderr.write(`contract: ${done}/${total} requests, ${failed} failed\n`);
        }
      },
    });
    process.stdout.write(renderContract(report));
    return report.failed === 0 ? 0 : 1;
  } finally {
    await target.close();
  }
}
