import type { Policy } from './case.js';
import type { MatrixReport, Verdict } from './run.js';

/** A matrix cell: passed, failed, known failure, or not run. */
export type Cell = '✔' | '✘' | '~' | '·';

/** One row of the matrix. */
export interface Row {
  readonly id: string;
  readonly title: string;
  readonly level: 'MUST' | 'SHOULD';
  /** By column key (`<adapter> <policy>`, or `≡ <policy>` for the differential). */
  readonly cells: Readonly<Record<string, Cell>>;
}

/** The matrix with its totals and the verdict for the exit code. */
export interface Summary {
  /** Column keys in order: each adapter under each policy, then `≡ <policy>` when 2+ adapters ran. */
  readonly columns: readonly string[];
  readonly rows: readonly Row[];
  readonly passed: number;
  readonly failed: number;
  /** MUST failures, and known failures that passed (the known-failures file is stale): exit 1. */
  readonly errors: readonly Verdict[];
  /** SHOULD failures: reported, exit 0. */
  readonly warnings: readonly Verdict[];
  readonly known: number;
  /** True when the run must exit non-zero: a MUST failure, or adapters answering a MUST case differently. */
  readonly failing: boolean;
}

function cellOf(verdicts: readonly Verdict[]): Cell {
  if (verdicts.length === 0) return '·';
  if (verdicts.some((v) => v.outcome === 'failed' || v.outcome === 'unexpected-pass')) return '✘';
  if (verdicts.some((v) => v.outcome === 'expected-failure' || v.outcome === 'skipped')) return '~';
  return '✔';
}

/** Column key of one adapter under one policy. */
export function columnKey(adapter: string, policy: Policy): string {
  return `${adapter} ${policy}`;
}

/** Builds the case × (adapter × policy) grid and counts cells. */
export function summarize(report: MatrixReport): Summary {
  const differential = report.adapters.length >= 2;
  const columns = report.adapters.flatMap((a) => report.policies.map((p) => columnKey(a, p)));
  if (differential) columns.push(...report.policies.map((p) => `≡ ${p}`));
  const byKey = new Map<string, Verdict[]>();
  for (const v of report.results) {
    const key = `${v.id} ${columnKey(v.adapter, v.policy)}`;
    let list = byKey.get(key);
    if (list === undefined) byKey.set(key, (list = []));
    list.push(v);
  }
  let passed = 0;
  let failed = 0;
  let known = 0;
  const count = (cell: Cell): void => {
    if (cell === '✔') passed++;
    else if (cell === '✘') failed++;
    else if (cell === '~') known++;
  };
  const rows: Row[] = report.cases.map((c) => {
    const cells: Record<string, Cell> = {};
    for (const a of report.adapters) {
      for (const p of report.policies) {
        const cell = cellOf(byKey.get(`${c.id} ${columnKey(a, p)}`) ?? []);
        cells[columnKey(a, p)] = cell;
        count(cell);
      }
    }
    if (differential) {
      for (const p of report.policies) {
        const ran = report.results.filter(
          (v) => v.id === c.id && v.policy === p && v.outcome !== 'skipped',
        );
        const differs = report.differences.some((d) => d.id === c.id && d.policy === p);
        const cell: Cell = new Set(ran.map((v) => v.adapter)).size < 2 ? '·' : differs ? '✘' : '✔';
        cells[`≡ ${p}`] = cell;
        count(cell);
      }
    }
    return { id: c.id, title: c.title, level: c.level, cells };
  });
  const errors = report.results.filter(
    (v) => v.outcome === 'unexpected-pass' || (v.outcome === 'failed' && v.level === 'MUST'),
  );
  const warnings = report.results.filter((v) => v.outcome === 'failed' && v.level === 'SHOULD');
  return {
    columns,
    rows,
    passed: passed + known,
    failed,
    errors,
    warnings,
    known,
    failing: errors.length > 0 || report.differences.some((d) => d.level === 'MUST'),
  };
}
