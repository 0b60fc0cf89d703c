/** Stable codes of the errors the client throws (it never throws for a status). */
export type ClientErrorCode =
  /** A call's params, query or headers hold a value the wire cannot carry, or miss a path parameter. */
  | 'STATUSKIT_CLIENT_INVALID_INIT'
  /** An answer says it is JSON but its body does not parse. */
  | 'STATUSKIT_CLIENT_INVALID_JSON'
  /** No fetch to call: pass `fetch` in the options (Node >= 20.19 and browsers have one). */
  | 'STATUSKIT_CLIENT_NO_FETCH'
  /** `operation()` got no final answer within its `timeout` (the operation itself goes on). */
  | 'STATUSKIT_CLIENT_TIMEOUT'
  /** `operation()`'s `signal` aborted it (the operation itself goes on). */
  | 'STATUSKIT_CLIENT_ABORTED';

/**
 * What the client throws: a call that cannot be sent, or an answer that
 * cannot be read. Every status, declared or not, is an answer, never a throw.
 */
export class ClientError extends Error {
  /** The stable code. */
  readonly code: ClientErrorCode;

  constructor(code: ClientErrorCode, message: string, options?: { cause?: unknown }) {
    super(`[statuskit client] ${message}`, options);
    this.name = 'ClientError';
    this.code = code;
  }
}
