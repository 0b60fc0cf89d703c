// `pnpm --filter @statuskit/example screenshot`: the docs page as docs/docs-page.png,
// on Fastify, after Authorize and "Try it out" on GET /items/{id} with id 1.
import { fileURLToPath } from 'node:url';
import { createStatuskit } from '@statuskit/core';
import { exampleApp } from '../src/app.js';
import { serve } from '../src/serve.js';
import { authorizeBearer, findChromium, launch, tryItOut } from '../test/browser.js';

const out = fileURLToPath(new URL('../../../docs/docs-page.png', import.meta.url));
const chromium = findChromium();
if ('missing' in chromium) {
  console.error(chromium.missing);
  process.exit(1);
}
const app = exampleApp('rest', () => {});
const server = await serve('fastify', createStatuskit(app.routes, app.options), 0, '127.0.0.1');
const browser = await launch(chromium.path);
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1500 } });
  await page.goto(`http://127.0.0.1:${server.port}/docs`);
  await page.locator('.opblock').first().waitFor();
  await authorizeBearer(page, 'admin-token');
  const item = await tryItOut(page, 'GET', '/items/{id}', { id: '1' });
  if (item.status !== '200') throw new Error(`GET /items/1 answered ${item.status} in the page`);
  await page.screenshot({ path: out });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  await server.close();
}
