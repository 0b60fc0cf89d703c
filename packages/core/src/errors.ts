/** Stable codes of every error statuskit throws; match on these, never on messages. */
export const ErrorCode = {
  /** A status that is not an integer in 100-599 was written somewhere. */
  INVALID_STATUS: 'STATUSKIT_INVALID_STATUS',
  /** A response model or body was declared on a status that forbids content. */
  BODY_NOT_ALLOWED: 'STATUSKIT_BODY_NOT_ALLOWED',
  /** A redirect without a location, or with a non-3xx status. */
  INVALID_REDIRECT: 'STATUSKIT_INVALID_REDIRECT',
  /** A header name or value that HTTP cannot carry (CR, LF, NUL, non-token name). */
  INVALID_HEADER: 'STATUSKIT_INVALID_HEADER',
  /** A route declaration that cannot be served (bad method, path, duplicate). */
  INVALID_ROUTE: 'STATUSKIT_INVALID_ROUTE',
  /** An option of createStatuskit or a policy that makes no sense. */
  INVALID_OPTION: 'STATUSKIT_INVALID_OPTION',
  /** The exchange was asked for a transition its state does not allow. */
  ILLEGAL_TRANSITION: 'STATUSKIT_ILLEGAL_TRANSITION',
  /** The status or headers were changed after the response was resolved. */
  STATUS_FROZEN: 'STATUSKIT_STATUS_FROZEN',
  /** An adapter was mounted without the app from createStatuskit (`app.use(statuskit)`). */
  INVALID_MOUNT: 'STATUSKIT_INVALID_MOUNT',
  /** The installed framework is missing or of an unsupported major version. */
  UNSUPPORTED_FRAMEWORK: 'STATUSKIT_UNSUPPORTED_FRAMEWORK',
  /** A handler's value broke its response model; the client got a 500. */
  RESPONSE_VALIDATION: 'STATUSKIT_RESPONSE_VALIDATION',
  /** A request body could not be read (too large, too slow, aborted). */
  BODY_READ: 'STATUSKIT_BODY_READ',
  /** A handler answered a status its route does not declare, under `contract: 'enforce'`: the client got a 500. */
  UNDECLARED_STATUS: 'STATUSKIT_UNDECLARED_STATUS',
  /** An operation store failed or is full; the client got 503 with retry-after. */
  OPERATION_STORE: 'STATUSKIT_OPERATION_STORE',
} as const;

/** One of the stable error codes in {@link ErrorCode}. */
export type ErrorCodeValue = (typeof ErrorCode)[keyof typeof ErrorCode];

/** The one error class statuskit throws; `code` is stable, `message` says what to do. */
export class StatuskitError extends Error {
  /** The stable code, e.g. `STATUSKIT_INVALID_STATUS`. */
  readonly code: ErrorCodeValue;

  constructor(code: ErrorCodeValue, message: string, options?: { cause?: unknown }) {
    super(`[statuskit] ${message}`, options);
    this.name = 'StatuskitError';
    this.code = code;
  }
}

/** True when `error` is a StatuskitError, optionally with the given code. */
export function isStatuskitError(error: unknown, code?: ErrorCodeValue): error is StatuskitError {
  return error instanceof StatuskitError && (code === undefined || error.code === code);
}

/** Renders any value for an error message: strings quoted, others as JSON where possible. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value == null)
    return String(value);
  if (typeof value === 'bigint') return `${value}n`;
  try {
    return JSON.stringify(value) ?? typeof value;
  } catch {
    return typeof value;
  }
}

/** Throws STATUSKIT_INVALID_STATUS unless `status` is an integer in 100-599. */
export function assertStatus(status: unknown, where: string): asserts status is number {
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599) {
    throw new StatuskitError(
      ErrorCode.INVALID_STATUS,
      `${where}: status ${describeValue(status)} is not an integer from 100 to 599; use a code such as Status.OK (200).`,
    );
  }
}

/**
 * Throws STATUSKIT_INVALID_STATUS unless `status` can end an exchange: an
 * integer from 200 to 599. 1xx codes are interim responses; a final 1xx
 * leaves HTTP clients waiting for a response that never comes.
 */
export function assertFinalStatus(status: unknown, where: string): asserts status is number {
  assertStatus(status, where);
  if (status < 200) {
    throw new StatuskitError(
      ErrorCode.INVALID_STATUS,
      `${where}: status ${status} is an interim (1xx) code and cannot be the final answer; use a code from 200 to 599.`,
    );
  }
}
