// The realistic app of the conformance suite's coexistence cases, in the parts
// that do not depend on a framework. Every adapter's `startHost` (its
// testing.ts) builds the same app on its framework from these pieces, so the
// host apps differ only in what their frameworks do on their own:
//   1. every answer carries the helmet/CORS-style HOST.headers and an
//      `x-request-id` (the request's own, else `none`);
//   2. a CORS preflight (OPTIONS with access-control-request-method) is
//      answered 204 by that middleware, on any path;
//   3. an auth middleware fails, as an http-errors-style error (status,
//      expose, headers), under /admin/ without HOST.token, and on any path
//      with an expired session (hostAuthError);
//   4. a JSON body parser (1 MiB) runs in front of every route;
//   5. the app's own routes (HOST_ROUTES); some are registered before
//      statuskit, some after;
//   6. its own 404 (hostNotFound) and its own error handler (hostErrorAnswer).

/** Constants of the host app. */
export const HOST: {
  readonly headers: Readonly<Record<string, string>>;
  readonly preflight: Readonly<Record<string, string>>;
  readonly token: string;
  readonly parserLimit: number;
} = {
  headers: { 'x-content-type-options': 'nosniff', 'access-control-allow-origin': '*' },
  preflight: {
    'access-control-allow-methods': 'GET, POST, PUT, DELETE',
    'access-control-max-age': '600',
  },
  token: 'Bearer good',
  parserLimit: 1024 * 1024,
};

/** The app's own routes, as Express/Koa/Fastify paths. */
export const HOST_ROUTES: {
  readonly health: string;
  readonly echo: string;
  readonly notes: string;
  readonly boom: string;
  readonly teapot: string;
  readonly report: string;
} = {
  health: '/health',
  echo: '/legacy/echo',
  notes: '/items/:id/notes',
  boom: '/legacy/boom',
  teapot: '/legacy/teapot',
  report: '/admin/report',
};

/** An error as http-errors makes it: status, whether its message may be shown, headers. */
export interface HostError extends Error {
  readonly status: number;
  readonly statusCode: number;
  readonly expose: boolean;
  readonly headers?: Readonly<Record<string, string>>;
}

/** An http-errors-style error. */
export function hostError(
  status: number,
  message: string,
  headers?: Record<string, string>,
): HostError {
  return Object.assign(new Error(message), {
    status,
    statusCode: status,
    expose: status < 500,
    ...(headers === undefined ? {} : { headers }),
  });
}

/** The headers of step 1 for a request with this `x-request-id` header. */
export function hostHeaders(requestId: string | string[] | undefined): Record<string, string> {
  return { ...HOST.headers, 'x-request-id': typeof requestId === 'string' ? requestId : 'none' };
}

/** True for a CORS preflight (step 2). */
export function isPreflight(method: string | undefined, requestMethod: unknown): boolean {
  return method === 'OPTIONS' && typeof requestMethod === 'string';
}

/**
 * The auth middleware's failure for this request (step 3), if any: under
 * /admin/ an `authorization` other than HOST.token; on any path, an expired
 * session (`x-session: expired`).
 */
export function hostAuthError(
  path: string,
  authorization: unknown,
  session: unknown,
): HostError | undefined {
  if (session === 'expired') {
    return hostError(401, 'session expired', {
      'www-authenticate': 'Bearer error="invalid_token"',
    });
  }
  if (!path.startsWith('/admin/')) return undefined;
  if (authorization === undefined) {
    return hostError(401, 'login required', { 'www-authenticate': 'Bearer realm="host"' });
  }
  if (authorization !== HOST.token) {
    return hostError(401, 'invalid token', { 'www-authenticate': 'Bearer error="invalid_token"' });
  }
  return undefined;
}

/** The app's 404 body (step 6). */
export function hostNotFound(
  method: string,
  url: string,
): { error: string; method: string; path: string } {
  return { error: 'Not Found', method, path: url };
}

/** What the app's error handler answers (step 6): the status and headers the error carries. */
export function hostErrorAnswer(error: unknown): {
  status: number;
  headers: Record<string, string>;
  body: { error: string };
} {
  const e = (typeof error === 'object' && error !== null ? error : {}) as Partial<HostError>;
  const given = e.status ?? e.statusCode;
  const status = typeof given === 'number' && given >= 400 && given < 600 ? given : 500;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(e.headers ?? {})) {
    if (typeof value === 'string') headers[name] = value;
  }
  const message =
    status < 500 && typeof e.message === 'string' ? e.message : 'Internal Server Error';
  return { status, headers, body: { error: message } };
}
