// Cancels and ends, heard in every process: the scripts publish
// `canceled <id>` and `ended <id>` on the store's channel, and one subscriber
// per store (opened on first use) wakes the work's onCancel listeners and the
// `Prefer: wait` waiters. Pub/sub loses what is published while a subscriber
// is disconnected, so while anything listens the statuses are also read
// every `pollMs`: a cancel is never missed, only heard later.
import type { OperationStatus } from '@statuskit/core';
import type { Redis } from 'ioredis';

/** Reads the status of each id (undefined when gone); rejects when Redis does. */
export type StatusReader = (ids: readonly string[]) => Promise<(OperationStatus | undefined)[]>;

/** The listeners of one store's channel. */
export interface RecordEvents {
  /** Resolves once the subscription is in place (a cancel published after it is heard). */
  subscribed(): Promise<void>;
  /** Calls `listener` once when `id` is canceled; returns the unsubscribe. */
  onCancel(id: string, listener: () => void): () => void;
  /** `done` resolves when `id` ends (or is canceled), or after `ms`; `stop` drops the wait. */
  ended(id: string, ms: number): { readonly done: Promise<void>; stop(): void };
  close(): Promise<void>;
}

type Listeners = Map<string, Set<() => void>>;

function add(map: Listeners, id: string, fn: () => void): () => void {
  let set = map.get(id);
  if (set === undefined) map.set(id, (set = new Set()));
  set.add(fn);
  return () => {
    set.delete(fn);
    if (set.size === 0 && map.get(id) === set) map.delete(id);
  };
}

function fire(map: Listeners, id: string): void {
  const set = map.get(id);
  if (set === undefined) return;
  map.delete(id);
  for (const fn of set) {
    try {
      fn();
    } catch {
      /* one listener's failure must not keep the news from the others */
    }
  }
}

const TERMINAL: ReadonlySet<OperationStatus | undefined> = new Set([
  'succeeded',
  'failed',
  'canceled',
  undefined,
]);

/** The events of `channel`, on a subscriber made by `subscribe` when first needed. */
export function recordEvents(
  subscribe: () => Redis,
  channel: string,
  read: StatusReader,
  pollMs: number,
): RecordEvents {
  const cancels: Listeners = new Map();
  const ends: Listeners = new Map();
  let client: Redis | undefined;
  let subscription: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const deliver = (event: string, id: string): void => {
    if (event === 'canceled') fire(cancels, id);
    fire(ends, id);
  };
  const poll = async (): Promise<void> => {
    const ids = [...new Set([...cancels.keys(), ...ends.keys()])];
    if (ids.length === 0) return;
    let statuses: (OperationStatus | undefined)[];
    try {
      statuses = await read(ids);
    } catch {
      return; // Redis away: the next round tries again
    }
    ids.forEach((id, i) => {
      const status = statuses[i];
      if (status === 'canceled') deliver('canceled', id);
      else if (TERMINAL.has(status)) deliver('ended', id);
    });
  };
  const listening = (): void => {
    if (timer !== undefined || closed) return;
    timer = setInterval(() => {
      if (cancels.size === 0 && ends.size === 0) {
        clearInterval(timer);
        timer = undefined;
        return;
      }
      void poll();
    }, pollMs);
    timer.unref();
  };
  const open = (): Promise<void> => {
    if (subscription !== undefined) return subscription;
    const sub = subscribe();
    client = sub;
    sub.on('error', () => {}); // reconnects by itself; the store's calls report what fails
    sub.on('message', (_channel: string, message: string) => {
      const space = message.indexOf(' ');
      if (space > 0) deliver(message.slice(0, space), message.slice(space + 1));
    });
    // After a reconnect, read what may have been published meanwhile.
    sub.on('ready', () => void poll());
    subscription = sub.subscribe(channel).then(() => undefined);
    subscription.catch(() => {});
    return subscription;
  };

  return {
    subscribed: open,
    onCancel(id, listener) {
      void open();
      listening();
      let called = false;
      return add(cancels, id, () => {
        if (called) return;
        called = true;
        listener();
      });
    },
    ended(id, ms) {
      void open();
      listening();
      let stop: () => void = () => {};
      const done = new Promise<void>((resolve) => {
        const timeout = setTimeout(() => stop(), ms);
        const off = add(ends, id, () => stop());
        stop = () => {
          clearTimeout(timeout);
          off();
          resolve();
        };
      });
      return { done, stop: () => stop() };
    },
    async close() {
      closed = true;
      clearInterval(timer);
      timer = undefined;
      for (const id of [...ends.keys()]) fire(ends, id);
      cancels.clear();
      client?.disconnect();
    },
  };
}
