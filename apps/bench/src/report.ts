import type { Series } from './compare.js';
import { cell, num, pick, ratio, table, tickLine, verdict } from './format.js';
import type { MicroCase } from './micro.js';
import { renderPeers } from './peers/report.js';
import type { FrameworkRun, RunResult } from './result.js';
import { P99_TARGET, RAISE_TARGET } from './scenarios.js';
import type { SoakResult } from './soak.js';
import { pairRatios, type Summary, summarize } from './stats.js';

const METRICS = [
  ['rps', 'rps', 0],
  ['p99Ms', 'p99 ms', 2],
  ['cpuUsPerReq', 'CPU µs/req', 1],
] as const;

function frameworkSection(run: FrameworkRun): string {
  const out: string[] = [`### ${run.framework}`, ''];
  if (run.error !== undefined) out.push(`**Error:** ${run.error}`, '');
  if (run.missing !== undefined) out.push(`statuskit server not run: ${run.missing}`, '');
  const c = run.comparison;
  if (c === undefined) return out.join('\n');
  const sk = run.missing === undefined;
  out.push(
    `${c.pairsDone} pairs${(c.epochs ?? 1) > 1 ? ` in ${c.epochs} sets of fresh server processes` : ''}${c.truncated ? ' (cut short by --max-seconds)' : ''}; each cell median [IQR]; ratios statuskit/bare taken pair by pair.`,
    '',
  );
  const checked = c.series.filter((s) => s.checked);
  const rows = checked.map((s) => [
    s.scenario.title,
    ...METRICS.flatMap(([m, , digits]) => [
      cell(summarize(pick(s, 'bare', m)), digits),
      sk ? cell(summarize(pick(s, 'statuskit', m)), digits) : '-',
      sk ? cell(ratio(s, m, 'statuskit'), 3) : '-',
    ]),
    cell(ratio(s, 'cpuUsPerReq', 'control'), 3),
  ]);
  const heads = METRICS.map(([, h]) => `bare ${h}|sk ${h}|${h.split(' ')[0]} ratio`).join('|');
  const aa = checked.map((s) => [
    s.scenario.title,
    ...METRICS.map(([m]) => cell(ratio(s, m, 'control'), 3)),
  ]);
  out.push(
    table(`route|${heads}|A/A CPU ratio`, rows),
    '',
    'A/A control: a second process of the bare server, measured in the same rounds (ratio control/bare; 1.000 is perfect, the spread is the noise floor):',
    '',
    table('route|rps ratio|p99 ratio|CPU ratio', aa),
    '',
  );
  out.push(...tickLine(c, (role) => role));
  const problems = c.series.flatMap((s) => s.problems.map((p) => `${s.scenario.id}: ${p}`));
  if (problems.length > 0) {
    out.push('Problems:', '', ...problems.slice(0, 20).map((p) => `- ${p}`), '');
  }
  for (const p of run.profiles) {
    out.push(
      `Profile of ${p.server}, busy time by where the code lives: ${p.areas
        .filter((a) => a.selfPercent >= 0.5)
        .map((a) => `${a.area} ${num(a.selfPercent, 1)}%`)
        .join(', ')}`,
      '',
    );
    out.push(
      `Profile of ${p.server} (self time):`,
      '',
      table(
        'self %|function|where',
        p.hot.map((h) => [num(h.selfPercent, 1), `\`${h.name}\``, h.where]),
      ),
      '',
    );
  }
  return out.join('\n');
}

/** CPU of raise-404 over returned-404, round by round, on one server. */
function raiseOverReturn(series: Series[], who: 'bare' | 'statuskit'): Summary {
  const raise = series.find((s) => s.scenario.id === 'raise-404' && s.checked);
  const ret = series.find((s) => s.scenario.id === 'return-404' && s.checked);
  if (raise === undefined || ret === undefined) return summarize([]);
  return summarize(pairRatios(pick(raise, who, 'cpuUsPerReq'), pick(ret, who, 'cpuUsPerReq')));
}

function targetsSection(result: RunResult): string {
  const rows: string[][] = [];
  for (const run of result.frameworks) {
    const c = run.comparison;
    if (c === undefined || run.missing !== undefined) continue;
    for (const s of c.series.filter((x) => x.checked)) {
      const cpu = ratio(s, 'cpuUsPerReq', 'statuskit');
      const p99 = ratio(s, 'p99Ms', 'statuskit');
      const aa = ratio(s, 'cpuUsPerReq', 'control');
      rows.push([
        run.framework,
        s.scenario.title,
        `CPU ≤ ${s.scenario.cpuTarget}`,
        num(cpu.median, 3),
        verdict(cpu.median, s.scenario.cpuTarget ?? Number.NaN),
        `p99 ≤ ${P99_TARGET}`,
        num(p99.median, 3),
        verdict(p99.median, P99_TARGET),
        `${num(aa.q1, 3)}–${num(aa.q3, 3)}`,
      ]);
    }
    const rr = raiseOverReturn(c.series, 'statuskit');
    const rb = raiseOverReturn(c.series, 'bare');
    rows.push([
      run.framework,
      `raise-404 / returned-404 CPU (bare: ${num(rb.median, 3)})`,
      `≤ ${RAISE_TARGET}`,
      num(rr.median, 3),
      verdict(rr.median, RAISE_TARGET),
      ...['', '', '', ''],
    ]);
  }
  if (rows.length === 0) return '';
  return [
    '## Targets',
    '',
    'Medians of the pair-by-pair ratios. A miss smaller than the A/A spread beside it is within noise.',
    '',
    table('framework|route|target|CPU ratio||target|p99 ratio||A/A CPU IQR', rows),
    '',
  ].join('\n');
}

