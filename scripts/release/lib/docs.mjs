// @ts-check
// @statuskit/docs as a user gets it: installed from the registry with core and
// node, quickstart/docs.mjs serves /docs, its files and /openapi.json, and a
// guarded route answers 401 with its challenge. swagger-ui-dist is vendored
// into the package, so neither it nor @scarf/scarf (its install-time
// telemetry) may end up in the user's node_modules.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { check, expectExit } from './check.mjs';
import { installedVersion, newProject, npm, startQuickStart } from './consumer.mjs';
import { log, tail } from './log.mjs';

/**
 * @param {import('./consumer.mjs').Context} ctx
 * @returns {Promise<string[]>} the checks that failed
 */
export async function docsPath(ctx) {
  const dir = join(ctx.dir, 'app-docs');
  try {
    await newProject(dir, ctx);
    const names = ['@statuskit/core', '@statuskit/node', '@statuskit/docs'];
    expectExit(await npm(dir, ['install', ...names], ctx), 0, '[docs] npm install');
    for (const name of names) {
      const got = await installedVersion(dir, name);
      check(got === ctx.version, `[docs] npm installed ${name}@${got}, expected ${ctx.version}`);
    }
    for (const name of ['swagger-ui-dist', '@scarf/scarf']) {
      check(!existsSync(join(dir, 'node_modules', name)), `[docs] ${name} got installed`);
    }
    log.info(
      `[docs] installed ${names.join(', ')} ${ctx.version}; no swagger-ui-dist, no @scarf/scarf`,
    );
    const server = await startQuickStart('docs', dir, ctx);
    try {
      const url = server.match[1];
      const fetched = async (/** @type {string} */ path) => {
        const res = await fetch(new URL(path, url), { signal: AbortSignal.timeout(10_000) });
        return { res, body: await res.text() };
      };
      const page = await fetched('/docs');
      check(
        page.res.status === 200 &&
          page.res.headers.get('content-type') === 'text/html; charset=utf-8' &&
          page.res.headers.get('content-security-policy')?.startsWith("default-src 'none'"),
        `[docs] GET /docs answered ${page.res.status} ${page.res.headers.get('content-type')}\n${tail(server.output())}`,
      );
      const links = [...page.body.matchAll(/(?:href|src)="([^"]+)"/g)].map((m) => m[1] ?? '');
      check(links.length === 5, `[docs] the page links ${links.length} files, expected 5`);
      for (const link of links) {
        const file = await fetched(new URL(link, `${url}/docs`).pathname);
        check(file.res.status === 200, `[docs] ${link} answered ${file.res.status}`);
      }
      const doc = await fetched('/openapi.json');
      const paths = Object.keys(JSON.parse(doc.body).paths ?? {});
      check(
        doc.res.status === 200 && paths.join(' ') === '/hello/{name} /me',
        `[docs] /openapi.json answered ${doc.res.status} with paths ${paths.join(' ')}`,
      );
      const me = await fetched('/me');
      check(
        me.res.status === 401 && me.res.headers.get('www-authenticate') === 'Bearer',
        `[docs] GET /me without a token answered ${me.res.status} ${me.res.headers.get('www-authenticate')}`,
      );
      log.info(
        `[docs] quick-start: /docs and its ${links.length} files 200 under the CSP; /openapi.json lists ${paths.join(', ')}; GET /me -> 401 Bearer`,
      );
    } finally {
      await server.stop();
    }
    return [];
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log.info(`[docs] FAILED:\n${message}`);
    return [`[docs] ${message.split('\n')[0]}`];
  }
}
