// What the result URL answers once the operation ended: exactly the response
// the route would have sent had it run synchronously. The stored outcome goes
// back through the exchange's resolve() as an explicit response (a value) or
// a raise (an error), with the operation's declared status, so the HTTP rules
// (no body on 204, error format, headers) are the ones every answer obeys.
import type { ErrorFormat } from '../error-format.js';
import { HttpException } from '../http-exception.js';
import { type ExplicitResponse, empty, json } from '../response.js';
import { statusAllowsBody } from '../status.js';
import type { AnyOperation } from './define.js';
import { monitorBody } from './monitor.js';
import type { OperationRecord } from './store.js';

/** Where an operation's monitor is, and how often to poll it. */
export interface MonitorPlace {
  /** The monitors' path as clients see it (`basePath`, or `publicPath` under a mount prefix). */
  readonly publicPath: string;
  /** Seconds, for `retry-after`. */
  readonly retryAfter: number;
}

/** 202 with the monitor as body, its `location` and `retry-after`: a start, or a pending result. */
export function accepted(
  record: OperationRecord,
  place: MonitorPlace,
  format: ErrorFormat,
): ExplicitResponse {
  return json(monitorBody(record, format), {
    status: 202,
    headers: {
      location: `${place.publicPath}/${record.id}`,
      'retry-after': String(place.retryAfter),
    },
  });
}

/**
 * The final answer of an ended operation; throws the HttpException of a failed
 * or canceled one (a plain Error's failure is the core's 500, as it was).
 */
export function replay(record: OperationRecord, op: AnyOperation | undefined): ExplicitResponse {
  if (record.status === 'canceled') throw new HttpException(409, 'Operation canceled');
  const outcome = record.outcome;
  if (outcome?.kind === 'exception') {
    throw new HttpException(outcome.status, outcome.detail, { headers: [...outcome.headers] });
  }
  if (outcome?.kind !== 'value') throw new HttpException(500);
  const status = op?.spec.status ?? 200;
  if (outcome.value === null && !statusAllowsBody(status)) return empty(status);
  return json(outcome.value, { status });
}
