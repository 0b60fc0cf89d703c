// @ts-check
// The user path of @statuskit/bullmq: install it (BullMQ and ioredis come from
// the public registry), type-check a consumer, load it, and, when
// redis-server is installed, run an app and a worker against a throwaway
// Redis (tools/proc's startRedis: temp folder, unix socket, stopped by PID).
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { redisServerVersion, startRedis } from '@statuskit/proc/redis';
import { check, expectExit } from './check.mjs';
import { typeScriptConsumer } from './consumer.mjs';
import { log } from './log.mjs';
import { run } from './proc.mjs';

const here = fileURLToPath(new URL('..', import.meta.url));
const PACKAGES = ['@statuskit/core', '@statuskit/node', '@statuskit/bullmq'];

/**
 * @param {string} dir
 * @param {{ registry: string, version: string, tsc: string, env: NodeJS.ProcessEnv }} ctx
 * @returns {Promise<string[]>} the checks that failed
 */
export async function bullmqPath(dir, ctx) {
  await mkdir(dir, { recursive: true });
  expectExit(
    await run('npm', ['init', '-y'], { cwd: dir, env: ctx.env, timeoutMs: 30_000 }),
    0,
    'npm init -y',
  );
  await writeFile(join(dir, '.npmrc'), `@statuskit:registry=${ctx.registry}\n`);
  expectExit(
    await run('npm', ['install', ...PACKAGES], { cwd: dir, env: ctx.env, timeoutMs: 240_000 }),
    0,
    '[bullmq] npm install',
  );
  // ioredis 6's declarations import redis-errors without depending on its types.
  expectExit(
    await run('npm', ['install', '--save-dev', '@types/node@^20.19.0', '@types/redis-errors'], {
      cwd: dir,
      env: ctx.env,
      timeoutMs: 240_000,
    }),
    0,
    '[bullmq] npm install --save-dev @types/node @types/redis-errors',
  );
  const listed = await run('npm', ['ls', '--json', ...PACKAGES, 'bullmq', 'ioredis'], {
    cwd: dir,
    env: ctx.env,
    timeoutMs: 60_000,
  });
  const deps = JSON.parse(listed.stdout || '{}').dependencies ?? {};
  for (const name of PACKAGES) {
    check(
      deps[name]?.version === ctx.version,
      `[bullmq] npm installed ${name}@${deps[name]?.version}, expected ${ctx.version}`,
    );
  }
  const bullmq = deps['@statuskit/bullmq']?.dependencies ?? {};
  log.info(
    `[bullmq] installed ${PACKAGES.join(', ')} ${ctx.version} with bullmq ${bullmq.bullmq?.version ?? deps.bullmq?.version} and ioredis ${bullmq.ioredis?.version ?? deps.ioredis?.version}`,
  );

  /** @type {string[]} */
  const failures = [];
  /** @type {[string, () => Promise<void>][]} */
  const checks = [
    ['TypeScript consumer', () => typeScriptConsumer({ id: 'bullmq' }, dir, ctx)],
    ['import without Redis', () => consumer(dir, ctx, undefined)],
  ];
  const version = redisServerVersion();
  if (version === undefined) {
    log.info(
      '[bullmq] redis-server is not installed: the app and worker run is skipped (apt-get install redis-server)',
    );
  } else {
    checks.push(['an app and a worker on Redis', () => withRedis(dir, ctx)]);
  }
  for (const [label, body] of checks) {
    try {
      await body();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log.info(`[bullmq] FAILED ${label}:\n${message}`);
      failures.push(`[bullmq] ${label}: ${message.split('\n')[0]}`);
    }
  }
  return failures;
}

/**
 * @param {string} dir
 * @param {{ env: NodeJS.ProcessEnv }} ctx
 * @param {string | undefined} redis
 */
async function consumer(dir, ctx, redis) {
  await copyFile(join(here, 'consumer', 'bullmq.mjs'), join(dir, 'bullmq.mjs'));
  const env = redis === undefined ? ctx.env : { ...ctx.env, REDIS_URL: redis };
  const result = await run(process.execPath, ['bullmq.mjs'], { cwd: dir, env, timeoutMs: 60_000 });
  expectExit(
    result,
    0,
    `[bullmq] node bullmq.mjs${redis === undefined ? '' : ` with REDIS_URL=${redis}`}`,
  );
  log.info(`[bullmq] node bullmq.mjs: ${result.stdout.trim().split('\n').at(-1)}`);
}

/**
 * @param {string} dir
 * @param {{ env: NodeJS.ProcessEnv }} ctx
 */
async function withRedis(dir, ctx) {
  const redis = await startRedis();
  try {
    log.info(`[bullmq] redis-server (pid ${redis.pid()}) on ${redis.url}`);
    await consumer(dir, ctx, redis.url);
  } finally {
    await redis.stop();
  }
}
