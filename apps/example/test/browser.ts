import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';

// Driving the docs page in Debian's headless Chromium through playwright-core
// (`executablePath`, no browser download): what the page loaded, what it
// logged, which CSP violations it saw. Shared by docs.browser.test.ts and
// scripts/docs-screenshot.ts.

/** Where Chromium is, or why it is not there. */
export function findChromium(): { path: string } | { missing: string } {
  const given = process.env.STATUSKIT_CHROMIUM;
  if (given !== undefined) {
    return existsSync(given)
      ? { path: given }
      : { missing: `STATUSKIT_CHROMIUM=${given} does not exist` };
  }
  for (const name of ['chromium', 'chromium-browser']) {
    const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
    const path = found.stdout.trim();
    if (found.status === 0 && path !== '') return { path };
  }
  return {
    missing:
      'no Chromium found (`command -v chromium`); install it with `apt-get install chromium` or set STATUSKIT_CHROMIUM to its path',
  };
}

/** Starts headless Chromium from `path`. */
export function launch(path: string): Promise<Browser> {
  return chromium.launch({ executablePath: path, headless: true, args: ['--no-sandbox'] });
}

/** What a page did that the test checks: every request, console errors, page errors, CSP violations. */
export interface PageRecord {
  readonly requests: string[];
  readonly consoleErrors: string[];
  readonly pageErrors: string[];
  readonly failedRequests: string[];
  /** `securitypolicyviolation` events, as `directive blocked-uri`. */
  violations(): Promise<string[]>;
}

// Runs in the page before its own scripts (a string: this package has no DOM types).
const LISTEN_FOR_VIOLATIONS = `
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push(e.effectiveDirective + ' ' + e.blockedURI);
  });
`;

/** Starts recording what `page` does; call before the first navigation. */
export async function record(page: Page): Promise<PageRecord> {
  const rec = {
    requests: [] as string[],
    consoleErrors: [] as string[],
    pageErrors: [] as string[],
    failedRequests: [] as string[],
    violations: () => page.evaluate<string[]>('window.__cspViolations ?? []'),
  };
  page.on('request', (r) => rec.requests.push(r.url()));
  page.on('requestfailed', (r) => rec.failedRequests.push(`${r.url()} ${r.failure()?.errorText}`));
  page.on('console', (m) => {
    if (m.type() === 'error') rec.consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => rec.pageErrors.push(e.message));
  await page.addInitScript({ content: LISTEN_FOR_VIOLATIONS });
  return rec;
}

/** `GET /items/{id}` and the like, as the page lists its operations. */
export async function listedOperations(page: Page): Promise<string[]> {
  const blocks = page.locator('.opblock');
  const out: string[] = [];
  for (let i = 0; i < (await blocks.count()); i++) {
    const block = blocks.nth(i);
    const method = (await block.locator('.opblock-summary-method').textContent())?.trim() ?? '';
    const path = await block.locator('.opblock-summary-path').getAttribute('data-path');
    out.push(`${method.toUpperCase()} ${path}`);
  }
  return out.sort();
}

/** The operation's block, found by method and path template. */
export function operation(page: Page, method: string, path: string) {
  return page
    .locator(`.opblock.opblock-${method.toLowerCase()}`)
    .filter({ has: page.locator(`.opblock-summary-path[data-path="${path}"]`) });
}

/**
 * "Try it out" on an operation: opens it, fills the parameters, executes, and
 * returns the status and the body the page shows.
 */
export async function tryItOut(
  page: Page,
  method: string,
  path: string,
  params: Record<string, string> = {},
): Promise<{ status: string; body: string }> {
  const block = operation(page, method, path);
  await block.locator('.opblock-summary').first().click();
  await block.locator('.try-out__btn').click();
  for (const [name, value] of Object.entries(params)) {
    await block.locator(`tr[data-param-name="${name}"] input`).fill(value);
  }
  await block.locator('.execute').click();
  const live = block.locator('.live-responses-table');
  await live.locator('.response-col_status').first().waitFor();
  const status =
    (await live.locator('.response .response-col_status').first().textContent())?.trim() ?? '';
  const body = (await live.locator('.response-col_description pre').first().textContent()) ?? '';
  return { status, body };
}

/** Authorize with a bearer token in the page's dialog. */
export async function authorizeBearer(page: Page, token: string): Promise<void> {
  await page.locator('.scheme-container .btn.authorize').click();
  const dialog = page.locator('.dialog-ux .modal-ux');
  await dialog.locator('input').first().fill(token);
  await dialog.locator('.auth-btn-wrapper .authorize').click();
  await dialog.locator('.auth-btn-wrapper .btn-done').click();
}
