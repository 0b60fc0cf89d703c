import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
  startTime?: number;
  endTime?: number;
}

/** One function's share of a profile's samples. */
export interface HotSpot {
  readonly name: string;
  readonly where: string;
  readonly selfPercent: number;
}

/** Busy self time of one place the code lives: core, adapter, framework, Node, GC. */
export interface Area {
  readonly area: string;
  readonly selfPercent: number;
}

function shortUrl(url: string): string {
  const nm = url.lastIndexOf('node_modules/');
  if (nm !== -1) return url.slice(nm + 'node_modules/'.length);
  const pk = url.search(/\/(packages|apps)\//);
  if (pk !== -1) return url.slice(pk + 1);
  return url.replace(/^file:\/\//, '');
}

function area(functionName: string, url: string): string {
  if (url === '') {
    if (functionName === '(garbage collector)') return 'GC';
    if (['writev', 'writeUtf8String', 'writeBuffer'].includes(functionName))
      return 'socket writes (native)';
    return 'native / (program)';
  }
  const pk = /\/packages\/([^/]+)\//.exec(url);
  if (pk !== null) return `@statuskit/${pk[1]}`;
  const nm = url.lastIndexOf('node_modules/');
  if (nm !== -1) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (url.startsWith('node:')) return 'node core (JS)';
  if (url.includes('/apps/bench/')) return 'bench server code';
  return 'other';
}

/** Sorted largest first, as percentages of `total`. */
function shares<T>(counts: Map<string, [T, number]>, total: number): Array<[T, number]> {
  return [...counts.values()]
    .sort((a, b) => b[1] - a[1])
    .map(([what, n]) => [what, (100 * n) / (total || 1)]);
}

/** What {@link summarizeProfile} finds in one profile. */
export interface ProfileSummary {
  readonly hot: HotSpot[];
  readonly areas: Area[];
  /** Busy (not idle) time of the profiled thread, µs: what the shares are shares of. */
  readonly busyUs: number;
}

/**
 * Self-time hot spots (the `top` largest) and the busy time by area of a V8
 * `.cpuprofile`, as shares of the busy samples: `(idle)` is left out, since a
 * server in an alternating run waits while the others are loaded.
 */
export function summarizeProfile(file: string, top: number): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const hits = new Map<number, number>();
  // Time per node: each sample stands for the interval before it (V8's timeDeltas),
  // or for the profile's mean interval when the deltas are missing.
  const time = new Map<number, number>();
  const samples = profile.samples ?? [];
  const mean =
    samples.length > 0 && profile.endTime !== undefined && profile.startTime !== undefined
      ? (profile.endTime - profile.startTime) / samples.length
      : 0;
  if (profile.samples !== undefined) {
    samples.forEach((id, i) => {
      hits.set(id, (hits.get(id) ?? 0) + 1);
      time.set(id, (time.get(id) ?? 0) + (profile.timeDeltas?.[i] ?? mean));
    });
  } else for (const node of profile.nodes) hits.set(node.id, node.hitCount ?? 0);
  let busyUs = 0;
  const fns = new Map<string, [{ name: string; where: string }, number]>();
  const areas = new Map<string, [string, number]>();
  let total = 0;
  for (const [id, count] of hits) {
    const frame = byId.get(id)?.callFrame;
    if (frame === undefined || frame.functionName === '(idle)') continue;
    total += count;
    busyUs += time.get(id) ?? 0;
    const name = frame.functionName || '(anonymous)';
    const where = frame.url ? `${shortUrl(frame.url)}:${frame.lineNumber + 1}` : '';
    const fn = fns.get(`${name}@${where}`) ?? [{ name, where }, 0];
    fns.set(`${name}@${where}`, [fn[0], fn[1] + count]);
    const a = area(frame.functionName, frame.url);
    areas.set(a, [a, (areas.get(a)?.[1] ?? 0) + count]);
  }
  return {
    hot: shares(fns, total)
      .slice(0, top)
      .map(([f, selfPercent]) => ({ ...f, selfPercent })),
    areas: shares(areas, total).map(([a, selfPercent]) => ({ area: a, selfPercent })),
    busyUs,
  };
}