function microSection(result: RunResult): string {
  if (result.microError !== undefined)
    return `## Core micro-benchmark\n\n**Error:** ${result.microError}\n`;
  const m = result.micro;
  if (m === undefined) return '';
  const row = (c: MicroCase): string[] => [
    c.title,
    c.status === 0 ? '' : String(c.status),
    num(c.medianNs, 0),
    num(c.p99Ns, 0),
    `±${num(c.rme, 1)}%`,
    num(c.heapBytesPerOp, 0),
    c.group === 'exchange' ? verdict(c.medianNs, 1000) : '',
  ];
  const group = (g: MicroCase['group']): string =>
    table(
      'case|status|ns/op median|p99|rme|heap B/op|≤ 1 µs',
      m.cases.filter((c) => c.group === g).map(row),
    );
  return [
    '## Core micro-benchmark',
    '',
    "`vitest bench` (tinybench) on `packages/core/bench`, each call timed on its own (the empty op is the timer's share). Pure `resolve()` of one outcome (no I/O):",
    '',
    group('resolve'),
    '',
    'One whole exchange as the adapters run it: `kit.dispatch(req)` (route match, validation, handler, resolve; a promise only when something must be awaited) + `commit()` + `finish()`:',
    '',
    group('exchange'),
    '',
    'Allocations: JS heap growth over 10,000 ops after a full GC, plus what every GC in between reclaimed (V8 GCProfiler).',
    '',
  ].join('\n');
}

const mb = (bytes: number): string => num(bytes / 2 ** 20, 1);
const pct = (a: number, b: number): string => `${b >= a ? '+' : ''}${num((100 * (b - a)) / a, 1)}%`;

function soakSection(result: RunResult): string {
  if (result.soak.length === 0 && result.soakErrors.length === 0) return '';
  const rows = result.soak.map((s: SoakResult) => {
    const rssMax = Math.max(...s.trend.map((t) => t.rss), s.warm.rss);
    const heapMax = Math.max(...s.trend.map((t) => t.heapUsed), s.warm.heapUsed);
    const flat = rssMax <= s.warm.rss * 1.05 && heapMax <= s.warm.heapUsed * 1.05;
    return [
      s.server,
      `${s.answered} after ${s.warmup} warm-up${s.truncated ? ' (cut short)' : ''}`,
      mb(s.warm.rss),
      mb(s.end.rss),
      pct(s.warm.rss, rssMax),
      mb(s.warm.heapUsed),
      mb(s.end.heapUsed),
      pct(s.warm.heapUsed, heapMax),
      s.server.endsWith('-bare')
        ? `reference: ${flat ? 'flat' : 'grew'}`
        : flat
          ? 'met'
          : '**missed**',
      s.trend.map((t) => mb(t.heapUsed)).join(' '),
      Object.entries(s.statuses)
        .map(([k, v]) => `${k}:${v}`)
        .join(' '),
    ];
  });
  return [
    '## Memory soak',
    '',
    'Mixed requests (every route in turn); memory read after a full GC at the end of warm-up and after each tenth. The target is for the statuskit servers; the bare ones are the reference (growth they share comes from Node or the framework).',
    '',
    table(
      'server|requests|RSS warm MiB|RSS end MiB|RSS max Δ|heap warm MiB|heap end MiB|heap max Δ|flat ≤ 5%|heap MiB after each tenth|statuses',
      rows,
    ),
    '',
    ...result.soakErrors.map((e) => `**Error:** ${e}`),
    '',
  ].join('\n');
}

/** The whole run as Markdown: header, targets, per-framework tables, micro, soak. */
export function renderReport(result: RunResult): string {
  const m = result.machine;
  const o = result.options;
  const head = [
    '# statuskit bench',
    '',
    `- command: \`${result.command}\``,
    `- started: ${result.startedAt}, took ${num(result.seconds, 0)} s${o.quick ? ' (--quick: smoke figures, not for comparison)' : ''}`,
    `- machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Linux ${m.kernel}, Node ${m.node}`,
    `- load average (1/5/15 min): ${m.loadAtStart} at start, ${result.loadAtEnd} at end`,
    `- versions: ${Object.entries(m.versions)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}; commit ${m.commit}`,
    `- method: ${o.pairs} rounds × ${o.sliceSeconds} s slices per route and server in ${o.epochs} set(s) of fresh server processes, ${o.warmupSeconds} s warm-up per set, ${o.connections} connections (closed loop, pipelining 1), load generator ${m.taskset ? 'pinned to core 0, servers to core 1 (taskset)' : 'NOT pinned (taskset missing)'}; server CPU from ${m.cpuSource}`,
    '',
  ].join('\n');
  return [
    head,
    targetsSection(result),
    ...(result.frameworks.length === 0 ? [] : ['## Frameworks', '']),
    ...result.frameworks.map(frameworkSection),
    result.peers === undefined ? '' : renderPeers(result.peers),
    microSection(result),
    soakSection(result),
  ].join('\n');
}
