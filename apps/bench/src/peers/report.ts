import type { Series } from '../compare.js';
import { cell, type Metric, num, pick, ratio, table, tickLine, verdict } from '../format.js';
import { type Summary, summarize } from '../stats.js';
import { CONTENDERS, CONTROL, REFERENCE } from './contenders.js';
import type { ContenderRun, PeerProfile, PeersRun } from './run.js';

const FZ = 'fastify-zod';
/** Issue 15's targets, as statuskit on Fastify ÷ the peer, CPU per request. */
const TARGET_VS_FASTIFY_ZOD = 1.0;
const TARGET_RAISE = 0.5;
const AT_PAR_ROUTES = ['get-json', 'post-model', 'delete-204'];

const times = (x: number): string => (Number.isFinite(x) ? `${x.toFixed(2)}x` : 'n/a');
const range = (s: Summary, digits: number): string =>
  s.n === 0 ? 'n/a' : `${num(s.q1, digits)}–${num(s.q3, digits)}`;

/** peer ÷ statuskit on Fastify, round by round. */
const vsReference = (s: Series, id: string, m: Metric = 'cpuUsPerReq'): Summary =>
  ratio(s, m, id, REFERENCE);

/**
 * How far from 1.00 the A/A control strays on a route (the largest of its median
 * and quartiles, at least 3 %): a ratio within it says "no measurable difference".
 */
export function noiseFloor(s: Series): number {
  const aa = vsReference(s, CONTROL);
  if (aa.n === 0) return 0.03;
  return Math.max(0.03, ...[aa.q1, aa.median, aa.q3].map((x) => Math.abs(x - 1)));
}

function peerCell(s: Series, id: string, m: Metric, withRange: boolean): string {
  if (s.excluded.includes(id)) return 'wrong answer';
  const r = vsReference(s, id, m);
  if (r.n === 0) return 'n/a';
  return withRange ? `${times(r.median)} [${range(r, 2)}]` : times(r.median);
}

function measured(run: PeersRun): ContenderRun[] {
  return run.contenders.filter((c) => c.skipped === undefined && c.id !== REFERENCE);
}

function ratioTables(run: PeersRun, series: Series[]): string[] {
  const peers = measured(run);
  const heads = (first: string): string =>
    [`route`, first, 'A/A', ...peers.map((c) => c.title)].join('|');
  const rows = (m: Metric, digits: number, withRange: boolean): string[][] =>
    series.map((s) => [
      s.scenario.title,
      withRange
        ? cell(summarize(pick(s, REFERENCE, m)), digits)
        : num(summarize(pick(s, REFERENCE, m)).median, digits),
      peerCell(s, CONTROL, m, withRange),
      ...peers.map((c) => peerCell(s, c.id, m, withRange)),
    ]);
  return [
    '**Server CPU per request.** First column: statuskit on Fastify in µs per request (all threads). Every other column: **that server ÷ statuskit on Fastify**, taken round by round, median of the rounds. Above 1.00x the other server spends more CPU per request than statuskit on Fastify; below 1.00x, less. A/A is a second statuskit-on-Fastify process: its distance from 1.00x is the noise floor.',
    '',
    table(heads('statuskit on Fastify µs/req'), rows('cpuUsPerReq', 1, false)),
    '',
    'The same ratios with their interquartile range [q1–q3] over the rounds:',
    '',
    table(heads('statuskit on Fastify µs/req'), rows('cpuUsPerReq', 1, true)),
    '',
    '**p99 latency** (closed loop, so mostly queueing: read it beside the CPU figures): statuskit on Fastify in ms, the others ÷ statuskit on Fastify.',
    '',
    table(heads('statuskit on Fastify p99 ms'), rows('p99Ms', 2, false)),
    '',
  ];
}

function ownFigures(run: PeersRun, series: Series[]): string[] {
  const ids = [REFERENCE, ...measured(run).map((c) => c.id)];
  const title = (id: string): string => run.contenders.find((c) => c.id === id)?.title ?? id;
  const rows = ids.map((id) => [
    title(id),
    ...series.map((s) => {
      if (s.excluded.includes(id)) return 'wrong answer';
      const cpu = summarize(pick(s, id, 'cpuUsPerReq'));
      const rps = summarize(pick(s, id, 'rps'));
      return cpu.n === 0 ? 'n/a' : `${num(cpu.median, 1)} µs · ${num(rps.median, 0)}/s`;
    }),
  ]);
  return [
    "Each server's own medians (CPU µs per request · requests per second under the closed loop):",
    '',
    table(['server', ...series.map((s) => s.scenario.title)].join('|'), rows),
    '',
  ];
}

