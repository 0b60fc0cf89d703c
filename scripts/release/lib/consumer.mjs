// @ts-check
// A user's project, outside the workspace: `npm init -y`, our packages from
// the local registry (scoped in the project's .npmrc), everything else from
// the public registry, then the README's quick-start and the conformance CLI.
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { check, expectExit } from './check.mjs';
import { log, tail } from './log.mjs';
import { run, start } from './proc.mjs';

const here = fileURLToPath(new URL('..', import.meta.url));

/**
 * @typedef {object} Adapter
 * @property {string} id `express`
 * @property {string} name `@statuskit/express`
 * @property {string} framework the one `statuskit()` checks (`node:http` for `@statuskit/node`)
 * @property {string} [oldMajor] an unsupported major of `framework` (none: no framework check)
 */

/** @type {readonly Adapter[]} */
export const ADAPTERS = [
  {
    id: 'express',
    name: '@statuskit/express',
    framework: 'express',
    oldMajor: '4',
  },
  {
    id: 'koa',
    name: '@statuskit/koa',
    framework: 'koa',
    oldMajor: '2',
  },
  {
    id: 'fastify',
    name: '@statuskit/fastify',
    framework: 'fastify',
    oldMajor: '4',
  },
  // No framework: bare node:http (its quick-start, the conformance CLI on its /testing).
  {
    id: 'node',
    name: '@statuskit/node',
    framework: 'node:http',
  },
];

/**
 * @typedef {object} Context
 * @property {string} registry
 * @property {string} version the version just published
 * @property {string} dir where this adapter's projects go
 * @property {string} tsc path of the root's TypeScript compiler
 * @property {Record<string, string>} peers the adapter's published peer dependencies and ranges
 * @property {Record<string, string>} typings `@types/*` packages and ranges its users need
 * @property {NodeJS.ProcessEnv} env
 */

/**
 * @param {string} dir
 * @param {Context} ctx
 */
export async function newProject(dir, ctx) {
  await mkdir(dir, { recursive: true });
  expectExit(
    await run('npm', ['init', '-y'], { cwd: dir, env: ctx.env, timeoutMs: 30_000 }),
    0,
    'npm init -y',
  );
  // Only @statuskit/* comes from the local registry; Verdaccio keeps no uplinks.
  await writeFile(join(dir, '.npmrc'), `@statuskit:registry=${ctx.registry}\n`);
}

/**
 * @param {string} dir
 * @param {string[]} args
 * @param {Context} ctx
 */
export function npm(dir, args, ctx) {
  return run('npm', args, { cwd: dir, env: ctx.env, timeoutMs: 240_000 });
}

/**
 * @param {string} dir
 * @param {string} name
 */
export async function installedVersion(dir, name) {
  const file = join(dir, 'node_modules', name, 'package.json');
  if (!existsSync(file)) return undefined;
  return /** @type {string} */ (JSON.parse(await readFile(file, 'utf8')).version);
}

/**
 * @param {string} url
 * @returns {Promise<{ status: number, type: string | null, body: string }>}
 */
async function get(url) {
  const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
}

/**
 * Copies quickstart/<id>.mjs into the project as server.mjs and starts it on an ephemeral port.
 * @param {string} id
 * @param {string} dir
 * @param {Context} ctx
 */
export async function startQuickStart(id, dir, ctx) {
  await copyFile(join(here, 'quickstart', `${id}.mjs`), join(dir, 'server.mjs'));
  return start(process.execPath, ['server.mjs'], {
    cwd: dir,
    env: { ...ctx.env, PORT: '0' },
    ready: /Listening on (http:\/\/127\.0\.0\.1:\d+)/,
    timeoutMs: 20_000,
  });
}

/**
 * Starts the README quick-start and checks that it answers as the README says.
 * @param {Adapter} adapter
 * @param {string} dir
 * @param {Context} ctx
 */
