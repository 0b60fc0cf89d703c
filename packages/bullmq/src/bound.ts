// Every store call answers within a bound, whatever Redis does: refused at
// once while the client knows Redis is away (reconnecting), after at most
// `ms` when Redis is slow, frozen or still connecting. The core turns the
// rejection into a 503 with retry-after; it never waits on Redis.
import { ErrorCode, StatuskitError } from '@statuskit/core';
import type { Redis } from 'ioredis';

/** Fails a store call: STATUSKIT_OPERATION_STORE, naming the call and where Redis is. */
export function storeError(what: string, where: string, cause: unknown): StatuskitError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new StatuskitError(
    ErrorCode.OPERATION_STORE,
    `bullmqStore: ${what} on Redis at ${where} failed: ${reason}. Clients got 503 with retry-after; check that Redis runs there: the store answers again once it does.`,
    { cause },
  );
}

/** Resolves once `client` is ready; rejects when it is known to be down or after `ms`. */
function ready(client: Redis, ms: number): Promise<void> {
  const status = client.status;
  if (status === 'ready') return Promise.resolve();
  if (status === 'end') return Promise.reject(new Error('the store is closed'));
  // 'reconnecting' and 'close': the last attempt failed; the next one is already scheduled.
  if (status === 'reconnecting' || status === 'close') {
    return Promise.reject(new Error('connection lost, reconnecting'));
  }
  return new Promise((resolve, reject) => {
    const done = (error?: Error): void => {
      clearTimeout(timer);
      client.off('ready', onReady);
      client.off('close', onClose);
      if (error === undefined) resolve();
      else reject(error);
    };
    const onReady = (): void => done();
    const onClose = (): void => done(new Error('connection refused'));
    const timer = setTimeout(() => done(new Error(`not connected within ${ms} ms`)), ms);
    client.on('ready', onReady);
    client.on('close', onClose);
  });
}

/**
 * Runs `work` on `client` once it is ready, within `ms` in all; a failure, or
 * no answer in time, rejects with {@link storeError}.
 */
export async function bounded<T>(
  client: Redis,
  what: string,
  where: string,
  ms: number,
  work: () => Promise<T>,
): Promise<T> {
  const start = Date.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await ready(client, ms);
    const left = Math.max(1, ms - (Date.now() - start));
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), left);
    });
    const running = work();
    // The call may still settle after the bound; nobody waits for it then.
    running.catch(() => {});
    return await Promise.race([running, late]);
  } catch (error) {
    throw storeError(what, where, error);
  } finally {
    clearTimeout(timer);
  }
}
