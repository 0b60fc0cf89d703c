// The Redis of this package's tests: one redis-server per test file, on a unix
// socket in a temp folder, stopped by its PID afterwards. Without redis-server
// the Redis tests are skipped with the reason (under CI they fail instead).
import { type RedisServer, redisForTests, startRedis } from '@statuskit/proc/redis';
import { afterAll, beforeAll } from 'vitest';

const found = redisForTests();
if (!found.ok) console.warn(`@statuskit/bullmq: ${found.reason}`);

/** Whether redis-server is installed (describe.skipIf(!hasRedis)). */
export const hasRedis: boolean = found.ok;

/**
 * A redis-server for the calling file, started before its tests and stopped
 * after them; read `server()` inside tests.
 */
export function useRedis(options: { persist?: boolean } = {}): () => RedisServer {
  let server: RedisServer | undefined;
  beforeAll(async () => {
    if (hasRedis) server = await startRedis(options);
  });
  afterAll(async () => {
    await server?.stop();
  });
  return () => {
    if (server === undefined) throw new Error('redis-server is not running');
    return server;
  };
}
