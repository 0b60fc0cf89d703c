// @ts-check
// What users get, checked from the registry rather than from the work tree:
// the published manifest and the files of the published tarball.
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join, posix, relative, sep } from 'node:path';
import { check, expectExit } from './check.mjs';
import { log } from './log.mjs';
import { run } from './proc.mjs';

/** Peer dependencies each adapter must declare, and nowhere else. */
export const FRAMEWORK_PEERS = /** @type {Record<string, string[]>} */ ({
  '@statuskit/express': ['express'],
  '@statuskit/koa': ['koa', '@koa/router'],
  '@statuskit/fastify': ['fastify'],
});

const UNWANTED = [
  /(^|\/)(test|tests|__tests__|coverage)\//,
  /\.(test|spec|test-d)\.[cm]?[jt]sx?$/,
  /(^|\/)test-helpers?\.[cm]?[jt]s$/,
  /\.tsbuildinfo$/,
  /(^|\/)tsconfig[^/]*\.json$/,
  /(^|\/)vitest\.config\./,
  /(^|\/)\.turbo\//,
];

/** @param {string} dir @returns {Promise<string[]>} paths relative to dir, with `/` */
async function walk(dir) {
  /** @type {string[]} */
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile())
      out.push(relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'));
  }
  return out.sort();
}

/**
 * @param {string} name
 * @param {Record<string, any>} manifest the tarball's package.json
 * @param {Set<string>} files
 */
function checkManifest(name, manifest, files) {
  const text = JSON.stringify(manifest);
  check(
    !text.includes('workspace:'),
    `${name}: the published package.json still has a workspace: range`,
  );
  check(manifest.type === 'module', `${name}: "type" is not "module"`);
  check(manifest.sideEffects === false, `${name}: "sideEffects" is not false`);
  check(typeof manifest.engines?.node === 'string', `${name}: no "engines.node"`);
  check(typeof manifest.license === 'string', `${name}: no "license"`);
  check(typeof manifest.repository?.url === 'string', `${name}: no "repository.url"`);
  check(Array.isArray(manifest.keywords) && manifest.keywords.length > 0, `${name}: no "keywords"`);
  check(
    typeof manifest.types === 'string' && files.has(posix.normalize(manifest.types)),
    `${name}: "types" points at a missing file`,
  );
  check(typeof manifest.exports === 'object' && manifest.exports !== null, `${name}: no "exports"`);
  for (const [subpath, target] of Object.entries(manifest.exports)) {
    if (typeof target === 'string') {
      check(
        files.has(posix.normalize(target)),
        `${name}: exports["${subpath}"] points at missing ${target}`,
      );
      continue;
    }
    const conditions = Object.keys(target);
    check(
      conditions[0] === 'types',
      `${name}: exports["${subpath}"] must list "types" first, has ${conditions.join(', ')}`,
    );
    check(
      !('require' in target),
      `${name}: exports["${subpath}"] has a "require" condition in an ESM-only package`,
    );
    for (const [condition, file] of Object.entries(target)) {
      check(
        files.has(posix.normalize(file)),
        `${name}: exports["${subpath}"].${condition} points at missing ${file}`,
      );
      if (condition === 'types') {
        check(files.has(`${posix.normalize(file)}.map`), `${name}: ${file} has no declaration map`);
      }
    }
  }
  for (const [bin, file] of Object.entries(manifest.bin ?? {})) {
    check(files.has(posix.normalize(file)), `${name}: bin ${bin} points at missing ${file}`);
  }
}

/**
 * The bin scripts start with a shebang and import only files that are there.
 * @param {string} name
 * @param {Record<string, any>} manifest
 * @param {string} root
 * @param {Set<string>} files
 */
