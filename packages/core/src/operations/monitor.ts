// The status monitor: what `GET <basePath>/{id}` answers (always 200 while the
// operation is known), what the start's 202 and a pending result carry.
import { type ErrorFormat, renderError } from '../error-format.js';
import type { JsonValue } from '../json.js';
import type { Schema } from '../schema.js';
import type { OperationRecord, StoredOutcome } from './store.js';

/** The error of a failed outcome as the API renders errors: `{status, detail}` or a problem. */
export function monitorError(outcome: StoredOutcome, format: ErrorFormat): JsonValue | undefined {
  if (outcome.kind === 'value') return undefined;
  const [status, detail] =
    outcome.kind === 'exception'
      ? [outcome.status, outcome.detail]
      : [500, 'Internal Server Error'];
  if (format === 'problem')
    return JSON.parse(renderError(format, status, detail).text) as JsonValue;
  return { status, detail };
}

/**
 * The monitor of an operation: `{ id, status, createdAt, updatedAt }` (RFC 3339
 * times), then `progress` when reported, `result` when it succeeded and
 * `error` when it failed.
 */
export function monitorBody(record: OperationRecord, format: ErrorFormat): JsonValue {
  const body: Record<string, JsonValue> = {
    id: record.id,
    status: record.status,
    createdAt: new Date(record.createdAt).toISOString(),
    updatedAt: new Date(record.updatedAt).toISOString(),
  };
  if (record.progress !== undefined) body.progress = record.progress;
  const outcome = record.outcome;
  if (outcome?.kind === 'value') body.result = outcome.value;
  else if (outcome !== undefined) body.error = monitorError(outcome, format) ?? null;
  return body;
}

const TIME = { type: 'string', format: 'date-time' } as const;

/** The monitor's JSON Schema, named `OperationMonitor` in the document's components. */
const MONITOR_SCHEMA = {
  $defs: {
    OperationMonitor: {
      type: 'object',
      description: 'The status monitor of a long-running operation.',
      properties: {
        id: { type: 'string', description: 'Opaque id of the operation.' },
        status: {
          type: 'string',
          enum: ['notStarted', 'running', 'succeeded', 'failed', 'canceled'],
        },
        createdAt: TIME,
        updatedAt: TIME,
        progress: { description: 'The last progress the work reported.' },
        result: { description: 'The final response body, once succeeded.' },
        error: {
          description: 'The error, as the API renders errors, once failed.',
          type: 'object',
        },
      },
      required: ['id', 'status', 'createdAt', 'updatedAt'],
    },
  },
  $ref: '#/$defs/OperationMonitor',
};

/**
 * The monitor as a response model: documents itself (Standard JSON Schema) and
 * lets every monitor through unchanged, since the core built it.
 */
export const monitorModel: Schema = {
  '~standard': {
    version: 1,
    vendor: 'statuskit',
    validate: (value) => ({ value }),
    jsonSchema: { input: () => MONITOR_SCHEMA, output: () => MONITOR_SCHEMA },
  } as Schema['~standard'],
};
