import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { AdapterUnderTest } from './adapter.js';
import type { Policy } from './case.js';
import { cases } from './cases/index.js';
import { renderCoexistence, summarizeCoexistence } from './coexist/report.js';
import { type CoexistenceResult, runCoexistence } from './coexist/run.js';
import { CONTRACT_USAGE, ContractUsageError, contractMain } from './contract/cli.js';
import { checkExpectations, type Expectations } from './expectations.js';
import { loadAdapter } from './load-adapter.js';
import { type Format, finalLine, renderMatrix } from './render.js';
import { runMatrix } from './run.js';
import { summarize } from './summary.js';

const DEFAULT_ADAPTERS = [
  '@statuskit/express/testing',
  '@statuskit/koa/testing',
  '@statuskit/fastify/testing',
];

const USAGE = `Usage: statuskit-conformance [--adapter <module>]... [--policy rest|fastapi|all]
       [--format text|markdown|json] [--out <file>] [--case <id or prefix>]...
       [--expectations <known-failures.json>] [--coexistence]

Runs the statuskit conformance suite against each adapter module (a package
specifier or a path, resolved from the current directory; each exports
\`adapter: AdapterUnderTest\`). Default: ${DEFAULT_ADAPTERS.join(', ')}.
Exits 1 on a MUST failure or when adapters answer a MUST case differently;
SHOULD failures are reported only. --coexistence also runs the coexistence
suite on each adapter that has a host app (startHost): the app's requests must
answer the same with and without statuskit, the kit's as the suite says.

${CONTRACT_USAGE}`;

class UsageError extends Error {}

function policiesOf(value: string | undefined): Policy[] {
  if (value === undefined || value === 'all') return ['rest', 'fastapi'];
  if (value === 'rest' || value === 'fastapi') return [value];
  throw new UsageError(`--policy must be rest, fastapi or all, got ${JSON.stringify(value)}`);
}

function formatOf(value: string | undefined): Format {
  if (value === undefined) return 'text';
  if (value === 'text' || value === 'markdown' || value === 'json') return value;
  throw new UsageError(`--format must be text, markdown or json, got ${JSON.stringify(value)}`);
}

function expectationsOf(file: string | undefined, cwd: string): Expectations | undefined {
  if (file === undefined) return undefined;
  const full = path.resolve(cwd, file);
  return checkExpectations(JSON.parse(readFileSync(full, 'utf8')), full);
}

/** Runs the CLI; resolves to the exit code. */
async function main(argv: string[], cwd: string): Promise<number> {
  if (argv[0] === 'contract') return contractMain(argv.slice(1), cwd);
  const { values } = parseArgs({
    args: argv,
    options: {
      adapter: { type: 'string', multiple: true },
      policy: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      case: { type: 'string', multiple: true },
      expectations: { type: 'string' },
      coexistence: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const policies = policiesOf(values.policy);
  const format = formatOf(values.format);
  const expectations = expectationsOf(values.expectations, cwd);
  const filters = values.case ?? [];
  const chosen =
    filters.length === 0 ? cases : cases.filter((c) => filters.some((f) => c.id.startsWith(f)));
  if (chosen.length === 0) throw new UsageError(`no case matches ${filters.join(', ')}`);

  const specifiers = values.adapter ?? DEFAULT_ADAPTERS;
  const adapters: AdapterUnderTest[] = [];
  const notInstalled: string[] = [];
  for (const specifier of specifiers) {
    const adapter = await loadAdapter(specifier, cwd);
    if (adapter === undefined) notInstalled.push(specifier);
    else adapters.push(adapter);
  }
  if (adapters.length === 0) {
    for (const name of notInstalled) process.stdout.write(`${name}: not installed\n`);
    process.stdout.write(
      '[statuskit] no adapter to run; install one or pass --adapter <module>.\n',
    );
    return 1;
  }

  for (const a of adapters) process.stderr.write(`running ${chosen.length} cases on ${a.name}…\n`);
  const report = await runMatrix(adapters, {
    policies,
    cases: chosen,
    ...(expectations === undefined ? {} : { expectations }),
  });
  const summary = summarize(report);
  let summaryLine = finalLine(summary);
  let output = renderMatrix(report, format, { notInstalled });
  let failing = summary.failing;
  if (values.coexistence === true) {
    const results: CoexistenceResult[] = [];
    for (const a of adapters.filter((x) => x.startHost !== undefined)) {
      process.stderr.write(`running the coexistence suite on ${a.name}…\n`);
      results.push(...(await runCoexistence(a)));
    }
    const counts = summarizeCoexistence(results);
    failing ||= counts.failed > 0;
    const line = `${finalLine(summary)}; coexistence: ${counts.passed} passed, ${counts.failed} failed`;
    if (format === 'json') {
      const json = JSON.parse(output) as Record<string, unknown>;
      output = `${JSON.stringify({ ...json, coexistence: { ...counts, results }, ok: !failing }, null, 2)}\n`;
    } else {
      const lines = output.trimEnd().split('\n');
      lines.pop();
      while (lines.at(-1) === '') lines.pop();
      output = `${[...lines, ...renderCoexistence(results), '', line].join('\n')}\n`;
    }
    summaryLine = line;
  }
  if (values.out !== undefined) {
    writeFileSync(path.resolve(cwd, values.out), output);
    for (const name of notInstalled) process.stdout.write(`${name}: not installed\n`);
    process.stdout.write(`${summaryLine}\n`);
  } else if (format === 'json') {
    process.stdout.write(output);
    process.stderr.write(`${summaryLine}\n`);
  } else {
    process.stdout.write(output);
  }
  return failing ? 1 : 0;
}

main(process.argv.slice(2), process.cwd()).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const code = (error as { code?: unknown } | null)?.code;
    const usage =
      error instanceof UsageError ||
      error instanceof ContractUsageError ||
      (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'));
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    if (usage) process.stderr.write(`\n${USAGE}\n`);
    process.exitCode = 2;
  },
);
