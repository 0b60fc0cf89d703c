import type { CoexistenceResult } from './run.js';

/** Counts of a coexistence run. */
export interface CoexistenceSummary {
  readonly passed: number;
  readonly failed: number;
  /** Known divergences that failed as expected (counted in `passed`). */
  readonly known: number;
}

/** Counts the results of a coexistence run. */
export function summarizeCoexistence(results: readonly CoexistenceResult[]): CoexistenceSummary {
  const passed = results.filter((r) => r.passed).length;
  return {
    passed,
    failed: results.length - passed,
    known: results.filter((r) => r.passed && r.known !== undefined).length,
  };
}

const KINDS = ['app', 'kit', 'conformance'] as const;
const HEADINGS: Record<(typeof KINDS)[number], string> = {
  app: "app's requests",
  kit: "kit's requests",
  conformance: 'conformance cases',
};

/**
 * The coexistence section of the CLI's text output: per adapter, passed/run
 * for the app's requests, the kit's requests and the conformance cases inside
 * the host app (both orders), then each failure and each known divergence.
 */
export function renderCoexistence(results: readonly CoexistenceResult[]): string[] {
  const adapters = [...new Set(results.map((r) => r.adapter))];
  const lines = [
    '',
    "coexistence: each adapter's host app without and with statuskit at its root, mounted kit-first and app-first",
  ];
  const first = Math.max(7, ...adapters.map((a) => a.length));
  lines.push(['adapter'.padEnd(first), ...KINDS.map((k) => HEADINGS[k])].join('  '));
  for (const adapter of adapters) {
    const cells = KINDS.map((kind) => {
      const mine = results.filter((r) => r.adapter === adapter && r.kind === kind);
      const ok = mine.filter((r) => r.passed).length;
      return `${ok}/${mine.length}`.padEnd(HEADINGS[kind].length);
    });
    lines.push([adapter.padEnd(first), ...cells].join('  ').trimEnd());
  }
  const failed = results.filter((r) => !r.passed);
  if (failed.length > 0) {
    lines.push('', 'Coexistence failures (the run fails):');
    for (const r of failed) {
      const [head = 'failed', ...rest] = r.failures;
      lines.push(`✘ ${r.id} ${r.adapter} ${r.order}: ${head}`, ...rest.map((f) => `    ${f}`));
    }
  }
  const known = results.filter((r) => r.passed && r.known !== undefined);
  if (known.length > 0) {
    lines.push('', 'Known divergences inside a host app (expected failures):');
    const seen = new Set<string>();
    for (const r of known) {
      const key = `${r.adapter} ${r.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      lines.push(`~ ${r.id} ${r.adapter}: ${r.known}`);
    }
  }
  return lines;
}
