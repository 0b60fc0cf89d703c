#!/usr/bin/env node
// @ts-check
// `pnpm test:release`: the users' path, end to end, on a real registry.
//  1. Start Verdaccio on 127.0.0.1 (ephemeral port, temp storage, no uplinks).
//  2. In a throwaway copy of the repo, run the root `version-packages` and
//     `release` scripts, publishing every public package to it.
//  3. Check what was published (manifests, tarball contents); publishing the
//     same version again must fail.
//  4. For each adapter, in fresh npm projects outside the workspace: install,
//     run the README quick-start, run the installed conformance CLI, require()
//     from CommonJS, type-check from TypeScript (node16 and bundler), and get
//     the adapter's error without its framework or with an old major
//     (@statuskit/node, bare node:http, has no framework to check). Then
//     @statuskit/docs: its quick-start serves /docs and /openapi.json, and
//     Swagger UI's own package (with its install-time telemetry) is not installed.
//     Then the typed client: its README example type-checked and run against a server.
//  5. @statuskit/bullmq in a fresh project: install, type-check, import; with
//     redis-server installed, an app and a worker on a throwaway Redis.
// Everything it starts is stopped by PID and its temp folder removed, whatever
// happens. Env: STATUSKIT_RELEASE_VERBOSE=1 streams every command's output;
// STATUSKIT_RELEASE_KEEP=1 keeps the temp folder; STATUSKIT_RELEASE_ALLOW_MISSING=1
// skips adapters that have no src/index.ts yet and the README check (ignored when CI is set).
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { constants, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bullmqPath } from './lib/bullmq.mjs';
import { CheckError, check, expectExit } from './lib/check.mjs';
import { CLIENT_PRINTS, clientPath } from './lib/client.mjs';
import { ADAPTERS, userPath } from './lib/consumer.mjs';
import { docsPath } from './lib/docs.mjs';
import { elapsed, flag, log, tail } from './lib/log.mjs';
import { livePids, run, stopAll } from './lib/proc.mjs';
import { auditTarballs } from './lib/tarball.mjs';
import { startRegistry } from './lib/verdaccio.mjs';
import {
  authenticate,
  copyWorkspace,
  install,
  publicPackages,
  readJson,
  release,
  setAside,
  versionPackages,
} from './lib/workspace.mjs';

const repo = fileURLToPath(new URL('../..', import.meta.url));
// Skipping is for developers while adapters are being written; CI always tests everything.
const allowMissing = flag('ALLOW_MISSING') && !process.env.CI;
const keep = flag('KEEP');

/** @type {string | undefined} */
let tempRoot;
/** @type {import('./lib/verdaccio.mjs').Registry | undefined} */
let registry;

/** @type {Promise<void> | undefined} */
let cleaning;

/** Stops everything this run started, then removes its files; runs once. */
function cleanUp() {
  cleaning ??= (async () => {
    if (registry) {
      log.info(`stopping Verdaccio (pid ${registry.pid})`);
      await registry.stop();
    }
    const pids = livePids();
    if (pids.length > 0) log.info(`stopping process groups ${pids.join(', ')}`);
    const stuck = await stopAll();
    if (stuck.length > 0) log.info(`could not stop process groups ${stuck.join(', ')}`);
    if (tempRoot && !keep) {
      await rm(tempRoot, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
      check(!existsSync(tempRoot), `could not remove ${tempRoot}`);
      log.info(`removed ${tempRoot}`);
    } else if (tempRoot) {
      log.info(`kept ${tempRoot} (STATUSKIT_RELEASE_KEEP=1)`);
    }
  })();
  return cleaning;
}

// Ctrl-C or a CI cancel: stop what we started and remove our files first.
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
  process.once(signal, () => {
    console.error(`\n[release-e2e] ${signal}: cleaning up`);
    cleanUp().finally(() => process.exit(128 + constants.signals[signal]));
  });
}

// Every wait has its own bound; this one bounds their sum, under CI's ten minutes.
const DEADLINE_MS = 9 * 60_000;
setTimeout(() => {
  console.error(`\n[release-e2e] still running after ${DEADLINE_MS / 60_000} minutes: giving up`);
  cleanUp().finally(() => process.exit(1));
}, DEADLINE_MS).unref();

/**
 * The README's quick-start must be the file this test runs, verbatim.
 * @returns {Promise<string[]>} what is missing
 */
