import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createClient } from '@statuskit/client';
import { createStatuskit } from '@statuskit/core';
import { statuskit } from '@statuskit/express';
import express from 'express';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleApp } from '../src/app.js';
import { findChromium, launch, type PageRecord, record } from './browser.js';

// @statuskit/client in a browser (issue 12): its built ESM, packages/client/dist as published,
// loaded by a page in Debian's headless Chromium and calling the example app through the
// browser's own fetch. One origin, no CORS: an Express host app serves the page, the client's
// dist under /client/ and, after them, the example's kit (rest policy), on 127.0.0.1 port 0.
// Each call's answer comes back to Node (page.evaluate) and is checked exactly. Under CI
// (env CI set) a missing Chromium fails instead of skipping (.ci/run installs it).

const chromium = findChromium();

// The client's dist folder, through the workspace link as a user's bundler finds it.
const dist = path.join(
  path.dirname(createRequire(import.meta.url).resolve('@statuskit/client/package.json')),
  'dist',
);

// The page: imports the client from /client/index.js and exposes one call of it, as plain data
// (status, body, the two headers that matter here) or how its promise rejected.
const PAGE = `<!doctype html>
<meta charset="utf-8">
<link rel="icon" href="data:,">
<title>@statuskit/client in Chromium</title>
<script type="module">
  import { createClient } from '/client/index.js';
  window.callClient = async (key, init, options) => {
    try {
      const answer = await createClient(location.origin, options).request(key, init);
      return {
        status: answer.status,
        body: answer.body,
        contentType: answer.headers.get('content-type'),
        location: answer.headers.get('location'),
      };
    } catch (error) {
      return { rejected: error.name + ': ' + error.message };
    }
  };
</script>
`;

/** What the page's `callClient` hands back. */
type Called =
  | { status: number; body: unknown; contentType: string | null; location: string | null }
  | { rejected: string };

interface InPage {
  callClient(key: string, init: unknown, options: unknown): Promise<Called>;
}

/** `GET /old-items/{id}` as the client's types read a route (the example's list is `AnyRoute[]`). */
interface OldItems {
  readonly method: 'GET';
  readonly path: '/old-items/{id}';
  readonly spec: { readonly method: 'GET'; readonly responses: { readonly 307: 'Moved' } };
}

/** Chromium's console line for a fetch answered with an error status, by status. */
const failedLoad = (status: number) =>
  expect.stringMatching(
    new RegExp(`^Failed to load resource: the server responded with a status of ${status} `),
  );

