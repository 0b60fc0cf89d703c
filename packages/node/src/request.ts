import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NeutralRequest, RequestBody } from '@statuskit/core/adapter';

/**
 * Node's request -> the core's NeutralRequest: the raw method and target,
 * Node's lower-cased headers, and the body as a stream the core reads only
 * when the route needs it (or the `body` given, when something read it first).
 */
export function toNeutral(
  req: IncomingMessage,
  res: ServerResponse,
  body: RequestBody = { kind: 'stream', stream: req },
): NeutralRequest {
  return {
    method: req.method ?? 'GET',
    url: req.url ?? '/',
    headers: req.headers,
    body,
    native: { framework: 'node:http', req, res },
  };
}
