import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createStatuskit } from '@statuskit/core';
import { docsRoutes } from '@statuskit/docs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleApp } from '../src/app.js';
import { FRAMEWORKS, serve } from '../src/serve.js';
import {
  authorizeBearer,
  findChromium,
  launch,
  listedOperations,
  operation,
  record,
  tryItOut,
} from './browser.js';

// The docs page (docs/seed-scenarios.md row 40) in a real browser, on each
// framework through the example's own serve(): it loads under its
// content-security-policy with no console error, no CSP violation and no
// request to another origin, lists every operation of /openapi.json, and its
// "Try it out" and Authorize work. Debian's Chromium; under CI (env CI set) a
// missing Chromium fails instead of skipping (.ci/run installs it).

const chromium = findChromium();

if ('missing' in chromium && !process.env.CI) {
  console.warn(
    `[docs.browser.test] SKIPPED, the docs page is not checked in a browser: ${chromium.missing}`,
  );
  describe('the docs page in Chromium', () => {
    it.skip(`SKIPPED: ${chromium.missing}`, () => {});
  });
} else {
  describe('the docs page in Chromium', () => {
    let browser: Browser;
    beforeAll(async () => {
      if ('missing' in chromium)
        throw new Error(`Chromium is required under CI: ${chromium.missing}`);
      browser = await launch(chromium.path);
    });
    afterAll(() => browser?.close());

    for (const framework of FRAMEWORKS) {
      it(`on ${framework}: loads cleanly, lists every operation, tries GET /items/{id} and the guarded route`, async () => {
        const app = exampleApp('rest', () => {});
        const server = await serve(
          framework,
          createStatuskit(app.routes, app.options),
          0,
          '127.0.0.1',
        );
        const origin = `http://127.0.0.1:${server.port}`;
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        try {
          const page = await context.newPage();
          const rec = await record(page);
          const doc = (await (await fetch(`${origin}/openapi.json`)).json()) as {
            paths: Record<string, Record<string, unknown>>;
          };
          const documented = Object.entries(doc.paths)
            .flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`))
            .sort();

          const res = await page.goto(`${origin}/docs`);
          expect(res?.status()).toBe(200);
          await page.locator('.opblock').first().waitFor();
          expect(await listedOperations(page)).toEqual(documented);
          expect(documented).toContain('GET /items/{id}');

          const item = await tryItOut(page, 'GET', '/items/{id}', { id: '1' });
          expect(item.status).toBe('200');
          expect(JSON.parse(item.body)).toEqual({ id: 1, name: 'Hammer', price: 9.5 });

          expect(rec.consoleErrors).toEqual([]);
          // Without a token first: the guard's 401, which Chromium logs as a failed load.
          const refused = await tryItOut(page, 'GET', '/admin/stats');
          expect(refused.status).toBe('401');
          expect(JSON.parse(refused.body)).toEqual({ detail: 'Not authenticated' });
          expect(rec.consoleErrors).toEqual([
            'Failed to load resource: the server responded with a status of 401 (Unauthorized)',
          ]);
          rec.consoleErrors.length = 0;
          await authorizeBearer(page, 'admin-token');
          const stats = operation(page, 'GET', '/admin/stats');
          await stats.locator('.execute').click();
          const status = stats.locator('.live-responses-table .response .response-col_status');
          await expect.poll(async () => (await status.first().textContent())?.trim()).toBe('200');
          const body =
            (await stats
              .locator('.live-responses-table .response-col_description pre')
              .first()
              .textContent()) ?? '';
          expect(JSON.parse(body)).toMatchObject({ by: 'ada', items: 1 });

          expect(await rec.violations()).toEqual([]);
          expect(rec.consoleErrors).toEqual([]);
          expect(rec.pageErrors).toEqual([]);
          expect(rec.failedRequests).toEqual([]);
          expect(rec.requests.filter((u) => new URL(u).origin !== origin)).toEqual([]);
          expect(rec.requests.some((u) => u.includes('/items/1'))).toBe(true);
          expect(rec.requests.some((u) => u.endsWith('/admin/stats'))).toBe(true);

          const dir = await mkdtemp(path.join(tmpdir(), 'statuskit-docs-shot-'));
          try {
            const file = path.join(dir, 'docs.png');
            await page.screenshot({ path: file });
            const png = await readFile(file);
            expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
          } finally {
            await rm(dir, { recursive: true, force: true });
          }
        } finally {
          await context.close();
          await server.close();
        }
      });
    }

    it('notices a CSP violation and a console error when there is one (the checks can fail)', async () => {
      const app = exampleApp('rest', () => {});
      // No `data:` images: Swagger UI's icons are then refused, which the page must report.
      const strict = docsRoutes(app.routes, {
        docsPath: '/strict-docs',
        openapiPath: '/strict.json',
        csp: "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'",
      });
      const kit = createStatuskit([...app.routes, ...strict], app.options);
      const server = await serve('fastify', kit, 0, '127.0.0.1');
      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        const rec = await record(page);
        await page.goto(`http://127.0.0.1:${server.port}/strict-docs`);
        await page.locator('.opblock').first().waitFor();
        await expect
          .poll(() => rec.violations())
          .toContainEqual(expect.stringMatching(/^img-src data$/));
        expect(rec.consoleErrors.join('\n')).toContain('Content Security Policy');
      } finally {
        await context.close();
        await server.close();
      }
    });
  });
}
