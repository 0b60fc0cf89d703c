// @ts-check
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { redisForTests, redisServerVersion, startRedis } from '../src/redis.mjs';

/** @param {number} pid */
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('redisForTests without redis-server', () => {
  const saved = { bin: process.env.STATUSKIT_REDIS_SERVER, ci: process.env.CI };
  afterEach(() => {
    for (const [name, value] of [
      ['STATUSKIT_REDIS_SERVER', saved.bin],
      ['CI', saved.ci],
    ]) {
      if (value === undefined) delete process.env[/** @type {string} */ (name)];
      else process.env[/** @type {string} */ (name)] = value;
    }
  });

  it('says why the Redis tests are skipped; under CI it throws instead', () => {
    process.env.STATUSKIT_REDIS_SERVER = '/nonexistent/redis-server';
    delete process.env.CI;
    expect(redisForTests()).toEqual({
      ok: false,
      reason:
        'redis-server is not installed (Debian: apt-get install redis-server); the Redis tests are skipped',
    });
    process.env.CI = 'true';
    expect(() => redisForTests()).toThrow(
      'redis-server is not installed (Debian: apt-get install redis-server), and CI requires it (.ci/run installs it)',
    );
  });
});

describe.skipIf(redisServerVersion() === undefined)('startRedis', () => {
  it('serves on a unix socket in its own folder, goes down and up on the same socket, and stop() leaves nothing', async () => {
    const redis = await startRedis({ persist: true });
    const first = redis.pid();
    expect(redis.url).toBe(`unix://${redis.socket}`);
    expect(existsSync(redis.socket)).toBe(true);
    await redis.down();
    expect(alive(first)).toBe(false);
    expect(() => redis.pid()).toThrow('redis-server is down');
    await redis.up();
    expect(redis.pid()).not.toBe(first);
    expect(existsSync(redis.socket)).toBe(true);
    const second = redis.pid();
    redis.kill('SIGSTOP'); // a frozen server still stops
    await redis.stop();
    expect(alive(second)).toBe(false);
    expect(existsSync(redis.dir)).toBe(false);
  });
});