async function readmeQuickStarts() {
  const readme = join(repo, 'README.md');
  const text = existsSync(readme) ? await readFile(readme, 'utf8') : '';
  /** @type {string[]} */
  const missing = [];
  // The README shows the Express one in full and links the folder for Koa and Fastify.
  const file = 'scripts/release/quickstart/express.mjs';
  const code = (await readFile(join(repo, file), 'utf8')).trim();
  if (!text.includes(code)) missing.push(`README.md does not show ${file} verbatim`);
  // ...and says what it answers, which is what the test checks.
  if (!text.includes('/hello/world') || !text.includes('{"message":"Hello, world!"}')) {
    missing.push(
      'README.md does not say that GET /hello/world answers {"message":"Hello, world!"}',
    );
  }
  if (!text.includes('scripts/release/quickstart/')) {
    missing.push('README.md does not link scripts/release/quickstart/');
  }
  // The client's README shows its example in full, and what it prints.
  const clientReadme = join(repo, 'packages', 'client', 'README.md');
  const clientText = existsSync(clientReadme) ? await readFile(clientReadme, 'utf8') : '';
  const example = (
    await readFile(join(repo, 'scripts/release/quickstart/client.mts'), 'utf8')
  ).trim();
  if (!clientText.includes(example)) {
    missing.push(
      'packages/client/README.md does not show scripts/release/quickstart/client.mts verbatim',
    );
  }
  for (const line of CLIENT_PRINTS) {
    if (!clientText.includes(line))
      missing.push(`packages/client/README.md does not say it prints ${line}`);
  }
  return missing;
}

