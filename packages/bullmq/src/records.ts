// A record as Redis answers it (HGETALL's flat list of strings) back to the
// plain JSON record the core reads. Fields the core does not know (the
// idempotency fingerprint and key) stay in Redis.
import type { JsonValue, OperationRecord, OperationStatus, StoredOutcome } from '@statuskit/core';

const STATUSES: ReadonlySet<string> = new Set<OperationStatus>([
  'notStarted',
  'running',
  'succeeded',
  'failed',
  'canceled',
]);

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
  return undefined;
}

function fieldsOf(reply: unknown): Map<string, string> {
  const fields = new Map<string, string>();
  const pairs: [unknown, unknown][] = [];
  if (Array.isArray(reply)) {
    for (let i = 0; i + 1 < reply.length; i += 2) pairs.push([reply[i], reply[i + 1]]);
  } else if (typeof reply === 'object' && reply !== null) {
    pairs.push(...Object.entries(reply));
  }
  for (const [n, v] of pairs) {
    const name = text(n);
    const value = text(v);
    if (name !== undefined && value !== undefined) fields.set(name, value);
  }
  return fields;
}

/**
 * The record in a script's flat `[field, value, …]` reply or in HGETALL's
 * object; undefined for nil or no fields.
 */
export function toRecord(reply: unknown): OperationRecord | undefined {
  const fields = fieldsOf(reply);
  const id = fields.get('id');
  const name = fields.get('name');
  const status = fields.get('status');
  // A hash without these is half-written by hand or expiring mid-read: not a record.
  if (id === undefined || name === undefined || status === undefined || !STATUSES.has(status)) {
    return undefined;
  }
  const input = fields.get('input');
  const progress = fields.get('progress');
  const outcome = fields.get('outcome');
  return {
    id,
    name,
    status: status as OperationStatus,
    createdAt: Number(fields.get('createdAt')),
    updatedAt: Number(fields.get('updatedAt')),
    ...(input !== undefined && { input: JSON.parse(input) as JsonValue }),
    ...(progress !== undefined && { progress: JSON.parse(progress) as JsonValue }),
    ...(outcome !== undefined && { outcome: JSON.parse(outcome) as StoredOutcome }),
  };
}

/** A record that must be there: the script answered one. */
export function mustRecord(reply: unknown, what: string): OperationRecord {
  const record = toRecord(reply);
  if (record === undefined) throw new Error(`${what}: Redis answered no record`);
  return record;
}
