// @ts-check
// A throwaway redis-server for the tests, benches and release test that need
// one (@statuskit/bullmq): its own temp folder, a unix socket in it (no port
// to collide with), no service, stopped by its PID. Several callers need the
// very same thing, hence here, next to the process helper it is built on.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSync, start } from './index.mjs';

/**
 * @typedef {object} RedisOptions
 * @property {boolean} [persist] append-only file, fsync on every write: a restart keeps the data
 * @property {(chunk: string) => void} [onOutput] sees the server's log
 */

/**
 * @typedef {object} RedisServer
 * @property {string} socket path of the unix socket
 * @property {string} url `unix://<socket>`
 * @property {string} dir the temp folder (socket, append-only file)
 * @property {() => number} pid the running server's PID
 * @property {(signal: NodeJS.Signals) => void} kill signals the running server (SIGSTOP freezes it)
 * @property {() => Promise<void>} down stops the server (SIGTERM), keeps the folder
 * @property {() => Promise<void>} up starts it again on the same socket and folder
 * @property {() => Promise<void>} stop stops it and removes the folder
 */

/** The server binary: `STATUSKIT_REDIS_SERVER` (a path) or `redis-server` on the PATH. */
const server = () => process.env.STATUSKIT_REDIS_SERVER || 'redis-server';

/**
 * The installed redis-server's version line, or undefined when there is none.
 * @returns {string | undefined}
 */
export function redisServerVersion() {
  return runSync(server(), ['--version'])?.trim();
}

/**
 * Whether tests that need Redis can run: `{ ok: true }`, or the reason to skip
 * them. Under CI (env CI set) a missing redis-server throws instead: CI installs
 * it (.ci/run), so its absence there is a failure, not a skip.
 * @returns {{ ok: true, version: string } | { ok: false, reason: string }}
 */
export function redisForTests() {
  const version = redisServerVersion();
  if (version !== undefined) return { ok: true, version };
  const reason =
    'redis-server is not installed (Debian: apt-get install redis-server); the Redis tests are skipped';
  if (process.env.CI)
    throw new Error(`${reason.split(';')[0]}, and CI requires it (.ci/run installs it)`);
  return { ok: false, reason };
}

/**
 * Starts redis-server on a unix socket in a new temp folder; resolves once it
 * accepts connections. `stop()` ends it by its PID and removes the folder.
 * @param {RedisOptions} [options]
 * @returns {Promise<RedisServer>}
 */
export async function startRedis(options = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'statuskit-redis-'));
  const socket = join(dir, 'r.sock');
  const args = [
    '--port',
    '0',
    '--unixsocket',
    socket,
    '--unixsocketperm',
    '700',
    '--dir',
    dir,
    '--save',
    '',
    ...(options.persist
      ? ['--appendonly', 'yes', '--appendfsync', 'always']
      : ['--appendonly', 'no']),
  ];
  const launch = () =>
    start(server(), args, {
      ready: /ready to accept connections/i,
      timeoutMs: 20_000,
      ...(options.onOutput === undefined ? {} : { onOutput: options.onOutput }),
    });
  /** @type {import('./index.mjs').Service | undefined} */
  let service;
  try {
    service = await launch();
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const down = async () => {
    const running = service;
    service = undefined;
    running?.kill('SIGCONT'); // a frozen server (SIGSTOP) cannot act on SIGTERM
    await running?.stop(5000);
  };
  return {
    socket,
    url: `unix://${socket}`,
    dir,
    pid: () => {
      if (service === undefined) throw new Error('redis-server is down');
      return service.pid;
    },
    kill: (signal) => service?.kill(signal),
    down,
    up: async () => {
      if (service !== undefined) return;
      service = await launch();
    },
    stop: async () => {
      await down();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
