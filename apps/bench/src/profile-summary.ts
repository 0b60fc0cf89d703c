import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
}

/** One function's share of a profile's samples. */
export interface HotSpot {
  readonly name: string;
  readonly where: string;
  readonly selfPercent: number;
}

function shortUrl(url: string): string {
  const nm = url.lastIndexOf('node_modules/');
  if (nm !== -1) return url.slice(nm + 'node_modules/'.length);
  const pk = url.indexOf('/packages/');
  if (pk !== -1) return url.slice(pk + 1);
  const ap = url.indexOf('/apps/');
  if (ap !== -1) return url.slice(ap + 1);
  return url.replace(/^file:\/\//, '');
}

/**
 * Self-time hot spots of a V8 `.cpuprofile`, largest first, as a share of
 * the busy samples: `(idle)` is left out, since a server in an alternating
 * run waits while the others are loaded.
 */
export function hotSpots(file: string, top: number): HotSpot[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map<number, ProfileNode>();
  for (const node of profile.nodes) byId.set(node.id, node);
  const hits = new Map<number, number>();
  if (profile.samples !== undefined) {
    for (const id of profile.samples) hits.set(id, (hits.get(id) ?? 0) + 1);
  } else {
    for (const node of profile.nodes) hits.set(node.id, node.hitCount ?? 0);
  }
  let total = 0;
  for (const [id, count] of hits)
    if (byId.get(id)?.callFrame.functionName !== '(idle)') total += count;
  total ||= 1;
  const grouped = new Map<string, { name: string; where: string; count: number }>();
  for (const [id, count] of hits) {
    const frame = byId.get(id)?.callFrame;
    if (frame === undefined) continue;
    if (frame.functionName === '(idle)') continue;
    const name = frame.functionName || '(anonymous)';
    const where = frame.url ? `${shortUrl(frame.url)}:${frame.lineNumber + 1}` : '';
    const key = `${name}@${where}`;
    const g = grouped.get(key) ?? { name, where, count: 0 };
    g.count += count;
    grouped.set(key, g);
  }
  return [...grouped.values()]
    .sort((a, b) => b.count - a.count)
    .slice(0, top)
    .map((g) => ({ name: g.name, where: g.where, selfPercent: (100 * g.count) / total }));
}

function area(functionName: string, url: string): string {
  if (url === '') {
    if (functionName === '(garbage collector)') return 'GC';
    if (
      functionName === 'writev' ||
      functionName === 'writeUtf8String' ||
      functionName === 'writeBuffer'
    )
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

/** Busy self time grouped by where the code lives: core, adapter, framework, Node, GC. */
export function areas(
  file: string,
): Array<{ readonly area: string; readonly selfPercent: number }> {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map<number, ProfileNode>();
  for (const node of profile.nodes) byId.set(node.id, node);
  const counts = new Map<string, number>();
  let total = 0;
  const add = (id: number, n: number): void => {
    const frame = byId.get(id)?.callFrame;
    if (frame === undefined || frame.functionName === '(idle)') return;
    const a = area(frame.functionName, frame.url);
    counts.set(a, (counts.get(a) ?? 0) + n);
    total += n;
  };
  if (profile.samples !== undefined) for (const id of profile.samples) add(id, 1);
  else for (const node of profile.nodes) add(node.id, node.hitCount ?? 0);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([a, n]) => ({ area: a, selfPercent: (100 * n) / (total || 1) }));
}
