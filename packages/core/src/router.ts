import { ErrorCode, StatuskitError } from './errors.js';
import type { AnyRoute, PathSegment } from './route.js';

/** Where a request lands: a route, a 405 with its allow list, a slash redirect, a 404 or a 400. */
export type Match =
  | { readonly kind: 'route'; readonly route: AnyRoute; readonly params: Record<string, string> }
  | { readonly kind: 'method-not-allowed'; readonly allow: string }
  | { readonly kind: 'redirect'; readonly location: string }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'bad-path' };

interface PathEntry {
  readonly segments: readonly PathSegment[];
  readonly methods: Map<string, AnyRoute>;
  allow: string;
}

// A fixed, conventional order so `allow` is byte-identical everywhere
// (FastAPI's comes from a Python set and changes between runs).
const METHOD_ORDER = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

function orderMethods(methods: Iterable<string>): string[] {
  const all = new Set(methods);
  if (all.has('GET')) all.add('HEAD');
  const known = METHOD_ORDER.filter((m) => all.has(m));
  const other = [...all].filter((m) => !METHOD_ORDER.includes(m)).sort();
  return [...known, ...other];
}

function templateKey(segments: readonly PathSegment[]): string {
  return segments.map((s) => (s.param ? '{}' : s.text)).join('/');
}

const BAD_PATH: Match = { kind: 'bad-path' };
const NOT_FOUND: Match = { kind: 'not-found' };

/**
 * Matches requests against the routes. The core owns matching so that 404,
 * 405 `allow`, HEAD and trailing-slash redirects are the same on every
 * framework; static paths are a map lookup, templates are tried in order.
 */
export class Router {
  private readonly statics = new Map<string, PathEntry>();
  private readonly templates: PathEntry[] = [];

  constructor(routes: readonly AnyRoute[]) {
    const byKey = new Map<string, PathEntry>();
    for (const route of routes) {
      const key = templateKey(route.segments);
      let entry = byKey.get(key);
      if (entry === undefined) {
        entry = { segments: route.segments, methods: new Map(), allow: '' };
        byKey.set(key, entry);
        if (route.segments.some((s) => s.param)) this.templates.push(entry);
        else this.statics.set(route.path, entry);
      }
      if (entry.methods.has(route.method)) {
        throw new StatuskitError(
          ErrorCode.INVALID_ROUTE,
          `route ${route.id} is declared twice (also as ${entry.methods.get(route.method)!.id}); remove one.`,
        );
      }
      entry.methods.set(route.method, route);
    }
    for (const entry of byKey.values()) entry.allow = orderMethods(entry.methods.keys()).join(', ');
  }

  /** Matches a method and a raw (still percent-encoded) path. */
  match(method: string, rawPath: string, query: string, redirectSlashes: boolean): Match {
    const found = this.lookup(method, rawPath);
    if (found !== NOT_FOUND || !redirectSlashes || rawPath === '/') return found;
    const other = rawPath.endsWith('/') ? rawPath.slice(0, -1) : `${rawPath}/`;
    const alt = this.lookup(method, other);
    if (alt.kind === 'route' || alt.kind === 'method-not-allowed') {
      return { kind: 'redirect', location: query === '' ? other : `${other}?${query}` };
    }
    return found;
  }

  /**
   * True when a route serves the path (any method), or its trailing-slash
   * alternate when `redirectSlashes` is on: the requests the core answers.
   */
  owns(rawPath: string, redirectSlashes: boolean): boolean {
    // No route has the empty method, so a served path answers 405 (or its alternate a redirect).
    const kind = this.match('', rawPath, '', redirectSlashes).kind;
    return kind === 'method-not-allowed' || kind === 'redirect';
  }

