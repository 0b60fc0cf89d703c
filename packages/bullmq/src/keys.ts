// Where a store keeps things in Redis, next to its BullMQ queue's keys
// (`<prefix>:<queue>:…`; job ids are UUIDs without `:`, so no name collides).
// On Redis Cluster give a prefix with a hash tag (`{ops}`): the scripts touch
// several of these keys at once, so they must share a slot.
import { createHash } from 'node:crypto';

/** The key names of one store. */
export interface Keys {
  /** Prefix of the record hashes: `<base>op:` + id. */
  readonly op: string;
  /** Ids of pending operations, scored by creation time (for the reconciler). */
  readonly pending: string;
  /** Pub/sub channel: `canceled <id>` and `ended <id>`. */
  readonly events: string;
  /** The key of an idempotency key (hashed: any length, any bytes). */
  idempotency(key: string): string;
}

/** Key names under `<prefix>:<queueName>:`. */
export function storeKeys(prefix: string, queueName: string): Keys {
  const base = `${prefix}:${queueName}:`;
  return {
    op: `${base}op:`,
    pending: `${base}ops-pending`,
    events: `${base}ops-events`,
    idempotency: (key) => `${base}idem:${createHash('sha256').update(key).digest('base64url')}`,
  };
}
