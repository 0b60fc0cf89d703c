// The settings of bullmqStore, checked once with messages that say what to write.
import { ErrorCode, StatuskitError } from '@statuskit/core';
import type { BackoffOptions } from 'bullmq';
import type { RedisTarget } from './connection.js';

/** Options of {@link bullmqStore}. */
export interface BullmqStoreOptions {
  /** Where Redis is (Redis ≥ 6.2). Default `redis://127.0.0.1:6379`. */
  connection?: RedisTarget;
  /** The BullMQ queue of the operations' jobs (no `:`). Default `statuskit-operations`. */
  queueName?: string;
  /** BullMQ's key prefix; records live beside the queue's keys. Default `bull`. */
  prefix?: string;
  /** Runs of a work that throws before it is `failed` (BullMQ `attempts`). Default 1. */
  attempts?: number;
  /** Wait between those runs (BullMQ `backoff`). Default exponential from 1000 ms. */
  backoff?: number | BackoffOptions;
  /** Most ms a store call waits for Redis before it rejects (the core answers 503). Default 2000. */
  timeout?: number;
  /**
   * Most ms a worker keeps trying to record a work's outcome while Redis is
   * away, so that a work that ran is not run again. Default 20,000.
   */
  finishPatience?: number;
  /** Ms between reads of the statuses a worker listens to (pub/sub's safety net). Default 1000. */
  cancelPollInterval?: number;
}

/** The options with their defaults. */
export interface ResolvedStoreOptions {
  readonly connection: RedisTarget;
  readonly queueName: string;
  readonly prefix: string;
  readonly attempts: number;
  readonly backoff: number | BackoffOptions;
  readonly timeout: number;
  readonly finishPatience: number;
  readonly cancelPollInterval: number;
}

function describeValue(value: unknown): string {
  return typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? String(value));
}

/** Throws STATUSKIT_INVALID_OPTION unless `value` is a positive integer; the default when undefined. */
export function positive(value: number | undefined, fallback: number, where: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value <= 0) {
    throw new StatuskitError(
      ErrorCode.INVALID_OPTION,
      `${where} must be a positive integer, got ${describeValue(value)}.`,
    );
  }
  return value;
}

function name(value: string | undefined, fallback: string, where: string): string {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || value === '' || value.includes(':')) {
    throw new StatuskitError(
      ErrorCode.INVALID_OPTION,
      `${where} ${describeValue(value)} must be a non-empty string without ':' (BullMQ's key separator), such as 'statuskit-operations'.`,
    );
  }
  return value;
}

/** The store's options, checked, with defaults. */
export function resolveStoreOptions(options: BullmqStoreOptions): ResolvedStoreOptions {
  const prefix = options.prefix ?? 'bull';
  if (typeof prefix !== 'string' || prefix === '') {
    throw new StatuskitError(
      ErrorCode.INVALID_OPTION,
      `bullmqStore: prefix ${describeValue(prefix)} must be a non-empty string such as 'bull' (on Redis Cluster '{ops}').`,
    );
  }
  return {
    connection: options.connection ?? 'redis://127.0.0.1:6379',
    queueName: name(options.queueName, 'statuskit-operations', 'bullmqStore: queueName'),
    prefix,
    attempts: positive(options.attempts, 1, 'bullmqStore: attempts'),
    backoff: options.backoff ?? { type: 'exponential', delay: 1000 },
    timeout: positive(options.timeout, 2000, 'bullmqStore: timeout'),
    finishPatience: positive(options.finishPatience, 20_000, 'bullmqStore: finishPatience'),
    cancelPollInterval: positive(
      options.cancelPollInterval,
      1000,
      'bullmqStore: cancelPollInterval',
    ),
  };
}