async function quickStart(adapter, dir, ctx) {
  const server = await startQuickStart(adapter.id, dir, ctx);
  try {
    const url = server.match[1];
    log.info(`[${adapter.id}] quick-start server (pid ${server.pid}) listening on ${url}`);
    const hello = await get(`${url}/hello/world`);
    check(
      hello.status === 200 &&
        hello.type?.startsWith('application/json') &&
        hello.body === '{"message":"Hello, world!"}',
      `[${adapter.id}] quick-start GET /hello/world answered ${hello.status} ${hello.type} ${hello.body}, expected 200 application/json {"message":"Hello, world!"}\n${tail(server.output())}`,
    );
    const missing = await get(`${url}/nope`);
    check(
      missing.status === 404 && missing.body === '{"detail":"Not Found"}',
      `[${adapter.id}] quick-start GET /nope answered ${missing.status} ${missing.body}, expected 404 {"detail":"Not Found"}`,
    );
    log.info(
      `[${adapter.id}] quick-start: GET /hello/world -> 200 ${hello.body}; GET /nope -> 404 ${missing.body}`,
    );
  } finally {
    await server.stop();
  }
}

/**
 * Runs the installed conformance CLI against the installed adapter.
 * @param {Adapter} adapter
 * @param {string} dir
 * @param {Context} ctx
 */
async function conformance(adapter, dir, ctx) {
  const result = await run(
    'npx',
    ['--no', '--', 'statuskit-conformance', '--adapter', `${adapter.name}/testing`],
    {
      cwd: dir,
      env: { ...ctx.env, NO_COLOR: '1', FORCE_COLOR: '0' },
      timeoutMs: 180_000,
    },
  );
  expectExit(result, 0, `[${adapter.id}] statuskit-conformance --adapter ${adapter.name}/testing`);
  const lines = stripVTControlCharacters(result.stdout).trimEnd().split('\n');
  const last = lines.at(-1)?.trim() ?? '';
  const m = last.match(/^(\d+) passed, 0 failed$/);
  check(
    m && Number(m[1]) > 0,
    `[${adapter.id}] the conformance CLI's last line is "${last}", expected "N passed, 0 failed"\n${tail(result.output)}`,
  );
  log.info(`[${adapter.id}] statuskit-conformance: ${last}`);
}

/**
 * @param {Adapter} adapter
 * @param {string} dir
 * @param {Context} ctx
 */
async function requireConsumer(adapter, dir, ctx) {
  await copyFile(join(here, 'consumer', 'require.cjs'), join(dir, 'require.cjs'));
  const result = await run(process.execPath, ['require.cjs', adapter.id], {
    cwd: dir,
    env: ctx.env,
    timeoutMs: 30_000,
  });
  expectExit(result, 0, `[${adapter.id}] CommonJS consumer (node require.cjs)`);
  log.info(`[${adapter.id}] CommonJS consumer: ${result.stdout.trim().split('\n').at(-1)}`);
}

/**
 * @param {Adapter} adapter
 * @param {string} dir
 * @param {Context} ctx
 */
async function typeScriptConsumer(adapter, dir, ctx) {
  await copyFile(join(here, 'consumer', `types-${adapter.id}.mts`), join(dir, 'consumer.mts'));
  /** @type {Record<string, Record<string, unknown>>} */
  const modes = {
    node16: { module: 'node16', moduleResolution: 'node16' },
    bundler: { module: 'preserve', moduleResolution: 'bundler' },
  };
  for (const [mode, options] of Object.entries(modes)) {
    const config = {
      compilerOptions: {
        ...options,
        target: 'es2022',
        lib: ['es2023'],
        types: ['node'],
        strict: true,
        noEmit: true,
        skipLibCheck: false,
      },
      files: ['consumer.mts'],
    };
    await writeFile(join(dir, `tsconfig.${mode}.json`), JSON.stringify(config, null, 2));
    const result = await run(process.execPath, [ctx.tsc, '-p', `tsconfig.${mode}.json`], {
      cwd: dir,
      env: ctx.env,
      timeoutMs: 120_000,
    });
    expectExit(result, 0, `[${adapter.id}] TypeScript consumer, moduleResolution ${mode}`);
  }
  log.info(
    `[${adapter.id}] TypeScript consumer type-checks under moduleResolution node16 and bundler`,
  );
}

