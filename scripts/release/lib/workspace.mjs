// @ts-check
// The release, done for real in a throwaway copy of the repository: the root's
// own `version-packages` and `release` scripts run there, so the repository is
// never changed and what is published is exactly what a release publishes.
import { existsSync } from 'node:fs';
import { appendFile, copyFile, lstat, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { check, expectExit } from './check.mjs';
import { log } from './log.mjs';
import { run } from './proc.mjs';

/**
 * @typedef {object} PublicPackage
 * @property {string} name
 * @property {string} dir relative to the workspace root, e.g. `packages/core`
 */

/**
 * @param {string} file
 * @returns {Promise<Record<string, any>>}
 */
export async function readJson(file) {
  return JSON.parse(await readFile(file, 'utf8'));
}

/**
 * Copies what git would check out: tracked files plus new files not ignored,
 * so a run before a commit tests the work tree, and a fresh clone tests itself.
 * @param {string} repo
 * @param {string} dest
 */
export async function copyWorkspace(repo, dest) {
  const listed = await run(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    { cwd: repo, timeoutMs: 30_000 },
  );
  expectExit(listed, 0, 'git ls-files');
  const files = [...new Set(listed.stdout.split('\0').filter(Boolean))];
  let copied = 0;
  for (const file of files) {
    const from = join(repo, file);
    // A tracked file deleted in the work tree is not part of what we test.
    const stat = await lstat(from).catch(() => undefined);
    if (!stat?.isFile()) continue;
    await mkdir(dirname(join(dest, file)), { recursive: true });
    await copyFile(from, join(dest, file));
    copied++;
  }
  log.info(`copied ${copied} files to ${dest}`);
  // A repository of its own, so `changeset publish` can tag the release as it does in CI.
  const git = ['-c', 'user.name=statuskit e2e', '-c', 'user.email=e2e@statuskit.invalid'];
  for (const args of [
    ['init', '-q', '-b', 'main'],
    ['add', '-A'],
    [...git, 'commit', '-q', '--no-gpg-sign', '-m', 'release e2e snapshot'],
  ]) {
    expectExit(
      await run('git', args, { cwd: dest, timeoutMs: 60_000 }),
      0,
      `git ${args.join(' ')}`,
    );
  }
}

/**
 * The workspace's public packages (changesets publishes exactly these).
 * @param {string} root
 * @returns {Promise<PublicPackage[]>}
 */
export async function publicPackages(root) {
  /** @type {PublicPackage[]} */
  const found = [];
  for (const entry of (await readdir(join(root, 'packages'))).sort()) {
    const file = join(root, 'packages', entry, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = await readJson(file);
    if (pkg.private !== true) found.push({ name: pkg.name, dir: `packages/${entry}` });
  }
  return found;
}

/**
 * Keeps a package that is still being written out of the release (developer
 * mode only): private, and without the tasks that would fail on it.
 * @param {string} root
 * @param {string} dir
 */
export async function setAside(root, dir) {
  const file = join(root, dir, 'package.json');
  const pkg = await readJson(file);
  pkg.private = true;
  for (const task of ['build', 'publint', 'attw', 'typecheck', 'test']) delete pkg.scripts?.[task];
  await writeFile(file, `${JSON.stringify(pkg, null, 2)}\n`);
}

/**
 * @param {string} root
 * @param {NodeJS.ProcessEnv} env
 */
export async function install(root, env) {
  // The store is shared with the real checkout, so this links rather than downloads.
  const result = await run('pnpm', ['install', '--frozen-lockfile', '--prefer-offline'], {
    cwd: root,
    env,
    timeoutMs: 180_000,
  });
  expectExit(result, 0, 'pnpm install --frozen-lockfile in the copy');
}

const ORDER = ['patch', 'minor', 'major'];

/**
 * @param {string} version
 * @param {string} bump
 */
function bumped(version, bump) {
  const [major, minor, patch] = version.split('-')[0].split('.').map(Number);
  if (bump === 'major') return `${major + 1}.0.0`;
  if (bump === 'minor') return `${major}.${minor + 1}.0`;
  return `${major}.${minor}.${patch + 1}`;
}

/** @param {string} a @param {string} b */
function compareVersions(a, b) {
  const x = a.split('-')[0].split('.').map(Number);
  const y = b.split('-')[0].split('.').map(Number);
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
}

/**
 * Runs the root `version-packages` script as a maintainer would, after adding
 * a changeset if there is none, and checks the result against the fixed group
 * rule: every public package gets one version, the highest current version
 * bumped by the largest bump any changeset asks for.
 * @param {string} root
 * @param {PublicPackage[]} packages
 * @param {NodeJS.ProcessEnv} env
 * @returns {Promise<string>} the new version
 */
export async function versionPackages(root, packages, env) {
  const dir = join(root, '.changeset');
  let changesets = (await readdir(dir)).filter((f) => f.endsWith('.md') && f !== 'README.md');
  if (changesets.length === 0) {
    const frontmatter = packages.map((p) => `"${p.name}": patch`).join('\n');
    await writeFile(join(dir, 'release-e2e.md'), `---\n${frontmatter}\n---\n\nRelease test.\n`);
    changesets = ['release-e2e.md'];
    log.info('no pending changeset: added a patch changeset for every package (in the copy only)');
  } else {
    log.info(`pending changesets: ${changesets.join(', ')}`);
  }
  const names = new Set(packages.map((p) => p.name));
  let bump = -1;
  for (const file of changesets) {
    const text = await readFile(join(dir, file), 'utf8');
    const head = text.split('---')[1] ?? '';
    for (const m of head.matchAll(
      /^\s*["']?(@statuskit\/[\w.-]+)["']?\s*:\s*(patch|minor|major)\s*$/gm,
    )) {
      if (names.has(m[1])) bump = Math.max(bump, ORDER.indexOf(m[2]));
    }
  }
  const before = await Promise.all(
    packages.map(async (p) => (await readJson(join(root, p.dir, 'package.json'))).version),
  );
  const current = before.reduce((a, b) => (compareVersions(a, b) >= 0 ? a : b));
  // In prerelease mode (`changeset pre enter`) changesets adds a -tag.N suffix; only
  // the shared version is checked then.
  const pre = existsSync(join(dir, 'pre.json'));
  const expected = bump < 0 || pre ? current : bumped(current, ORDER[bump]);

  expectExit(
    await run('pnpm', ['run', 'version-packages'], { cwd: root, env, timeoutMs: 120_000 }),
    0,
    'pnpm run version-packages',
  );

  const written = (await readJson(join(root, packages[0].dir, 'package.json'))).version;
  for (const p of packages) {
    const pkg = await readJson(join(root, p.dir, 'package.json'));
    check(
      pkg.version === written,
      `${p.name} got ${pkg.version}, ${packages[0].name} ${written}: the fixed group must share one version`,
    );
    check(
      pre || pkg.version === expected,
      `${p.name}: version-packages wrote ${pkg.version}, the fixed group rule gives ${expected} (${current} + ${ORDER[bump] ?? 'no bump'}). ` +
        'A minor bump that became a major usually means a workspace package is a peer dependency of another (changesets/changesets#1011).',
    );
    const changelog = join(root, p.dir, 'CHANGELOG.md');
    check(existsSync(changelog), `${p.name}: version-packages wrote no CHANGELOG.md`);
    const text = await readFile(changelog, 'utf8');
    check(text.includes(`## ${written}`), `${p.name}: CHANGELOG.md has no "## ${written}" section`);
  }
  const left = (await readdir(dir)).filter((f) => f.endsWith('.md') && f !== 'README.md');
  check(pre || left.length === 0, `version-packages left changesets behind: ${left.join(', ')}`);
  log.info(`every public package is now ${written}, each with a CHANGELOG.md entry`);
  return written;
}

/**
 * Lets pnpm (and the npm it publishes with) authenticate to the registry.
 * @param {string} root
 * @param {string} registryUrl
 * @param {string} token
 */
export async function authenticate(root, registryUrl, token) {
  const host = registryUrl.replace(/^https?:/, '');
  await appendFile(join(root, '.npmrc'), `\n${host}:_authToken=${token}\n`);
}

/**
 * Runs the root `release` script against the registry.
 * @param {string} root
 * @param {NodeJS.ProcessEnv} env with npm_config_registry
 * @param {string} home an empty folder to use as HOME
 */
export async function release(root, env, home) {
  await mkdir(home, { recursive: true });
  // turbo runs tasks with an allowlisted environment, so npm_config_cache does not
  // reach attw's `npm pack`, which would log into ~/.npm/_logs: a HOME of our own
  // keeps every user-level file of the release in the temp folder.
  const identity = { name: 'statuskit e2e', email: 'e2e@statuskit.invalid' };
  const result = await run('pnpm', ['run', 'release'], {
    cwd: root,
    env: {
      ...env,
      HOME: home,
      GIT_AUTHOR_NAME: identity.name,
      GIT_AUTHOR_EMAIL: identity.email,
      GIT_COMMITTER_NAME: identity.name,
      GIT_COMMITTER_EMAIL: identity.email,
    },
    timeoutMs: 300_000,
  });
  expectExit(result, 0, 'pnpm run release');
  return result;
}
