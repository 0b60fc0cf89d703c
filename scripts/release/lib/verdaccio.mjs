// @ts-check
// A throwaway Verdaccio: loopback only, ephemeral port, storage in the test's
// temp folder, no uplinks (it serves our packages and nothing else).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { log } from './log.mjs';
import { start } from './proc.mjs';

const launcher = fileURLToPath(new URL('../verdaccio-launch.cjs', import.meta.url));

// Reading is open; publishing needs a user, as on npmjs.org, so the publish
// goes through the same token path a maintainer's does. `**` has no `proxy`:
// anything that is not ours is a 404, never fetched from elsewhere.
const CONFIG = `storage: ./storage
auth:
  htpasswd:
    file: ./htpasswd
    max_users: 10
uplinks: {}
packages:
  '@statuskit/*':
    access: $all
    publish: $authenticated
    unpublish: $authenticated
  '**':
    access: $all
    publish: $authenticated
web:
  enable: false
log: { type: stdout, format: pretty, level: warn }
`;

/**
 * @typedef {object} Registry
 * @property {string} url `http://127.0.0.1:<port>/`
 * @property {number} pid
 * @property {string} token an auth token for publishing
 * @property {() => string} output
 * @property {() => Promise<void>} stop
 */

/** @param {string} url @param {number} timeoutMs */
async function waitUntilAnswers(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`Verdaccio did not answer ${url} within ${timeoutMs / 1000}s (${last})`);
}

/**
 * Creates a user through the npm adduser API and returns its token.
 * @param {string} url
 */
async function addUser(url) {
  const name = 'statuskit-e2e';
  const res = await fetch(new URL(`-/user/org.couchdb.user:${name}`, url), {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password: `e2e-${process.pid}-${Date.now()}`, type: 'user' }),
    signal: AbortSignal.timeout(10_000),
  });
  const body = /** @type {{ token?: string }} */ (await res.json());
  if (res.status !== 201 || typeof body.token !== 'string') {
    throw new Error(
      `Verdaccio refused to create a user: HTTP ${res.status} ${JSON.stringify(body)}`,
    );
  }
  return body.token;
}

/**
 * Starts Verdaccio under `dir`, waits until it answers, creates a publisher.
 * @param {string} dir
 * @param {NodeJS.ProcessEnv} env
 * @returns {Promise<Registry>}
 */
export async function startRegistry(dir, env) {
  await mkdir(dir, { recursive: true });
  const config = join(dir, 'config.yaml');
  await writeFile(config, CONFIG);
  const service = await start(process.execPath, [launcher, config], {
    cwd: dir,
    env,
    ready: /"verdaccio":\{"port":(\d+)\}/,
    timeoutMs: 30_000,
  });
  try {
    const url = `http://127.0.0.1:${service.match[1]}/`;
    await waitUntilAnswers(new URL('-/ping', url).href, 15_000);
    const token = await addUser(url);
    log.info(`Verdaccio (pid ${service.pid}) answers on ${url}; storage ${join(dir, 'storage')}`);
    return { url, pid: service.pid, token, output: service.output, stop: service.stop };
  } catch (error) {
    await service.stop();
    throw error;
  }
}