function targetRows(run: PeersRun, series: Series[]): string[][] {
  const rows: string[][] = [];
  const has = (id: string): boolean => measured(run).some((c) => c.id === id);
  const title = (id: string): string => run.contenders.find((c) => c.id === id)?.title ?? id;
  const row = (s: Series, id: string, target: number): string[] => {
    const r = ratio(s, 'cpuUsPerReq', REFERENCE, id);
    const aa = vsReference(s, CONTROL);
    return [
      s.scenario.title,
      `statuskit on Fastify ÷ ${title(id)}`,
      `≤ ${target.toFixed(2)}`,
      num(r.median, 3),
      s.excluded.includes(id) ? 'n/a' : verdict(r.median, target),
      range(aa, 3),
    ];
  };
  for (const s of series) {
    if (AT_PAR_ROUTES.includes(s.scenario.id) && has(FZ))
      rows.push(row(s, FZ, TARGET_VS_FASTIFY_ZOD));
    if (s.scenario.id === 'raise-404') {
      for (const c of measured(run).filter((x) => !x.statuskit))
        rows.push(row(s, c.id, TARGET_RAISE));
    }
  }
  return rows;
}

type Standing = 'more' | 'less' | 'even';

/** Where a peer stands against statuskit on Fastify on one route, given the A/A floor. */
export function standing(peerOverReference: number, floor: number): Standing | undefined {
  if (!Number.isFinite(peerOverReference)) return undefined;
  if (peerOverReference > 1 + floor) return 'more';
  if (peerOverReference < 1 - floor) return 'less';
  return 'even';
}

function reading(run: PeersRun, series: Series[]): string[] {
  const lines: string[] = [];
  const words: Record<Standing, string> = {
    more: 'more CPU per request than statuskit on Fastify on',
    less: 'less CPU per request than statuskit on Fastify on',
    even: 'the same as statuskit on Fastify, within the A/A floor, on',
  };
  for (const c of measured(run)) {
    const groups: Record<Standing, string[]> = { more: [], less: [], even: [] };
    for (const s of series) {
      const r = vsReference(s, c.id);
      const st = s.excluded.includes(c.id) ? undefined : standing(r.median, noiseFloor(s));
      if (st !== undefined) groups[st].push(`${s.scenario.title} (${times(r.median)})`);
    }
    const measuredText = (['less', 'even', 'more'] as const)
      .filter((k) => groups[k].length > 0)
      .map((k) => `${words[k]} ${groups[k].join(', ')}`)
      .join('; ');
    const choose = CONTENDERS.find((x) => x.id === c.id)?.choose ?? '';
    lines.push(
      `- **${c.title}**: ${measuredText === '' ? 'not measured' : measuredText}. ${choose}`,
    );
  }
  const ref = CONTENDERS.find((x) => x.id === REFERENCE)!;
  return [
    '### What to choose when',
    '',
    `- **${ref.title}** (the reference): ${ref.choose}`,
    ...lines,
    '',
  ];
}

/** µs per request of one area of a profile: its share of the busy time over the requests. */
function areaUs(p: PeerProfile, area: string): number {
  const share = p.areas.find((a) => a.area === area)?.selfPercent ?? 0;
  return p.requests === 0 ? Number.NaN : (p.busyUs * share) / 100 / p.requests;
}

