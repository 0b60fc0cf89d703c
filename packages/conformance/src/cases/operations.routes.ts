import { type AnyRoute, createOperations, HttpException, memoryStore } from '@statuskit/core';
import { type Issue, schema } from '../fixture/schemas.js';

// The long-running operation of seed rows 31-39 (docs/seed-scenarios.md):
// `POST /reports` creates a report after `delayMs`; `taken` raises 409 and
// `crash` throws Error('secret'). The store's clock stands still, so every
// server writes the same createdAt and updatedAt and the differential pass
// compares monitors byte for byte (ids are masked by the runner).

/** A report as clients ask for it. */
export interface ReportIn {
  name: string;
  delayMs: number;
}

/** A report as the API answers it. */
export interface Report {
  id: number;
  name: string;
  rows: number;
}

/** Where the fixture's operation clock stands: 2025-01-01T00:00:00.000Z. */
export const OPERATION_CLOCK: number = Date.UTC(2025, 0, 1);

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const ReportInSchema = schema<ReportIn>(
  (value) => {
    if (!isRecord(value)) {
      return {
        issues: [
          {
            type: 'model_attributes_type',
            message: 'Input should be a valid dictionary or object to extract fields from',
            input: value,
          },
        ],
      };
    }
    const issues: Issue[] = [];
    const { name, delayMs = 100 } = value;
    if (!('name' in value)) {
      issues.push({ type: 'missing', path: ['name'], message: 'Field required', input: value });
    } else if (typeof name !== 'string' || name.length < 1 || name.length > 100) {
      issues.push({
        type: 'string_type',
        path: ['name'],
        message: 'Input should be a string of 1 to 100 characters',
        input: name,
      });
    }
    if (!Number.isInteger(delayMs) || (delayMs as number) < 0 || (delayMs as number) > 10_000) {
      issues.push({
        type: 'int_type',
        path: ['delayMs'],
        message: 'Input should be an integer from 0 to 10000',
        input: delayMs,
      });
    }
    return issues.length > 0
      ? { issues }
      : { value: { name: name as string, delayMs: delayMs as number } };
  },
  {
    type: 'object',
    properties: {
      name: { type: 'string', minLength: 1, maxLength: 100 },
      delayMs: { type: 'integer', minimum: 0, maximum: 10_000, default: 100 },
    },
    required: ['name'],
  },
);

const ReportSchema = schema<Report>(
  (value) =>
    isRecord(value) &&
    typeof value.id === 'number' &&
    typeof value.name === 'string' &&
    typeof value.rows === 'number'
      ? { value: { id: value.id, name: value.name, rows: value.rows } }
      : { issues: [{ type: 'model_type', message: 'Input should be a Report', input: value }] },
  {
    type: 'object',
    properties: { id: { type: 'integer' }, name: { type: 'string' }, rows: { type: 'integer' } },
    required: ['id', 'name', 'rows'],
  },
);

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', abort);
      resolve();
    }, ms);
    const abort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', abort, { once: true });
  });
}

/** The operation routes of rows 31-39, on their own store; report ids count from 1. */
export function operationRoutes(): AnyRoute[] {
  const ops = createOperations({ store: memoryStore({ now: () => OPERATION_CLOCK }) });
  let nextId = 1;
  ops.define(
    {
      name: 'createReport',
      method: 'POST',
      path: '/reports',
      status: 201,
      request: { body: ReportInSchema },
      response: ReportSchema,
      responses: { 409: 'Report exists' },
      summary: 'Create a report (a long-running operation)',
    },
    async ({ body, signal }) => {
      await delay(body.delayMs, signal);
      if (body.name === 'taken') throw new HttpException(409, 'Report exists');
      if (body.name === 'crash') throw new Error('secret');
      return { id: nextId++, name: body.name, rows: body.name.length };
    },
  );
  return [...ops.routes];
}
