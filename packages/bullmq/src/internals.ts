// What a worker needs from the store it runs for (queue, prefix, where Redis
// is, the job options): kept beside the store object rather than on it, so the
// store's public shape stays the OperationStore contract.
import type { OperationStore } from '@statuskit/core';
import type { JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ClientFactory } from './connection.js';
import type { Keys } from './keys.js';

/** A bullmqStore's settings and connections, for its workers. */
export interface StoreInternals {
  readonly queueName: string;
  readonly prefix: string;
  /** Where Redis is, for messages. */
  readonly where: string;
  /** Makes clients on the store's Redis. */
  readonly make: ClientFactory;
  readonly keys: Keys;
  /** The store's fail-fast command client. */
  readonly client: Redis;
  /** The bound of one call, in ms. */
  readonly timeout: number;
  /** The options every job of this store is added with. */
  readonly jobOptions: JobsOptions;
  /** The store's BullMQ queue (made again after a failed start). */
  queue(): Queue;
  /** Hands an operation's job over again (a duplicate job id is ignored by BullMQ). */
  enqueue(id: string, name: string): Promise<void>;
}

const registry = new WeakMap<OperationStore, StoreInternals>();

/** Records the internals of a store. */
export function register(store: OperationStore, internals: StoreInternals): void {
  registry.set(store, internals);
}

/** The internals of a bullmqStore; undefined for any other store. */
export function internalsOf(store: OperationStore): StoreInternals | undefined {
  return registry.get(store);
}