/**
 * @param {Adapter} adapter
 * @param {string} dir
 * @param {Context} ctx
 */
async function peerCheck(adapter, dir, ctx) {
  const result = await run(process.execPath, ['peer-check.mjs', adapter.id], {
    cwd: dir,
    env: ctx.env,
    timeoutMs: 30_000,
  });
  expectExit(result, 0, `[${adapter.id}] peer-check.mjs`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '{}');
}

/**
 * @param {Adapter} adapter
 * @param {string} situation
 * @param {any} outcome from peer-check.mjs
 */
function expectRefusal(adapter, situation, outcome) {
  check(
    outcome.stage === 'statuskit' &&
      outcome.code === 'STATUSKIT_UNSUPPORTED_FRAMEWORK' &&
      outcome.name === 'StatuskitError',
    `[${adapter.id}] with ${situation}, statuskit() must throw StatuskitError STATUSKIT_UNSUPPORTED_FRAMEWORK; got ${JSON.stringify(outcome)}`,
  );
  check(
    outcome.message.startsWith('[statuskit]') &&
      outcome.message.includes(`npm install ${adapter.framework}`),
    `[${adapter.id}] the message must start with [statuskit] and say "npm install ${adapter.framework}...": ${outcome.message}`,
  );
  log.info(`[${adapter.id}] ${situation}: ${outcome.code}: ${outcome.message}`);
  return /** @type {string} */ (outcome.message);
}

/**
 * Installs core and the adapter without the framework, then with an old major:
 * the adapter must load, and refuse with STATUSKIT_UNSUPPORTED_FRAMEWORK.
 * @param {Adapter} adapter
 * @param {string} dir
 * @param {Context} ctx
 */
async function peerErrors(adapter, dir, ctx) {
  await newProject(dir, ctx);
  await copyFile(join(here, 'consumer', 'peer-check.mjs'), join(dir, 'peer-check.mjs'));
  // npm >= 7 installs peers itself; --legacy-peer-deps is how a project ends up without one.
  expectExit(
    await npm(dir, ['install', '--legacy-peer-deps', '@statuskit/core', adapter.name], ctx),
    0,
    `[${adapter.id}] npm install without ${adapter.framework}`,
  );
  check(
    !existsSync(join(dir, 'node_modules', adapter.framework)),
    `[${adapter.id}] ${adapter.framework} got installed anyway`,
  );

  const missing = await peerCheck(adapter, dir, ctx);
  check(
    missing.adapterLoaded === true,
    `[${adapter.id}] ${adapter.name} must load without ${adapter.framework} (so the user gets our error, not Node's): ${JSON.stringify(missing)}`,
  );
  if (adapter.id === 'fastify') {
    // A Fastify plugin meets Fastify only through the user's own instance, so
    // without fastify the user's own import fails first, before ours can run.
    check(
      missing.stage === 'import fastify' && missing.code === 'ERR_MODULE_NOT_FOUND',
      `[fastify] without fastify, the user's import('fastify') should fail: ${JSON.stringify(missing)}`,
    );
    log.info(
      `[fastify] no fastify: ${adapter.name} loads; the app's own import('fastify') fails with ERR_MODULE_NOT_FOUND`,
    );
  } else {
    const message = expectRefusal(adapter, `no ${adapter.framework}`, missing);
    check(
      message.includes('not found'),
      `[${adapter.id}] the missing-framework message should say "not found": ${message}`,
    );
  }

  // npm itself refuses the unsupported major, naming our peer range...
  const old = `${adapter.framework}@${adapter.oldMajor}`;
  const refused = await npm(dir, ['install', '--dry-run', old], ctx);
  check(
    refused.code !== 0 &&
      refused.output.includes('ERESOLVE') &&
      refused.output.includes(adapter.name),
    `[${adapter.id}] npm install ${old} should fail with ERESOLVE naming ${adapter.name} (exit ${refused.code})\n${tail(refused.output)}`,
  );
  log.info(
    `[${adapter.id}] npm install ${old}: refused with ERESOLVE (peer ${adapter.framework}@"${ctx.peers[adapter.framework]}" from ${adapter.name})`,
  );
  // ...and when forced, the adapter refuses it at start-up.
  expectExit(
    await npm(dir, ['install', '--legacy-peer-deps', old], ctx),
    0,
    `[${adapter.id}] npm install --legacy-peer-deps ${old}`,
  );
  const found = await installedVersion(dir, adapter.framework);
  const message = expectRefusal(
    adapter,
    `${adapter.framework} ${found}`,
    await peerCheck(adapter, dir, ctx),
  );
  check(
    message.includes(`found ${found}`),
    `[${adapter.id}] the wrong-major message should name the version found (${found}): ${message}`,
  );
}

