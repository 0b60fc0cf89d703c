import { MAX_JSON_DEPTH } from './body.js';
import { type ContractMode, contractMode } from './contract/mode.js';
import type { Diagnostic } from './diagnostic.js';
import type { ErrorFormat } from './error-format.js';
import { ErrorCode, StatuskitError } from './errors.js';
import { type MethodDefaultPolicy, type PolicyInput, toPolicy } from './policy.js';

/** Names the route (or the unmatched request) an error or task belongs to. */
export interface ExchangeInfo {
  /** `GET /items/{id}`, or `GET /nope` when no route matched. */
  readonly route: string;
  readonly method: string;
  readonly url: string;
}

/** Logging hooks; each receives what happened and where. */
export interface Hooks {
  /** An error thrown by a handler (the client got a 500 that says nothing more). */
  readonly onError: (error: unknown, info: ExchangeInfo) => void;
  /** A response that went out differently than the handler asked, or broke an HTTP rule. */
  readonly onDiagnostic: (diagnostic: Diagnostic) => void;
  /** A background task that failed after the response was sent. */
  readonly onBackgroundError: (
    error: unknown,
    info: ExchangeInfo & { readonly task: number },
  ) => void;
}

/** App-wide settings an exchange reads. */
export interface ExchangeConfig {
  readonly errorFormat: ErrorFormat;
  readonly debug: boolean;
  readonly bodyLimit: number;
  /** Milliseconds the whole request body may take to arrive before the client gets 408. */
  readonly bodyTimeout: number;
  /** Seconds sent in `retry-after` with the 503 of a handler that outlived its timeout. */
  readonly retryAfter: number;
  readonly maxJsonDepth: number;
  readonly malformedJsonStatus: 400 | 422;
  /** What an answer outside its route's status contract costs. */
  readonly contract: ContractMode;
  readonly hooks: Hooks;
}

/** Options of {@link createStatuskit}. */
export interface StatuskitOptions {
  /** Method-default policy: 'rest' (default), 'fastapi' or definePolicy(...). */
  policy?: PolicyInput;
  /** Error bodies: FastAPI's `{"detail": ...}` (default) or RFC 9457 'problem'. */
  errorFormat?: ErrorFormat;
  /** Largest request body read, in bytes; more answers 413. Default 1 MiB. */
  bodyLimit?: number;
  /** Milliseconds the whole request body may take to arrive; slower answers 408. Default 30 s. */
  bodyTimeout?: number;
  /** Milliseconds every handler may take (a route's `timeout` wins); slower answers 503. Default: no limit. */
  handlerTimeout?: number;
  /** Seconds in the `retry-after` of a timed-out handler's 503. Default 1. */
  retryAfter?: number;
  /** Deepest JSON nesting accepted; deeper answers 422 json_invalid. Default 128. */
  maxJsonDepth?: number;
  /** Status for malformed JSON: 422 (FastAPI, default) or 400. */
  malformedJsonStatus?: 400 | 422;
  /** Redirect `/a/` to `/a` (and back) when only the other exists, as FastAPI does. Default true. */
  redirectSlashes?: boolean;
  /** Run background tasks even when the handler raised. Default false, as FastAPI. */
  backgroundOnError?: boolean;
  /**
   * Answers outside a route's status contract (an undeclared status, an explicit
   * JSON body that breaks the model of its status): `'off'` lets them through
   * unchecked, `'report'` sends a diagnostic and lets them through, `'enforce'`
   * answers 500 and sends the diagnostic. Default `'report'`, `'off'` when
   * NODE_ENV is `production`.
   */
  contract?: ContractMode;
  /** Put error names, messages and stacks in 500 bodies. Never on unless set; never in production. */
  debug?: boolean;
  /** Receives every error a handler threw; default: console.error. */
  onError?: (error: unknown, info: ExchangeInfo) => void;
  /** Receives diagnostics (response model failures, dropped bodies, missing headers). */
  onDiagnostic?: (diagnostic: Diagnostic) => void;
  /** Receives background task failures; default: console.error. */
  onBackgroundError?: (error: unknown, info: ExchangeInfo & { readonly task: number }) => void;
}

/** The settings in force, defaults filled in. */
export interface ResolvedOptions extends ExchangeConfig {
  readonly policy: MethodDefaultPolicy;
  readonly redirectSlashes: boolean;
  readonly backgroundOnError: boolean;
  readonly handlerTimeout: number | undefined;
}

const MiB = 1024 * 1024;

function defaultHooks(options: StatuskitOptions): Hooks {
  return {
    onError:
      options.onError ??
      ((error, info) =>
        console.error(`[statuskit] ${info.route}: unhandled error, answered 500:`, error)),
    onDiagnostic: options.onDiagnostic ?? (() => {}),
    onBackgroundError:
      options.onBackgroundError ??
      ((error, info) =>
        console.error(`[statuskit] ${info.route}: background task ${info.task} failed:`, error)),
  };
}

/** Calls a hook; a throwing hook must not turn a decided response into a crash. */
export function callHook(call: () => void): void {
  try {
    call();
  } catch {
    /* the hook's own failure has nowhere better to go */
  }
}

function positiveInteger(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value <= 0) {
    throw new StatuskitError(
      ErrorCode.INVALID_OPTION,
      `option ${name} must be a positive integer, got ${String(value)}.`,
    );
  }
  return value;
}

/** Resolves options, filling in defaults and refusing nonsense at start-up. */
export function resolveOptions(options: StatuskitOptions = {}): ResolvedOptions {
  const errorFormat = options.errorFormat ?? 'detail';
  if (errorFormat !== 'detail' && errorFormat !== 'problem') {
    throw new StatuskitError(
      ErrorCode.INVALID_OPTION,
      `errorFormat must be 'detail' or 'problem', got ${String(errorFormat)}.`,
    );
  }
  const malformed = options.malformedJsonStatus ?? 422;
  if (malformed !== 400 && malformed !== 422) {
    throw new StatuskitError(
      ErrorCode.INVALID_OPTION,
      `malformedJsonStatus must be 400 or 422, got ${String(malformed)}.`,
    );
  }
  return {
    policy: toPolicy(options.policy),
    errorFormat,
    debug: options.debug === true,
    bodyLimit: positiveInteger(options.bodyLimit, MiB, 'bodyLimit'),
    maxJsonDepth: positiveInteger(options.maxJsonDepth, MAX_JSON_DEPTH, 'maxJsonDepth'),
    bodyTimeout: positiveInteger(options.bodyTimeout, 30_000, 'bodyTimeout'),
    handlerTimeout:
      options.handlerTimeout === undefined
        ? undefined
        : positiveInteger(options.handlerTimeout, 1, 'handlerTimeout'),
    retryAfter: positiveInteger(options.retryAfter, 1, 'retryAfter'),
    malformedJsonStatus: malformed,
    contract: contractMode(options.contract),
    redirectSlashes: options.redirectSlashes !== false,
    backgroundOnError: options.backgroundOnError === true,
    hooks: defaultHooks(options),
  };
}