function profileSection(run: PeersRun, series: Series[]): string[] {
  if (run.profiles.length === 0) return [];
  const out = [
    '### Where the cost is (`--profile`)',
    '',
    "After the measured rounds, each route's slice on statuskit on Fastify and on Fastify + fastify-type-provider-zod ran once more under V8's sampling profiler (main thread). Busy time per request by where the code lives, in µs; the difference is what statuskit costs more (+) or less (−) there. Figures taken with the profiler on: read them as shares, not as the measurement.",
    '',
  ];
  for (const s of series) {
    const sk = run.profiles.find((p) => p.route === s.scenario.id && p.server === REFERENCE);
    if (sk === undefined) continue;
    const fz = run.profiles.find((p) => p.route === s.scenario.id && p.server === FZ);
    const areas = [...new Set([...sk.areas, ...(fz?.areas ?? [])].map((a) => a.area))];
    const rows = areas
      .map((a) => [a, areaUs(sk, a), fz === undefined ? Number.NaN : areaUs(fz, a)] as const)
      .filter(([, x, y]) => x >= 0.05 || y >= 0.05)
      .sort((a, b) => b[1] - b[2] - (a[1] - a[2]));
    const busy = (p: PeerProfile): string => num(p.busyUs / p.requests, 1);
    const largest = rows
      .filter(([, x, y]) => x - (Number.isFinite(y) ? y : 0) >= 0.1)
      .slice(0, 4)
      .map(([a, x, y]) => `${a} ${Number.isFinite(y) ? `+${num(x - y, 1)}` : num(x, 1)} µs`);
    out.push(
      `#### ${s.scenario.title}`,
      '',
      `statuskit on Fastify: main thread busy ${busy(sk)} µs/req (${num(sk.cpuUsPerReq, 1)} µs all threads)` +
        (fz === undefined
          ? '.'
          : `; Fastify + zod: ${busy(fz)} µs/req (${num(fz.cpuUsPerReq, 1)} µs all threads).`) +
        (largest.length > 0 ? ` Where statuskit costs more: ${largest.join(', ')}.` : ''),
      '',
      table(
        'where|statuskit on Fastify µs/req|Fastify + zod µs/req|difference',
        rows.map(([a, x, y]) => [
          a,
          num(x, 2),
          num(y, 2),
          Number.isFinite(y) ? `${x - y >= 0 ? '+' : ''}${num(x - y, 2)}` : 'n/a',
        ]),
      ),
      '',
      'statuskit on Fastify, busiest functions (self time, % of busy):',
      '',
      table(
        'self %|function|where',
        sk.hot.slice(0, 10).map((h) => [num(h.selfPercent, 1), `\`${h.name}\``, h.where]),
      ),
      '',
    );
  }
  return out;
}

/** The peers phase as Markdown: contenders, ratio tables, targets, reading, problems, profiles. */
export function renderPeers(run: PeersRun): string {
  const out = ['## Peers: statuskit on Fastify against what a user would pick instead', ''];
  const ran = run.contenders.filter((c) => c.skipped === undefined);
  out.push(
    `Servers: ${ran.map((c) => c.title).join(', ')}, and a second statuskit-on-Fastify process (A/A control).${run.python === undefined ? '' : ` FastAPI: ${run.python}.`}`,
    '',
  );
  for (const c of run.contenders.filter((x) => x.skipped !== undefined)) {
    out.push(`- ${c.title}: skipped: ${c.skipped}`);
  }
  if (run.contenders.some((c) => c.skipped !== undefined)) out.push('');
  if (run.error !== undefined) out.push(`**Error:** ${run.error}`, '');
  const c = run.comparison;
  if (c !== undefined) {
    const series = c.series.filter((s) => s.checked);
    out.push(
      `${c.pairsDone} rounds${(c.epochs ?? 1) > 1 ? ` in ${c.epochs} sets of fresh server processes` : ''}${c.truncated ? ' (cut short by --max-seconds)' : ''}; in each round every route got one slice on every server, the order rotating round by round.`,
      '',
    );
    if (series.length > 0) {
      out.push(...ratioTables(run, series), ...ownFigures(run, series));
      const targets = targetRows(run, series);
      if (targets.length > 0) {
        out.push(
          '### Targets (issue 15)',
          '',
          'statuskit on Fastify ÷ the peer, CPU per request, median of the pair-by-pair ratios (lower is better for statuskit), with the A/A IQR beside it.',
          '',
          table('route|ratio|target|measured||A/A CPU IQR', targets),
          '',
        );
      }
      out.push(...reading(run, series));
    }
    out.push(
      ...tickLine(
        c,
        (id) =>
          run.contenders.find((x) => x.id === id)?.title ?? 'A/A (second statuskit on Fastify)',
      ),
    );
    const problems = c.series.flatMap((s) => s.problems.map((p) => `${s.scenario.id}: ${p}`));
    if (problems.length + run.problems.length > 0) {
      out.push(
        'Problems (a server that answered wrongly is reported and left out of that route, not measured):',
        '',
        ...[...run.problems, ...problems].slice(0, 30).map((p) => `- ${p}`),
        '',
      );
    }
    out.push(...profileSection(run, series));
  }
  return out.join('\n');
}