/**
 * The whole user path for one adapter.
 * @param {Adapter} adapter
 * @param {Context} ctx
 * @returns {Promise<string[]>} the checks that failed
 */
export async function userPath(adapter, ctx) {
  // Not named after the framework: npm refuses to install a package into a project of the same name.
  const dir = join(ctx.dir, `app-${adapter.id}`);
  await newProject(dir, ctx);
  // Every peer the published adapter declares, optional ones too (the conformance CLI's
  // body-parser variant needs them), in the ranges it declares.
  const frameworks = Object.entries(ctx.peers).map(([name, range]) => `${name}@${range}`);
  expectExit(
    await npm(dir, ['install', '@statuskit/core', adapter.name, ...frameworks], ctx),
    0,
    `[${adapter.id}] npm install`,
  );
  const typings = Object.entries(ctx.typings).map(([n, r]) => `${n}@${r}`);
  expectExit(
    await npm(dir, ['install', '--save-dev', '@statuskit/conformance', ...typings], ctx),
    0,
    `[${adapter.id}] npm install --save-dev`,
  );
  for (const name of ['@statuskit/core', adapter.name, '@statuskit/conformance']) {
    const got = await installedVersion(dir, name);
    check(
      got === ctx.version,
      `[${adapter.id}] npm installed ${name}@${got}, expected the release ${ctx.version}`,
    );
  }
  log.info(
    `[${adapter.id}] installed @statuskit/core, ${adapter.name}, @statuskit/conformance ${ctx.version} with ${frameworks.join(', ')}`,
  );
  // The checks are independent: run them all, so one CI run shows every failure.
  /** @type {string[]} */
  const failures = [];
  /** @type {[string, () => Promise<void>][]} */
  const checks = [
    ['quick-start', () => quickStart(adapter, dir, ctx)],
    ['conformance CLI', () => conformance(adapter, dir, ctx)],
    ['CommonJS consumer', () => requireConsumer(adapter, dir, ctx)],
    ['TypeScript consumer', () => typeScriptConsumer(adapter, dir, ctx)],
  ];
  if (adapter.oldMajor !== undefined) {
    checks.push([
      'missing or old framework',
      () => peerErrors(adapter, `${dir}-without-${adapter.framework.replace(/\W/g, '')}`, ctx),
    ]);
  }
  for (const [label, body] of checks) {
    try {
      await body();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log.info(`[${adapter.id}] FAILED ${label}:\n${message}`);
      failures.push(`[${adapter.id}] ${label}: ${message.split('\n')[0]}`);
    }
  }
  return failures;
}
