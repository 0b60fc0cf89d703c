import { markdownTable } from 'markdown-table';
import type { Difference } from './differential.js';
import type { MatrixReport, Verdict } from './run.js';
import { type Summary, summarize } from './summary.js';

/** Output formats of the matrix. */
export type Format = 'text' | 'markdown' | 'json';

/** Options of {@link renderMatrix}. */
export interface RenderOptions {
  /** Adapters that were asked for but are not installed. */
  readonly notInstalled?: readonly string[];
}

const TITLE_WIDTH = 72;

function shorten(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}

function mode(v: Verdict): string {
  return `${v.adapter} ${v.policy}${v.bodyParser ? ' + body parser' : ''}`;
}

function verdictLines(v: Verdict): string[] {
  if (v.outcome === 'unexpected-pass') {
    return [
      `${v.id} ${mode(v)}: passed, but is listed as a known failure (${v.known?.note ?? ''}); remove the entry`,
    ];
  }
  const [first = 'failed', ...rest] = v.failures;
  return [`${v.id} [${v.level}] ${mode(v)}: ${first}`, ...rest.map((f) => `    ${f}`)];
}

function differenceLine(d: Difference): string {
  const where = d.request === undefined ? '' : ` ${d.request.method} ${d.request.path}`;
  const parser = d.bodyParser ? ' + body parser' : '';
  return `${d.id} [${d.level}] ${d.policy}${parser}${where}: ${d.adapters[0]} vs ${d.adapters[1]}: ${d.details.join('; ')}`;
}

/** The final line, exactly `N passed, M failed`. */
export function finalLine(summary: Pick<Summary, 'passed' | 'failed'>): string {
  return `${summary.passed} passed, ${summary.failed} failed`;
}

function header(report: MatrixReport, options: RenderOptions): string[] {
  const modes = report.bodyParser.map((b) => (b ? 'with' : 'without')).join(' and ');
  const lines = [
    `statuskit conformance: ${report.adapters.join(', ') || 'no adapter'}; policies ${report.policies.join(', ')}; ${modes} a body parser`,
  ];
  for (const name of options.notInstalled ?? []) lines.push(`${name}: not installed`);
  return lines;
}

function details(report: MatrixReport, summary: Summary, bullet: string): string[] {
  const out: string[] = [];
  const section = (title: string, lines: string[]): void => {
    if (lines.length === 0) return;
    out.push('', title);
    for (const line of lines) out.push(line.startsWith('    ') ? line : `${bullet}${line}`);
  };
  section('Failures (MUST: the run fails):', summary.errors.flatMap(verdictLines));
  section('Warnings (SHOULD: reported only):', summary.warnings.flatMap(verdictLines));
  section(
    'Differences (every adapter must answer byte for byte alike):',
    report.differences.map(differenceLine),
  );
  return out;
}

function renderText(report: MatrixReport, summary: Summary, options: RenderOptions): string {
  const labels = summary.rows.map((r) => shorten(`${r.id} ${r.title}`, TITLE_WIDTH));
  const first = Math.max(4, ...labels.map((l) => l.length));
  const widths = summary.columns.map((c) => Math.max(c.length, 1));
  const pad = (text: string, width: number): string => text + ' '.repeat(width - text.length);
  const center = (text: string, width: number): string => {
    const left = Math.floor((width - text.length) / 2);
    return ' '.repeat(left) + text + ' '.repeat(width - text.length - left);
  };
  const lines = [...header(report, options), ''];
  lines.push([pad('case', first), ...summary.columns].join('  ').trimEnd());
  summary.rows.forEach((row, i) => {
    const cells = summary.columns.map((c, j) => center(row.cells[c] ?? '·', widths[j]!));
    lines.push([pad(labels[i]!, first), ...cells].join('  ').trimEnd());
  });
  lines.push(...details(report, summary, '✘ '));
  lines.push('', finalLine(summary));
  return `${lines.join('\n')}\n`;
}

// markdown-table aligns the columns but leaves the cells as they are.
function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function renderMarkdown(report: MatrixReport, summary: Summary, options: RenderOptions): string {
  const lines = header(report, options).map((l, i) => (i === 0 ? `# ${l}` : `- ${l}`));
  const rows = summary.rows.map((row) => [
    escapeCell(`${row.id} ${row.title}`),
    ...summary.columns.map((c) => row.cells[c] ?? '·'),
  ]);
  const align = ['', ...summary.columns.map(() => 'c')];
  lines.push('', markdownTable([['case', ...summary.columns], ...rows], { align }));
  lines.push(
    ...details(report, summary, '- ').map((l) => (l.startsWith('    ') ? `  ${l.trim()}` : l)),
  );
  lines.push('', finalLine(summary));
  return `${lines.join('\n')}\n`;
}

function renderJson(report: MatrixReport, summary: Summary, options: RenderOptions): string {
  const strip = (v: Verdict) => ({
    id: v.id,
    level: v.level,
    adapter: v.adapter,
    policy: v.policy,
    bodyParser: v.bodyParser,
    outcome: v.outcome,
    failures: v.failures,
    ...(v.known === undefined ? {} : { note: v.known.note }),
  });
  const json = {
    adapters: report.adapters,
    notInstalled: options.notInstalled ?? [],
    policies: report.policies,
    bodyParser: report.bodyParser,
    columns: summary.columns,
    rows: summary.rows,
    errors: summary.errors.map(strip),
    warnings: summary.warnings.map(strip),
    differences: report.differences,
    passed: summary.passed,
    failed: summary.failed,
    ok: !summary.failing,
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

/**
 * Renders the case × (adapter × policy) matrix: ✔ passed (with and without a
 * body parser), ✘ failed, ~ known failure, · not run. Text and markdown end
 * with the line `N passed, M failed`; JSON carries the same counts as fields.
 */
export function renderMatrix(
  report: MatrixReport,
  format: Format = 'text',
  options: RenderOptions = {},
): string {
  const summary = summarize(report);
  switch (format) {
    case 'markdown':
      return renderMarkdown(report, summary, options);
    case 'json':
      return renderJson(report, summary, options);
    default:
      return renderText(report, summary, options);
  }
}