async function main() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  check(
    major > 20 || (major === 20 && minor >= 19),
    `Node >= 20.19 is needed (require of ESM); this is ${process.version}`,
  );

  log.step('Which adapters are there to release');
  const present = ADAPTERS.filter((a) =>
    existsSync(join(repo, 'packages', a.id, 'src', 'index.ts')),
  );
  const missing = ADAPTERS.filter((a) => !present.includes(a));
  if (missing.length > 0) {
    const names = missing.map((a) => a.name).join(', ');
    check(
      allowMissing,
      `${names}: no src/index.ts. The release test needs every adapter (STATUSKIT_RELEASE_ALLOW_MISSING=1 skips missing ones while they are written).`,
    );
    log.info(`SKIPPING ${names}: no src/index.ts yet (STATUSKIT_RELEASE_ALLOW_MISSING=1)`);
  }
  log.info(
    `testing ${present.map((a) => a.name).join(', ') || 'no adapter'} with @statuskit/core and @statuskit/conformance`,
  );

  tempRoot = await mkdtemp(join(tmpdir(), 'statuskit-release-'));
  log.info(`temp folder ${tempRoot}`);
  const scratch = join(tempRoot, 'tmp');
  await mkdir(scratch);
  /** @type {NodeJS.ProcessEnv} */
  const env = {
    // Every tool's own temp files (publint's pack folder, ...) go under ours, so even
    // an interrupted tool leaves nothing in the system's temp folder.
    TMPDIR: scratch,
    // npm's cache and logs stay in the temp folder, so nothing is left behind
    // and no earlier run's tarball of the same version is ever reused.
    npm_config_cache: join(tempRoot, 'npm-cache'),
    // pnpm's metadata cache too; its package store stays shared (content-addressed, and
    // populated by the root install, so the copy's install links and adds nothing).
    npm_config_cache_dir: join(tempRoot, 'pnpm-cache'),
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    TURBO_TELEMETRY_DISABLED: '1',
    DO_NOT_TRACK: '1',
  };

  log.step('1. Start Verdaccio');
  registry = await startRegistry(join(tempRoot, 'verdaccio'), env);
  const publishEnv = { ...env, npm_config_registry: registry.url };

  log.step('2. Copy the workspace and install it (the repository itself is never changed)');
  const ws = join(tempRoot, 'workspace');
  await copyWorkspace(repo, ws);
  for (const a of missing) await setAside(ws, `packages/${a.id}`);
  await install(ws, env);
  const packages = await publicPackages(ws);
  log.info(`public packages: ${packages.map((p) => p.name).join(', ')}`);

  log.step('3. pnpm run version-packages (changesets, one fixed group)');
  const version = await versionPackages(ws, packages, env);

  log.step(`4. pnpm run release -> ${registry.url}`);
  await authenticate(ws, registry.url, registry.token);
  const published = await release(ws, publishEnv, join(tempRoot, 'home'));
  for (const p of packages) {
    check(
      published.output.includes(`${p.name}@${version}`),
      `pnpm run release did not report publishing ${p.name}@${version}\n${tail(published.output)}`,
    );
  }
  const tags = await run('git', ['tag', '--list'], { cwd: ws, timeoutMs: 10_000 });
  for (const p of packages) {
    check(
      tags.stdout.split('\n').includes(`${p.name}@${version}`),
      `changeset publish created no git tag ${p.name}@${version}`,
    );
  }
  log.info(`published and tagged ${packages.map((p) => `${p.name}@${version}`).join(', ')}`);

  log.step('5. What users download: manifests and tarballs');
  const manifests = await auditTarballs(
    packages,
    version,
    registry.url,
    join(tempRoot, 'tarballs'),
    env,
  );

  log.step('6. Publishing the same version again');
  const again = await run('pnpm', ['publish', '--no-git-checks'], {
    cwd: join(ws, 'packages', 'core'),
    env: publishEnv,
    timeoutMs: 120_000,
  });
  check(
    again.code !== 0 &&
      /cannot publish over the previously published versions?/i.test(again.output),
    `publishing @statuskit/core@${version} twice should fail with "cannot publish over the previously published version" (exit ${again.code})\n${tail(again.output)}`,
  );
  log.info(
    `pnpm publish @statuskit/core@${version} again: refused, "${again.output
      .match(/[^\n]*cannot publish over[^\n]*/i)?.[0]
      .replace(/^npm error /, '')
      .trim()}"`,
  );
  const rerun = await run('pnpm', ['exec', 'changeset', 'publish'], {
    cwd: ws,
    env: publishEnv,
    timeoutMs: 120_000,
  });
  expectExit(rerun, 0, 'changeset publish, second time');
  check(
    rerun.output.includes(
      `is not being published because version ${version} is already published`,
    ) && !rerun.output.includes('packages published successfully'),
    `a second changeset publish must skip every package as already published\n${tail(rerun.output)}`,
  );
  log.info('changeset publish again: publishes nothing ("already published"), exit 0');

  const tsc = join(repo, 'node_modules', 'typescript', 'bin', 'tsc');
  check(existsSync(tsc), `no TypeScript at ${tsc}: run pnpm install at the root first`);
  /** @type {string[]} */
  const failures = [];
  for (const adapter of present) {
    log.step(`7. The user path with ${adapter.name}`);
    const manifest = manifests.get(adapter.name);
    check(manifest, `${adapter.name} was not published`);
    const dev =
      (await readJson(join(ws, 'packages', adapter.id, 'package.json'))).devDependencies ?? {};
    const failed = await userPath(adapter, {
      registry: registry.url,
      version,
      dir: join(tempRoot, 'projects'),
      tsc,
      peers: manifest.peerDependencies ?? {},
      typings: Object.fromEntries(Object.entries(dev).filter(([n]) => n.startsWith('@types/'))),
      env,
    });
    failures.push(...failed);
  }
  log.step('7. The user path with @statuskit/docs');
  failures.push(
    ...(await docsPath({
      registry: registry.url,
      version,
      dir: join(tempRoot, 'projects'),
      tsc,
      peers: {},
      typings: {},
      env,
    })),
  );
  if (manifests.has('@statuskit/bullmq')) {
    log.step('7b. The user path with @statuskit/bullmq');
    failures.push(
      ...(await bullmqPath(join(tempRoot, 'projects', 'app-bullmq'), {
        registry: registry.url,
        version,
        tsc,
        env,
      })),
    );
  }
  log.step('8. The typed client: its README example, type-checked and run');
  failures.push(
    ...(await clientPath({
      registry: registry.url,
      version,
      dir: join(tempRoot, 'projects'),
      tsc,
      env,
    })),
  );
  log.step('9. The READMEs show the quick-starts this test ran');
  const readme = await readmeQuickStarts();
  if (readme.length === 0)
    log.info(
      'README.md shows quickstart/express.mjs verbatim and links the others; the client README shows client.mts',
    );
  else if (allowMissing)
    log.info(`SKIPPING (STATUSKIT_RELEASE_ALLOW_MISSING=1): ${readme.join('; ')}`);
  else failures.push(...readme);

  check(
    failures.length === 0,
    `${failures.length} check(s) of the user path failed:\n${failures.map((f) => `  - ${f}`).join('\n')}`,
  );
  return { version, adapters: present.length, skipped: missing.length };
}

const started = Date.now();
let failed = false;
try {
  const { version, adapters, skipped } = await main();
  log.step(
    `PASSED: released ${version} to a local registry and walked the user path with ${adapters} adapter(s)${skipped ? `, ${skipped} SKIPPED` : ''}`,
  );
} catch (error) {
  failed = true;
  log.step('FAILED');
  // Interrupted: the signal handler is already cleaning up; the error is only its echo.
  if (cleaning) console.error('interrupted');
  else console.error(error instanceof CheckError ? error.message : error);
} finally {
  log.step('Clean-up');
  await cleanUp().catch((error) => {
    failed = true;
    console.error(error instanceof Error ? error.message : error);
  });
}
const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(
  `\n[release-e2e] ${failed ? 'failed' : 'passed'} in ${seconds}s (wall clock ${elapsed()})`,
);
process.exitCode = failed ? 1 : 0;