if ('missing' in chromium && !process.env.CI) {
  console.warn(
    `[client.browser.test] SKIPPED, @statuskit/client is not checked in a browser: ${chromium.missing}`,
  );
  describe('@statuskit/client in Chromium', () => {
    it.skip(`SKIPPED: ${chromium.missing}`, () => {});
  });
} else {
  describe('@statuskit/client in Chromium', () => {
    let browser: Browser | undefined;
    let server: Server | undefined;
    let origin = '';
    /** What reached the server (`GET /items/1`), in order. */
    const seen: string[] = [];

    beforeAll(async () => {
      if ('missing' in chromium)
        throw new Error(`Chromium is required under CI: ${chromium.missing}`);
      if (!existsSync(path.join(dist, 'index.js')))
        throw new Error(`${dist}/index.js is missing: build first (pnpm build)`);
      const app = exampleApp('rest', () => {});
      const host = express();
      host.use((req, _res, next) => {
        seen.push(`${req.method} ${req.url}`);
        next();
      });
      host.get('/client-page.html', (_req, res) => {
        res.type('html').send(PAGE);
      });
      host.use('/client', express.static(dist));
      host.use(statuskit(createStatuskit(app.routes, app.options), { notFound: true }));
      const listening = createServer(host);
      server = listening;
      await new Promise<void>((ready, fail) => {
        listening.once('error', fail);
        listening.listen(0, '127.0.0.1', ready);
      });
      origin = `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;
      browser = await launch(chromium.path);
    });

    afterAll(async () => {
      try {
        await browser?.close();
      } finally {
        const listening = server;
        if (listening !== undefined) {
          listening.closeAllConnections();
          await new Promise<void>((done) => listening.close(() => done()));
        }
      }
    });

    /** A fresh page on the client's page; `call` runs one client call in it. */
    async function withPage(
      use: (
        call: (key: string, init?: unknown, options?: unknown) => Promise<Called>,
        rec: PageRecord,
      ) => Promise<void>,
    ): Promise<void> {
      if (browser === undefined) throw new Error('no browser');
      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        const rec = await record(page);
        const loaded = await page.goto(`${origin}/client-page.html`);
        expect(loaded?.status()).toBe(200);
        await page.waitForFunction('typeof window.callClient === "function"');
        await use(
          (key, init = {}, options = {}) =>
            page.evaluate(([k, i, o]) => (globalThis as unknown as InPage).callClient(k, i, o), [
              key,
              init,
              options,
            ] as const),
          rec,
        );
        expect(rec.pageErrors).toEqual([]);
        expect(rec.requests.filter((u) => new URL(u).origin !== origin)).toEqual([]);
      } finally {
        await context.close();
      }
    }

    it('loads the built ESM from dist on the API origin and reads a 200 with its JSON body', async () => {
      await withPage(async (call, rec) => {
        expect(await call('GET /items/{id}', { params: { id: 1 } })).toStrictEqual({
          status: 200,
          body: { id: 1, name: 'Hammer', price: 9.5 },
          contentType: 'application/json',
          location: null,
        });
        // The page ran the client's own files (index.js and the modules it imports), from dist.
        const modules = rec.requests
          .filter((u) => u.startsWith(`${origin}/client/`))
          .map((u) => u.slice(`${origin}/client/`.length));
        expect(modules).toContain('index.js');
        for (const file of modules) expect(existsSync(path.join(dist, file))).toBe(true);
        expect(rec.consoleErrors).toEqual([]);
        expect(rec.failedRequests).toEqual([]);
      });
    });

    it('answers a POST refused with 422 and a 404 with their bodies read, never a rejection', async () => {
      await withPage(async (call, rec) => {
        expect(await call('POST /items', { body: { name: '', price: -1 } })).toStrictEqual({
          status: 422,
          body: {
            detail: [
              {
                type: 'string_too_short',
                loc: ['body', 'name'],
                msg: 'String should have at least 1 character',
                input: '',
              },
              {
                type: 'greater_than_equal',
                loc: ['body', 'price'],
                msg: 'Input should be greater than or equal to 0',
                input: -1,
              },
            ],
          },
          contentType: 'application/json',
          location: null,
        });
        expect(await call('GET /items/{id}', { params: { id: 99 } })).toStrictEqual({
          status: 404,
          body: { detail: 'Item not found' },
          contentType: 'application/json',
          location: null,
        });
        // Chromium logs every fetch answered 4xx; nothing else was logged.
        expect(rec.consoleErrors).toEqual([failedLoad(422), failedLoad(404)]);
        expect(rec.failedRequests).toEqual([]);
      });
    });

    it("answers a DELETE's 204 with no body (undefined)", async () => {
      await withPage(async (call, rec) => {
        expect(await call('POST /items', { body: { name: 'Saw', price: 12 } })).toStrictEqual({
          status: 201,
          body: { id: 2, name: 'Saw', price: 12 },
          contentType: 'application/json',
          location: null,
        });
        expect(await call('DELETE /items/{id}', { params: { id: 2 } })).toStrictEqual({
          status: 204,
          body: undefined,
          contentType: null,
          location: null,
        });
        expect(await call('GET /items/{id}', { params: { id: 2 } })).toMatchObject({
          status: 404,
        });
        expect(rec.consoleErrors).toEqual([failedLoad(404)]);
      });
    });

    it("redirect: 'manual' (the default) is status 0 with no body and no headers in Chromium; Node gets the 307", async () => {
      await withPage(async (call, rec) => {
        seen.length = 0;
        // An opaque redirect: the browser hides the status, the location and the body.
        const hidden = { status: 0, body: undefined, contentType: null, location: null };
        expect(await call('GET /old-items/{id}', { params: { id: 1 } })).toStrictEqual(hidden);
        expect(await call('GET /moved')).toStrictEqual(hidden);
        // The browser did not follow them: the server saw the two redirecting requests only.
        expect(seen).toEqual(['GET /old-items/1', 'GET /moved']);
        expect(rec.consoleErrors).toEqual([]);
      });
      const node = await createClient<[OldItems]>(origin).get('/old-items/{id}', {
        params: { id: 1 },
      });
      expect([node.status, node.body, node.headers.get('location')]).toEqual([
        307,
        undefined,
        '/items/1',
      ]);
    });

    it("redirect: 'follow' answers where it leads; 'error' rejects with fetch's TypeError", async () => {
      await withPage(async (call, rec) => {
        const old = ['GET /old-items/{id}', { params: { id: 1 } }] as const;
        expect(await call(...old, { redirect: 'follow' })).toStrictEqual({
          status: 200,
          body: { id: 1, name: 'Hammer', price: 9.5 },
          contentType: 'application/json',
          location: null,
        });
        expect(await call(...old, { redirect: 'error' })).toStrictEqual({
          rejected: 'TypeError: Failed to fetch',
        });
        expect(rec.consoleErrors).toEqual(['Failed to load resource: net::ERR_FAILED']);
      });
    });
  });
}
