// Long-running operations (@statuskit/core's `defineOperation`, `ops.define`),
// read from `typeof op` structurally: the start answers 202 with the status
// monitor, and the result URL answers the operation's final response.
import type { AnswerOf, ErrorFormat } from './answers.js';
import type { CoreStatus, RouteLike } from './contract.js';

/** The states of an operation: `succeeded`, `failed` and `canceled` are terminal. */
export type OperationStatus = 'notStarted' | 'running' | 'succeeded' | 'failed' | 'canceled';

/** The status monitor of an operation: the body of its start's 202, its monitor and a pending result. */
export interface OperationMonitor {
  /** Opaque id of the operation (the `{id}` of its monitor). */
  readonly id: string;
  /** Where the operation is. */
  readonly status: OperationStatus;
  /** RFC 3339, UTC. */
  readonly createdAt: string;
  /** RFC 3339, UTC. */
  readonly updatedAt: string;
  /** The last progress the work reported. */
  readonly progress?: unknown;
  /** The final response's body, once `succeeded`. */
  readonly result?: unknown;
  /** The error as the app renders errors, once `failed`. */
  readonly error?: unknown;
}

/** A declared operation (`typeof op` of `defineOperation()` or `ops.define()`), as far as its type goes. */
export interface OperationLike {
  readonly name: string;
  /** The route the operation would be had it run synchronously. */
  readonly route: RouteLike;
  readonly work: unknown;
}

/** The monitor as a model, as far as its type goes. */
export interface MonitorModel {
  readonly '~standard': {
    readonly types?: { readonly input: OperationMonitor; readonly output: OperationMonitor };
  };
}

type SpecOf<O extends OperationLike> = O['route']['spec'];

/**
 * The start of operation `O` as a route: its method, path, request and guard;
 * 202 with the monitor; the core's statuses, and 422 and 503 of an operation.
 */
export interface StartRoute<O extends OperationLike> {
  readonly method: O['route']['method'];
  readonly path: O['route']['path'];
  readonly spec: {
    readonly method: SpecOf<O>['method'];
    readonly status: 202;
    readonly response: MonitorModel;
    readonly request: SpecOf<O>['request'];
    readonly security: SpecOf<O>['security'];
    readonly operation: true;
  };
}

/**
 * Operation `O` as what its poll ends with: the start's refusals (422...), then
 * the final response: the declared status and model, its `responses`.
 */
export interface FinalRoute<O extends OperationLike> {
  readonly method: O['route']['method'];
  readonly path: O['route']['path'];
  readonly spec: SpecOf<O> & { readonly operation: true };
}

/** The route a list entry is called as: an operation's start, or the route itself. */
export type AsRoute<E> = E extends OperationLike ? StartRoute<E> : E;

/**
 * What polling operation `O` resolves to, discriminated by status: its final
 * status with its model's output, its `responses`, the start's refusals
 * (400, 422...), the result's 404 (unknown or expired), 409 (canceled),
 * 500 (the work threw) and 503 (the store failed), and the honest arm.
 */
export type OperationAnswer<O extends OperationLike, F extends ErrorFormat = 'detail'> = AnswerOf<
  FinalRoute<O>,
  F,
  false,
  CoreStatus<FinalRoute<O>> | 409
>;
