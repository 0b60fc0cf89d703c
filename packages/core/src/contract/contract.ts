// One status contract per route, computed once from what the route declares:
// its success statuses (declared, or the policy's), each `responses` entry with
// its model, and the statuses the core itself answers for it. The run-time
// check (check.ts), OpenAPI (openapi/responses.ts) and the contract tests of
// @statuskit/conformance read this value; the types (types.ts) mirror it.
import { type MethodDefaultPolicy, type PolicyInput, toPolicy } from '../policy.js';
import { defaultStatuses } from '../resolve.js';
import type { AnyRoute, ResponseDoc } from '../route.js';
import type { Schema } from '../schema.js';
import { guardsOf } from '../security/guard.js';

/** A `responses` key that stands for a class of statuses, or for every other one. */
export type StatusRange = '1XX' | '2XX' | '3XX' | '4XX' | '5XX' | 'default';

/** Why the core may answer a status for a route, before or instead of its handler. */
export type CoreReason =
  /** 307 (slash redirect), 400 (bad path), 404, 405: the router. */
  | 'routing'
  /** 401, 403: the route's guard (`security: defineSecurity(...)`), before validation. */
  | 'security'
  /** 422: a params, query, headers or body schema refused the request. */
  | 'validation'
  /** 400, 408, 413, 415, 422 (or the malformed-JSON status): reading the body. */
  | 'body'
  /** 503: the handler outlived its timeout. */
  | 'timeout'
  /** 500: the handler failed, or its value broke its model. */
  | 'error';

/** One status of a contract and where it comes from. */
export interface ContractStatus {
  /** The status, or a range (`4XX`, `default`) from `responses`. */
  readonly status: number | StatusRange;
  /** `success`: the route's success status; `responses`: declared; `core`: the core answers it. */
  readonly source: 'success' | 'responses' | 'core';
  /** The model of the body, when one is declared for it. */
  readonly model?: Schema;
  /** For `core`: why the core may answer it. */
  readonly reason?: CoreReason;
}

/** A route's status contract: a plain value, computed at start-up by {@link contractOf}. */
export interface RouteContract {
  /** `GET /items/{id}` */
  readonly route: string;
  /**
   * True when the route declares neither `status` nor `responses`: every
   * status then counts as declared (bodies are still checked against models).
   */
  readonly open: boolean;
  /** The success status of a returned value and of a returned nothing (equal when declared). */
  readonly success: { readonly value: number; readonly empty: number };
  /** Every status: success first, then `responses` in order, then the core's. */
  readonly statuses: readonly ContractStatus[];
}