async function checkBins(name, manifest, root, files) {
  for (const [bin, file] of Object.entries(manifest.bin ?? {})) {
    const path = posix.normalize(file);
    const text = await readFile(join(root, path), 'utf8');
    check(
      text.startsWith('#!/usr/bin/env node'),
      `${name}: bin ${bin} (${file}) has no "#!/usr/bin/env node" line`,
    );
    for (const m of text.matchAll(/(?:import|from)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
      const target = posix.normalize(posix.join(posix.dirname(path), m[1]));
      check(files.has(target), `${name}: bin ${bin} imports ${m[1]}, which is not in the tarball`);
    }
  }
  for (const peer of FRAMEWORK_PEERS[name] ?? []) {
    const range = manifest.peerDependencies?.[peer];
    check(
      typeof range === 'string' && /^\^\d+\.\d+\.\d+$/.test(range),
      `${name}: ${peer} must be a peer dependency with a ^major.minor.patch range, got ${range}`,
    );
    check(
      manifest.dependencies?.[peer] === undefined,
      `${name}: ${peer} is a dependency; it must only be a peer`,
    );
  }
}

/**
 * Every source map names sources that are in the tarball, and every
 * `sourceMappingURL` names a map that is.
 * @param {string} name
 * @param {string} root
 * @param {Set<string>} files
 */
async function checkSourceMaps(name, root, files) {
  let maps = 0;
  for (const file of files) {
    if (file.endsWith('.map')) {
      maps++;
      const map = JSON.parse(await readFile(join(root, file), 'utf8'));
      for (const source of map.sources ?? []) {
        const resolved = posix.normalize(
          posix.join(posix.dirname(file), map.sourceRoot ?? '', source),
        );
        check(
          files.has(resolved),
          `${name}: ${file} points at ${source}, which is not in the tarball`,
        );
      }
    } else if (/\.(m?js|d\.m?ts)$/.test(file)) {
      const text = await readFile(join(root, file), 'utf8');
      const m = text.match(/\/\/# sourceMappingURL=(\S+)\s*$/);
      if (m && !m[1].startsWith('data:')) {
        const resolved = posix.normalize(posix.join(posix.dirname(file), m[1]));
        check(
          files.has(resolved),
          `${name}: ${file} names the source map ${m[1]}, which is not in the tarball`,
        );
      }
    }
  }
  return maps;
}

/**
 * Checks every published package as npm serves it.
 * @param {{ name: string }[]} packages
 * @param {string} version
 * @param {string} registry
 * @param {string} dir scratch space for the tarballs
 * @param {NodeJS.ProcessEnv} env
 */
export async function auditTarballs(packages, version, registry, dir, env) {
  await mkdir(dir, { recursive: true });
  /** @type {Map<string, Record<string, any>>} */
  const manifests = new Map();
  for (const { name } of packages) {
    const view = await run(
      'npm',
      ['view', `${name}@${version}`, '--json', '--registry', registry],
      { cwd: dir, env, timeoutMs: 60_000 },
    );
    expectExit(view, 0, `npm view ${name}@${version}`);
    const info = JSON.parse(view.stdout);
    check(info.version === version, `${name}: the registry serves ${info.version}, not ${version}`);
    check(
      info['dist-tags']?.latest === version,
      `${name}: dist-tag latest is ${info['dist-tags']?.latest}, not ${version}`,
    );

    const pack = await run(
      'npm',
      ['pack', `${name}@${version}`, '--registry', registry, '--pack-destination', dir, '--json'],
      { cwd: dir, env, timeoutMs: 60_000 },
    );
    expectExit(pack, 0, `npm pack ${name}@${version}`);
    const [{ filename }] = JSON.parse(pack.stdout);
    const out = join(dir, filename.replace(/\.tgz$/, ''));
    await mkdir(out, { recursive: true });
    expectExit(
      await run('tar', ['-xzf', join(dir, filename), '-C', out], { cwd: dir, timeoutMs: 30_000 }),
      0,
      `tar -xzf ${filename}`,
    );
    const root = join(out, 'package');
    check(
      existsSync(join(root, 'package.json')),
      `${name}: the tarball has no package/package.json`,
    );
    const list = await walk(root);
    const files = new Set(list);
    const unwanted = list.filter((f) => UNWANTED.some((re) => re.test(f)));
    check(
      unwanted.length === 0,
      `${name}: the tarball ships files users do not need: ${unwanted.join(', ')}`,
    );
    const manifest = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
    checkManifest(name, manifest, files);
    await checkBins(name, manifest, root, files);
    manifests.set(name, manifest);
    const maps = await checkSourceMaps(name, root, files);
    log.info(
      `${name}@${version}: ${list.length} files, ${maps} source maps all resolving, manifest complete`,
    );
  }
  return manifests;
}
