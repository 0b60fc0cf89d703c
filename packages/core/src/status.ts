/** The five classes RFC 9110 section 15 groups status codes into. */
export type StatusClass =
  | 'informational'
  | 'success'
  | 'redirection'
  | 'client-error'
  | 'server-error';

/** Every IANA-registered status code with its RFC 9110 (or registering RFC) reason phrase. */
export const STATUS_PHRASES: Readonly<Record<number, string>> = Object.freeze({
  100: 'Continue',
  101: 'Switching Protocols',
  102: 'Processing',
  103: 'Early Hints',
  104: 'Upload Resumption Supported',
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  203: 'Non-Authoritative Information',
  204: 'No Content',
  205: 'Reset Content',
  206: 'Partial Content',
  207: 'Multi-Status',
  208: 'Already Reported',
  226: 'IM Used',
  300: 'Multiple Choices',
  301: 'Moved Permanently',
  302: 'Found',
  303: 'See Other',
  304: 'Not Modified',
  305: 'Use Proxy',
  307: 'Temporary Redirect',
  308: 'Permanent Redirect',
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  407: 'Proxy Authentication Required',
  408: 'Request Timeout',
  409: 'Conflict',
  410: 'Gone',
  411: 'Length Required',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  416: 'Range Not Satisfiable',
  417: 'Expectation Failed',
  // RFC 9110 reserves 418 as "(Unused)"; the phrase is the one FastAPI and most stacks send.
  418: "I'm a Teapot",
  421: 'Misdirected Request',
  422: 'Unprocessable Content',
  423: 'Locked',
  424: 'Failed Dependency',
  425: 'Too Early',
  426: 'Upgrade Required',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  451: 'Unavailable For Legal Reasons',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
  505: 'HTTP Version Not Supported',
  506: 'Variant Also Negotiates',
  507: 'Insufficient Storage',
  508: 'Loop Detected',
  510: 'Not Extended',
  511: 'Network Authentication Required',
});

/** Typed status constants: each value's type is its numeric literal (`Status.CREATED: 201`). */
export const Status = {
  CONTINUE: 100,
  SWITCHING_PROTOCOLS: 101,
  PROCESSING: 102,
  EARLY_HINTS: 103,
  OK: 200,
  CREATED: 201,
  ACCEPTED: 202,
  NON_AUTHORITATIVE_INFORMATION: 203,
  NO_CONTENT: 204,
  RESET_CONTENT: 205,
  PARTIAL_CONTENT: 206,
  MULTI_STATUS: 207,
  ALREADY_REPORTED: 208,
  IM_USED: 226,
  MULTIPLE_CHOICES: 300,
  MOVED_PERMANENTLY: 301,
  FOUND: 302,
  SEE_OTHER: 303,
  NOT_MODIFIED: 304,
  USE_PROXY: 305,
  TEMPORARY_REDIRECT: 307,
  PERMANENT_REDIRECT: 308,
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  PAYMENT_REQUIRED: 402,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  NOT_ACCEPTABLE: 406,
  PROXY_AUTHENTICATION_REQUIRED: 407,
  REQUEST_TIMEOUT: 408,
  CONFLICT: 409,
  GONE: 410,
  LENGTH_REQUIRED: 411,
  PRECONDITION_FAILED: 412,
  CONTENT_TOO_LARGE: 413,
  URI_TOO_LONG: 414,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RANGE_NOT_SATISFIABLE: 416,
  EXPECTATION_FAILED: 417,
  IM_A_TEAPOT: 418,
  MISDIRECTED_REQUEST: 421,
  UNPROCESSABLE_CONTENT: 422,
  LOCKED: 423,
  FAILED_DEPENDENCY: 424,
  TOO_EARLY: 425,
  UPGRADE_REQUIRED: 426,
  PRECONDITION_REQUIRED: 428,
  TOO_MANY_REQUESTS: 429,
  REQUEST_HEADER_FIELDS_TOO_LARGE: 431,
  UNAVAILABLE_FOR_LEGAL_REASONS: 451,
  INTERNAL_SERVER_ERROR: 500,
  NOT_IMPLEMENTED: 501,
  BAD_GATEWAY: 502,
  SERVICE_UNAVAILABLE: 503,
  GATEWAY_TIMEOUT: 504,
  HTTP_VERSION_NOT_SUPPORTED: 505,
  VARIANT_ALSO_NEGOTIATES: 506,
  INSUFFICIENT_STORAGE: 507,
  LOOP_DETECTED: 508,
  NOT_EXTENDED: 510,
  NETWORK_AUTHENTICATION_REQUIRED: 511,
} as const;

/** Any status code statuskit will send: an integer from 100 to 599. */
export type StatusCode = number;

/** A status code known to the IANA registry, as a literal union. */
export type RegisteredStatus = (typeof Status)[keyof typeof Status];

/** True for an integer from 100 to 599, the only codes statuskit writes. */
export function isStatus(value: unknown): value is StatusCode {
  return typeof value === 'number' && Number.isInteger(value) && value >= 100 && value <= 599;
}

/** True when the code is in the IANA registry. */
export function isRegisteredStatus(value: unknown): value is RegisteredStatus {
  return isStatus(value) && STATUS_PHRASES[value] !== undefined;
}

const CLASSES: readonly StatusClass[] = [
  'informational',
  'success',
  'redirection',
  'client-error',
  'server-error',
];

/** The class of a valid code (`404` is `'client-error'`); undefined outside 100-599. */
export function statusClass(status: number): StatusClass | undefined {
  return isStatus(status) ? CLASSES[Math.floor(status / 100) - 1] : undefined;
}

const CLASS_PHRASES: Readonly<Record<StatusClass, string>> = {
  informational: 'Informational',
  success: 'Success',
  redirection: 'Redirection',
  'client-error': 'Client Error',
  'server-error': 'Server Error',
};

/**
 * The reason phrase of a code; an unregistered but valid code gets its class name
 * ("Client Error" for 499), so every sendable code has a phrase.
 */
export function reasonPhrase(status: number): string | undefined {
  const phrase = STATUS_PHRASES[status];
  if (phrase !== undefined) return phrase;
  const cls = statusClass(status);
  return cls === undefined ? undefined : CLASS_PHRASES[cls];
}

/** True when a response with this status may carry content (RFC 9110 6.4.1, 15.3.6). */
export function statusAllowsBody(status: number): boolean {
  return status >= 200 && status !== 204 && status !== 205 && status !== 304;
}

/** True for 3xx codes that need a `location` header to mean anything. */
export function isRedirectStatus(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}