/** The app settings a contract depends on: `kit.options` and `StatuskitOptions` both fit. */
export interface ContractOptions {
  readonly policy?: PolicyInput | undefined;
  readonly handlerTimeout?: number | undefined;
  readonly redirectSlashes?: boolean | undefined;
  readonly malformedJsonStatus?: 400 | 422 | undefined;
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const RANGE = /^([1-5]XX|default)$/;

function docModel(doc: ResponseDoc | string | undefined): Schema | undefined {
  return typeof doc === 'object' ? doc.model : undefined;
}

function coreStatuses(route: AnyRoute, options: ContractOptions): ContractStatus[] {
  const spec = route.spec;
  const out: ContractStatus[] = [];
  const core = (status: number, reason: CoreReason): void => {
    if (!out.some((s) => s.status === status && s.reason === reason)) {
      out.push({ status, source: 'core', reason });
    }
  };
  if (options.redirectSlashes !== false) core(307, 'routing');
  for (const status of [400, 404, 405]) core(status, 'routing');
  if (guardsOf(spec.security) !== undefined) {
    core(401, 'security');
    core(403, 'security');
  }
  const request = spec.request;
  if (request !== undefined && Object.values(request).some((schema) => schema !== undefined)) {
    core(422, 'validation');
  }
  // The same test as the exchange's readsBody, for any request the route may get.
  if (request?.body !== undefined || BODY_METHODS.has(route.method)) {
    for (const status of [400, 408, 413, 415]) core(status, 'body');
    core(options.malformedJsonStatus ?? 422, 'body');
  }
  if ((spec.timeout ?? options.handlerTimeout) !== undefined) core(503, 'timeout');
  core(500, 'error');
  return out;
}

/**
 * The status contract of a route under the app's settings: what a handler may
 * answer (success and `responses`, with their models) and what the core
 * answers for it (routing, guards, validation, body reading, timeout, 500).
 *
 * @example contractOf(getItem, kit.options).statuses.map((s) => s.status) // [200, 404, 307, 400, ...]
 */
export function contractOf(route: AnyRoute, options: ContractOptions = {}): RouteContract {
  const spec = route.spec;
  const policy: MethodDefaultPolicy = toPolicy(options.policy);
  const { valueStatus, emptyStatus } = defaultStatuses(route, policy);
  const statuses: ContractStatus[] = [];
  for (const status of new Set([valueStatus, emptyStatus])) {
    const entry: { -readonly [K in keyof ContractStatus]: ContractStatus[K] } = {
      status,
      source: 'success',
    };
    if (spec.response !== undefined) entry.model = spec.response;
    statuses.push(entry);
  }
  for (const [key, doc] of Object.entries(spec.responses ?? {})) {
    const status = RANGE.test(key) ? (key as StatusRange) : Number(key);
    const model = docModel(doc);
    statuses.push(
      model === undefined
        ? { status, source: 'responses' }
        : { status, source: 'responses', model },
    );
  }
  statuses.push(...coreStatuses(route, options));
  return {
    route: route.id,
    open: spec.status === undefined && spec.responses === undefined,
    success: { value: valueStatus, empty: emptyStatus },
    statuses,
  };
}

/** A contract's lookups, built once: statuses and models by status, class and `default`. */
export interface ContractIndex {
  readonly contract: RouteContract;
  readonly declared: ReadonlySet<number>;
  readonly success: ReadonlySet<number>;
  readonly successModel: Schema | undefined;
  /** Models (or undefined) of exact `responses` keys. */
  readonly exact: ReadonlyMap<number, Schema | undefined>;
  /** Models (or undefined) of class keys, by their first digit; 0 for `default`. */
  readonly ranges: ReadonlyMap<number, Schema | undefined>;
  /** Some status has a model: false lets the exchange skip every model lookup. */
  readonly modelled: boolean;
}

/** Builds the lookups of a contract (the exchange keeps one per route). */
export function indexContract(contract: RouteContract): ContractIndex {
  const declared = new Set<number>();
  const success = new Set<number>();
  const exact = new Map<number, Schema | undefined>();
  const ranges = new Map<number, Schema | undefined>();
  let successModel: Schema | undefined;
  let modelled = false;
  for (const entry of contract.statuses) {
    const { status, source, model } = entry;
    if (model !== undefined) modelled = true;
    if (typeof status === 'number') {
      declared.add(status);
      if (source === 'success') {
        success.add(status);
        successModel ??= model;
      } else if (source === 'responses') exact.set(status, model);
    } else ranges.set(status === 'default' ? 0 : Number(status[0]), model);
  }
  return { contract, declared, success, successModel, exact, ranges, modelled };
}

const indexes = new WeakMap<RouteContract, ContractIndex>();

function indexOf(contract: RouteContract): ContractIndex {
  let index = indexes.get(contract);
  if (index === undefined) {
    index = indexContract(contract);
    indexes.set(contract, index);
  }
  return index;
}

/** True when `status` is declared by the index's route (hot path; see {@link isDeclared}). */
export function declaresStatus(index: ContractIndex, status: number): boolean {
  return (
    index.contract.open ||
    index.declared.has(status) ||
    index.ranges.has(Math.floor(status / 100)) ||
    index.ranges.has(0)
  );
}

/**
 * The model of a status, first match wins: its own `responses` entry; the
 * `response` model for a success status; its class entry (`4XX`); the
 * `response` model for any 2xx; the `default` entry.
 */
export function modelOfStatus(index: ContractIndex, status: number): Schema | undefined {
  const ownModel = index.exact.get(status);
  if (ownModel !== undefined) return ownModel;
  if (index.success.has(status) && index.successModel !== undefined) return index.successModel;
  const classModel = index.ranges.get(Math.floor(status / 100));
  if (classModel !== undefined) return classModel;
  if (status >= 200 && status < 300 && index.successModel !== undefined) return index.successModel;
  return index.ranges.get(0);
}

/** True when a contract declares `status`: its own, a range's, the core's, or any on an open route. */
export function isDeclared(contract: RouteContract, status: number): boolean {
  return declaresStatus(indexOf(contract), status);
}

/** The model a body with `status` must match under a contract; undefined when none is declared. */
export function modelAt(contract: RouteContract, status: number): Schema | undefined {
  return modelOfStatus(indexOf(contract), status);
}
