import type { AnyRoute } from '@statuskit/core';
import { Router, splitUrl } from '@statuskit/core/adapter';
import { describe, expect, it } from 'vitest';
import type { ConformanceCase, Expectation, Step } from '../src/case.js';
import { step } from '../src/cases/helpers.js';
import { cases } from '../src/cases/index.js';
import { seedApp } from '../src/fixture/index.js';

// Cases and routes are linked only by a path string. These tests route every
// request of every case through the core's router (the one every adapter
// uses), so a typo in a path, a route no case needs any more, or a case that
// passes only because of a 404 shows up here and not as a puzzling failure.

interface Sent {
  readonly method: string;
  readonly target: string;
  /** What the step expects; undefined for a head step, which compares GET and HEAD. */
  readonly expect?: readonly Expectation[];
  /** Raw steps reach Node's parser first, which answers some requests before any route. */
  readonly raw?: boolean;
}

function sent(s: Step): Sent[] {
  switch (s.kind) {
    case 'request':
      return [
        {
          method: s.request.method,
          target: s.request.path,
          expect: [s.expect, ...Object.values(s.expectFor ?? {})],
        },
      ];
    case 'poll':
      return [{ method: s.request.method, target: s.request.path, expect: [s.until] }];
    case 'head':
      return [
        { method: 'GET', target: s.path },
        { method: 'HEAD', target: s.path },
      ];
    case 'concurrent':
      return s.steps.flatMap(sent);
    case 'raw':
      return [
        { method: s.request.method, target: s.request.target, expect: [s.expect], raw: true },
      ];
  }
}

// The statuses an answer may have when the router finds no route for it.
const WITHOUT_ROUTE = {
  'not-found': [404],
  'method-not-allowed': [405],
  redirect: [307],
  'bad-path': [400],
} as const;
// What Node's HTTP parser answers itself, before any framework or route (the R cases).
const NODE_ANSWERS = [400, 417, 431];

/** Requests that hit no route without expecting that, and routes no request hits. */
function coverage(
  list: readonly ConformanceCase[],
  routes: readonly AnyRoute[],
): { problems: string[]; unused: string[] } {
  const router = new Router(routes);
  const hit = new Set<AnyRoute>();
  const problems: string[] = [];
  for (const c of list) {
    for (const r of c.steps.flatMap(sent)) {
      const { path, query } = splitUrl(r.target);
      const match = router.match(r.method, path, query, true);
      if (match.kind === 'route') {
        hit.add(match.route);
        continue;
      }
      if (r.expect === undefined) continue;
      const allowed: readonly number[] = [
        ...WITHOUT_ROUTE[match.kind],
        ...(r.raw ? NODE_ANSWERS : []),
      ];
      const wrong = r.expect.filter((e) => !allowed.includes(e.status));
      if (wrong.length > 0) {
        const label = r.target.length > 60 ? `${r.target.slice(0, 60)}…` : r.target;
        problems.push(
          `${c.id} ${r.method} ${label}: ${match.kind}, but the case expects ${wrong.map((e) => e.status).join(', ')}`,
        );
      }
    }
  }
  const unused = routes.filter((route) => !hit.has(route)).map((route) => route.id);
  return { problems, unused };
}

describe('cases and the routes of the suite app', () => {
  const { routes } = seedApp();

  it('every request hits a route, unless its case expects the answer of no route (404, 405, 307, 400)', () => {
    expect(coverage(cases, routes).problems).toEqual([]);
  });

  it('every route of the suite app is hit by at least one case', () => {
    expect(coverage(cases, routes).unused).toEqual([]);
  });

  it('the check catches a mistyped path, a wrong method and a route no case needs', () => {
    const wrong: ConformanceCase = {
      id: 'X01',
      level: 'MUST',
      title: 'a mistyped path and a wrong method',
      ref: 'this test',
      steps: [
        step({ method: 'GET', path: '/item/1' }, { status: 200 }),
        step({ method: 'PATCH', path: '/items/1' }, { status: 200 }),
        step({ method: 'GET', path: '/items/1' }, { status: 200 }),
      ],
    };
    const { problems, unused } = coverage([wrong], routes);
    expect(problems).toEqual([
      'X01 GET /item/1: not-found, but the case expects 200',
      'X01 PATCH /items/1: method-not-allowed, but the case expects 200',
    ]);
    expect(unused).toContain('GET /text');
    expect(unused).not.toContain('GET /items/{id}');
  });
});
