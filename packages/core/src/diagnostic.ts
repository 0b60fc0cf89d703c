/** Stable codes of the reports statuskit sends to `onDiagnostic`. */
export const DiagnosticCode = {
  /** The handler returned a value its response model refused: the client got a 500. */
  RESPONSE_VALIDATION: 'STATUSKIT_RESPONSE_VALIDATION',
  /** The handler's value could not be serialised (a BigInt, a cycle): the client got a 500. */
  SERIALIZATION: 'STATUSKIT_SERIALIZATION',
  /** A body was dropped because the status or method forbids one. */
  BODY_DROPPED: 'STATUSKIT_BODY_DROPPED',
  /** A 401 went out without `www-authenticate` (RFC 9110 15.5.2). */
  MISSING_WWW_AUTHENTICATE: 'STATUSKIT_MISSING_WWW_AUTHENTICATE',
  /** A 405 went out without `allow` (RFC 9110 15.5.6). */
  MISSING_ALLOW: 'STATUSKIT_MISSING_ALLOW',
  /** A redirect went out without `location`. */
  MISSING_LOCATION: 'STATUSKIT_MISSING_LOCATION',
  /** A handler finished (or failed) after its timeout had already answered 503; its result was dropped. */
  LATE_RESULT: 'STATUSKIT_LATE_RESULT',
  /** A streamed response body failed after the status went out; the connection was cut. */
  STREAM_FAILED: 'STATUSKIT_STREAM_FAILED',
  /** A handler answered a status its route does not declare (option `contract`). */
  UNDECLARED_STATUS: 'STATUSKIT_UNDECLARED_STATUS',
} as const;

/** A report about a response that went out, or went out differently than the handler asked. */
export interface Diagnostic {
  readonly code: (typeof DiagnosticCode)[keyof typeof DiagnosticCode];
  /** `GET /items/{id}`, or the method and path when no route matched. */
  readonly route: string;
  readonly status: number;
  readonly message: string;
  /** For response validation: the problems the model found. */
  readonly issues?: unknown;
  /** For serialisation failures: the error thrown. */
  readonly error?: unknown;
}