  private lookup(method: string, rawPath: string): Match {
    // The hot path: a plain path (no percent-encoding) is matched in place, with no
    // segment array and no candidate list; the first entry with the method wins.
    if (rawPath.charCodeAt(0) !== SLASH || rawPath.includes('%'))
      return this.lookupDecoded(method, rawPath);
    let first: PathEntry | undefined;
    let count = 0;
    const exact = this.statics.get(rawPath);
    if (exact !== undefined) {
      const route = routeFor(exact, method);
      if (route !== undefined) return { kind: 'route', route, params: {} };
      first = exact;
      count = 1;
    }
    for (const entry of this.templates) {
      if (!matchesRaw(entry.segments, rawPath)) continue;
      const route = routeFor(entry, method);
      // The route's own segments: routes sharing a shape may name their parameters differently.
      if (route !== undefined)
        return { kind: 'route', route, params: rawParams(route.segments, rawPath) };
      first ??= entry;
      count++;
    }
    if (count === 0) return NOT_FOUND;
    if (count === 1) return { kind: 'method-not-allowed', allow: first!.allow };
    return this.lookupDecoded(method, rawPath);
  }

  // Paths with percent-encoding (or without a leading "/"), and 405s of several shapes.
  private lookupDecoded(method: string, rawPath: string): Match {
    let decoded: string[] | undefined;
    if (rawPath.includes('%')) {
      decoded = decodeSegments(rawPath);
      if (decoded === undefined) return BAD_PATH;
    }
    const candidates: PathEntry[] = [];
    // A decoded "%2F" must not turn one segment into two, so such paths skip the static map.
    const exact =
      decoded === undefined
        ? this.statics.get(rawPath)
        : decoded.some((s) => s.includes('/'))
          ? undefined
          : this.statics.get(`/${decoded.join('/')}`);
    if (exact !== undefined) candidates.push(exact);
    const segments = decoded ?? rawPath.slice(1).split('/');
    for (const entry of this.templates) {
      if (matches(entry.segments, segments)) candidates.push(entry);
    }
    if (candidates.length === 0) return NOT_FOUND;
    for (const entry of candidates) {
      const route = routeFor(entry, method);
      if (route !== undefined)
        return { kind: 'route', route, params: paramsOf(route.segments, segments) };
    }
    const allow =
      candidates.length === 1
        ? candidates[0]!.allow
        : orderMethods(candidates.flatMap((c) => [...c.methods.keys()])).join(', ');
    return { kind: 'method-not-allowed', allow };
  }
}

const SLASH = 47;

// The route of an entry for a method; HEAD is served by GET.
function routeFor(entry: PathEntry, method: string): AnyRoute | undefined {
  return entry.methods.get(method) ?? (method === 'HEAD' ? entry.methods.get('GET') : undefined);
}

// `matches` on the raw path itself ("/a/b": segments "a" and "b"), without splitting it.
function matchesRaw(template: readonly PathSegment[], path: string): boolean {
  let start = 1;
  const last = template.length - 1;
  for (let i = 0; i <= last; i++) {
    let end = path.indexOf('/', start);
    if (end === -1) {
      if (i !== last) return false;
      end = path.length;
    } else if (i === last) return false;
    const t = template[i]!;
    if (t.param) {
      if (end === start) return false;
    } else if (end - start !== t.text.length || !path.startsWith(t.text, start)) return false;
    start = end + 1;
  }
  return true;
}

// `paramsOf` on the raw path of a template it matched.
function rawParams(template: readonly PathSegment[], path: string): Record<string, string> {
  const params: Record<string, string> = {};
  let start = 1;
  for (let i = 0; i < template.length; i++) {
    let end = path.indexOf('/', start);
    if (end === -1) end = path.length;
    const t = template[i]!;
    if (t.param) params[t.name] = path.slice(start, end);
    start = end + 1;
  }
  return params;
}

function decodeSegments(rawPath: string): string[] | undefined {
  const parts = rawPath.slice(1).split('/');
  try {
    return parts.map((part) => (part.includes('%') ? decodeURIComponent(part) : part));
  } catch {
    return undefined;
  }
}

function matches(template: readonly PathSegment[], segments: readonly string[]): boolean {
  if (template.length !== segments.length) return false;
  for (let i = 0; i < template.length; i++) {
    const t = template[i]!;
    const s = segments[i]!;
    if (t.param ? s.length === 0 : t.text !== s) return false;
  }
  return true;
}

function paramsOf(
  template: readonly PathSegment[],
  segments: readonly string[],
): Record<string, string> {
  const params: Record<string, string> = {};
  for (let i = 0; i < template.length; i++) {
    const t = template[i]!;
    if (t.param) params[t.name] = segments[i]!;
  }
  return params;
}
