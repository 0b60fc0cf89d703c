// The Redis clients of a store and of its workers, from one description of
// where Redis is. Each client is ours (made here or duplicated from yours), so
// we set what each job needs and close it: the store's command client fails
// fast when Redis is away (no offline queue: the core answers 503 instead of
// waiting), the subscriber and BullMQ's clients wait for Redis to come back.
// BullMQ 6 does not load ioredis itself in ESM: it always gets a client.
import { Redis, type RedisOptions } from 'ioredis';

/**
 * Where Redis is: a URL (`redis://host:6379/0`, `rediss://…`, `unix:///run/redis.sock`,
 * or a socket path), ioredis options, or an ioredis client (duplicated: it stays yours).
 */
export type RedisTarget = string | RedisOptions | Redis;

/** Makes a new client on the target with `overrides` over its options. */
export type ClientFactory = (overrides: RedisOptions) => Redis;

// ioredis's constructor types reject its own RedisOptions under exactOptionalPropertyTypes
// (`replyMapping?: … | undefined`); we never set that option.
type ClientOptions = Omit<RedisOptions, 'replyMapping'>;

/** Reconnects quickly, so a store answers again soon after Redis is back. */
function quickRetry(times: number): number {
  return Math.min(100 * times, 1000);
}

function isClient(target: RedisTarget): target is Redis {
  return target instanceof Redis;
}

/** The factory of clients on `target`; `unix://` URLs become socket paths. */
export function clientFactory(target: RedisTarget): ClientFactory {
  if (isClient(target)) return (overrides) => target.duplicate(overrides);
  if (typeof target === 'string') {
    const where = target.startsWith('unix://') ? target.slice('unix://'.length) : target;
    return (overrides) =>
      new Redis(where, { retryStrategy: quickRetry, ...overrides } as ClientOptions);
  }
  return (overrides) =>
    new Redis({ retryStrategy: quickRetry, ...target, ...overrides } as ClientOptions);
}

/** Where the target points, for messages: never a password. */
export function describeTarget(target: RedisTarget): string {
  const options: RedisOptions | undefined = isClient(target)
    ? target.options
    : typeof target === 'string'
      ? undefined
      : target;
  if (options === undefined) {
    const text = String(target);
    if (!/^rediss?:\/\//i.test(text)) return text;
    try {
      const url = new URL(text);
      return `${url.protocol}//${url.host}${url.pathname === '/' ? '' : url.pathname}`;
    } catch {
      return 'the Redis URL given';
    }
  }
  const path = (options as { path?: string }).path;
  if (path !== undefined) return `unix://${path}`;
  return `redis://${options.host ?? '127.0.0.1'}:${options.port ?? 6379}`;
}

/** The store's command client: no offline queue, a command timeout, one retry. */
export function commandClient(make: ClientFactory, timeoutMs: number): Redis {
  return make({
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: timeoutMs,
    connectionName: 'statuskit-store',
  });
}

/** The cancel subscriber: waits for Redis (its subscription comes back on reconnect). */
export function subscriberClient(make: ClientFactory): Redis {
  return make({
    enableOfflineQueue: true,
    maxRetriesPerRequest: null,
    autoResubscribe: true,
    connectionName: 'statuskit-events',
  });
}

/**
 * The template of BullMQ's Worker clients: BullMQ duplicates it (a command and a
 * blocking connection), so it stays unconnected itself; they must wait, never give up.
 */
export function workerClient(make: ClientFactory): Redis {
  return make({ enableOfflineQueue: true, maxRetriesPerRequest: null, lazyConnect: true });
}

/** Closes a client of ours: QUIT when it answers within `ms`, else cut. */
export async function closeClient(client: Redis, ms: number): Promise<void> {
  if (client.status === 'end') return;
  if (client.status !== 'ready') {
    client.disconnect();
    return;
  }
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  await Promise.race([
    client.quit().then(
      () => undefined,
      () => undefined,
    ),
    late,
  ]);
  clearTimeout(timer);
  client.disconnect();
}
