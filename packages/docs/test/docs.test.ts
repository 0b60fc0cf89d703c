import { createStatuskit, defineRoute, isStatuskitError, toOpenApi } from '@statuskit/core';
import { toNodeListener } from '@statuskit/node';
import { type LoopbackServer, listenOnLoopback } from '@statuskit/node/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCS_CSP, docsRoutes, swaggerUiVersion } from '../src/index.js';
import { relativeUrl } from '../src/page.js';

const routes = [
  defineRoute({ method: 'GET', path: '/items/{id}', summary: 'Read an item' }, ({ params }) => ({
    id: params.id,
  })),
];
const openapi = { info: { title: 'Shop <&> "docs"', version: '1.0.0' } };

async function serve(list = docsRoutes(routes, { openapi })): Promise<LoopbackServer> {
  return listenOnLoopback(toNodeListener(createStatuskit([...routes, ...list])));
}

describe('docsRoutes on a server', () => {
  let server: LoopbackServer;
  let page: string;
  beforeAll(async () => {
    server = await serve();
    page = await (await fetch(`${server.url}/docs`)).text();
  });
  afterAll(() => server.close());

  const links = () => [...page.matchAll(/(?:href|src)="([^"]+)"/g)].map((m) => m[1]!);

  it('serves the page as HTML with the strict CSP, no inline script or style, the title escaped', async () => {
    const res = await fetch(`${server.url}/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(DOCS_CSP);
    expect(DOCS_CSP).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page).toContain('<title>Shop &lt;&amp;&gt; &quot;docs&quot;</title>');
    expect(page.match(/<script/g)).toHaveLength(2);
    expect(page.match(/<script src="[^"]+" defer><\/script>/g)).toHaveLength(2);
    expect(page).not.toMatch(/<style|\sstyle=|\son[a-z]+=/);
    expect(links().every((l) => l.startsWith('./docs/'))).toBe(true);
  });

  it('serves every file the page links with its type, a year of caching and an ETag', async () => {
    const types: Record<string, string> = {
      'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
      'swagger-initializer.js': 'text/javascript; charset=utf-8',
      'swagger-ui.css': 'text/css; charset=utf-8',
      'statuskit-docs.css': 'text/css; charset=utf-8',
      'favicon-32x32.png': 'image/png',
    };
    expect(
      links()
        .map((l) => l.replace(/^\.\/docs\/|\?v=.*$/g, ''))
        .sort(),
    ).toEqual(Object.keys(types).sort());
    for (const link of links()) {
      const url = new URL(link, `${server.url}/docs`).href;
      const res = await fetch(url);
      const body = new Uint8Array(await res.arrayBuffer());
      const name = new URL(url).pathname.split('/').pop()!;
      expect([name, res.status, res.headers.get('content-type')]).toEqual([name, 200, types[name]]);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      const etag = res.headers.get('etag');
      expect(etag).toBe(`"${new URL(url).searchParams.get('v')}"`);
      expect(res.headers.get('content-length')).toBe(String(body.byteLength));
      const again = await fetch(url, { headers: { 'if-none-match': `W/${etag}, "other"` } });
      expect([again.status, (await again.arrayBuffer()).byteLength]).toEqual([304, 0]);
      expect(again.headers.get('etag')).toBe(etag);
      const head = await fetch(url, { method: 'HEAD' });
      expect([head.status, head.headers.get('content-length')]).toEqual([
        200,
        String(body.byteLength),
      ]);
    }
  });

  it('the initializer points Swagger UI at the document, with no validator badge', async () => {
    const link = links().find((l) => l.includes('swagger-initializer.js'))!;
    const js = await (await fetch(new URL(link, `${server.url}/docs`))).text();
    expect(js).toContain('"validatorUrl": null');
    expect(js).toContain('new URL("./openapi.json", document.baseURI)');
    expect(js).not.toMatch(/https?:\/\//);
  });

  it("serves the routes' document, in which the docs routes are not", async () => {
    const res = await fetch(`${server.url}/openapi.json`);
    expect([res.status, res.headers.get('content-type')]).toEqual([200, 'application/json']);
    const doc = (await res.json()) as { paths: Record<string, unknown> };
    expect(doc).toEqual(JSON.parse(JSON.stringify(toOpenApi(routes, openapi))));
    expect(Object.keys(doc.paths)).toEqual(['/items/{id}']);
  });

  it('ships Swagger UI without its source-map comments', async () => {
    const link = links().find((l) => l.includes('swagger-ui-bundle.js'))!;
    const js = await (await fetch(new URL(link, `${server.url}/docs`))).text();
    expect(js).toContain('SwaggerUIBundle');
    expect(js).not.toContain('sourceMappingURL');
    expect(swaggerUiVersion()).toMatch(/^5\.\d+\.\d+$/);
  });
});

describe('docsRoutes options', () => {
  const paths = (list: ReturnType<typeof docsRoutes>) => list.map((r) => r.path);

  it('enabled: false serves nothing; docsPath: false only the document', () => {
    expect(docsRoutes(routes, { enabled: false })).toEqual([]);
    expect(paths(docsRoutes(routes, { docsPath: false }))).toEqual(['/openapi.json']);
  });

  it('takes other paths, and links relative to the page (mounting under a prefix works)', async () => {
    const list = docsRoutes(routes, { docsPath: '/api/reference', openapiPath: '/api/spec.json' });
    expect(paths(list).slice(0, 2)).toEqual(['/api/spec.json', '/api/reference']);
    const server = await serve(list);
    try {
      const page = await (await fetch(`${server.url}/api/reference`)).text();
      expect(page).toContain('src="./reference/swagger-initializer.js?v=');
      const link = page.match(/src="([^"]+initializer[^"]+)"/)![1]!;
      const js = await (await fetch(new URL(link, `${server.url}/api/reference`))).text();
      expect(js).toContain('new URL("./spec.json", document.baseURI)');
    } finally {
      await server.close();
    }
  });

  it('sends another CSP, or none', async () => {
    const server = await serve([
      ...docsRoutes(routes, { csp: "default-src 'self'", docsPath: '/a' }),
      ...docsRoutes(routes, { csp: false, docsPath: '/b', openapiPath: '/b.json' }),
    ]);
    try {
      expect((await fetch(`${server.url}/a`)).headers.get('content-security-policy')).toBe(
        "default-src 'self'",
      );
      expect((await fetch(`${server.url}/b`)).headers.get('content-security-policy')).toBeNull();
    } finally {
      await server.close();
    }
  });

  it.each([
    [{ docsPath: 'docs' }, 'docsPath "docs" must be a path such as \'/docs\''],
    [{ openapiPath: '/x/' }, 'openapiPath "/x/" must be a path'],
    [{ docsPath: '/a/{b}' }, 'docsPath "/a/{b}"'],
    [{ docsPath: '/o', openapiPath: '/o' }, 'docsPath and openapiPath are both /o'],
  ])('refuses %j', (options, message) => {
    try {
      docsRoutes(routes, options);
      expect.unreachable();
    } catch (error) {
      expect(isStatuskitError(error, 'STATUSKIT_INVALID_OPTION')).toBe(true);
      expect((error as Error).message).toContain(message);
    }
  });

  it('fails at start-up on a route the document cannot describe', () => {
    const bad = [defineRoute({ method: 'GET', path: '/x', security: [{ nope: [] }] }, () => 1)];
    expect(() => docsRoutes(bad)).toThrow('security scheme "nope"');
  });
});

describe('relativeUrl', () => {
  it.each([
    ['/docs', '/docs/x.js', './docs/x.js'],
    ['/docs', '/openapi.json', './openapi.json'],
    ['/api/docs', '/api/openapi.json', './openapi.json'],
    ['/a/b/docs', '/x/openapi.json', '../../x/openapi.json'],
    ['/a/docs', '/a/docs/f.css', './docs/f.css'],
  ])('from %s to %s is %s', (from, to, url) => {
    expect(relativeUrl(from, to)).toBe(url);
    expect(new URL(url, `http://h${from}`).pathname).toBe(to);
  });
});
