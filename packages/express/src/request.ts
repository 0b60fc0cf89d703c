import type { NeutralRequest, RequestBody } from '@statuskit/core/adapter';
import type { Request, Response } from 'express';

/**
 * The body as Express left it. body-parser 2 (express.json() and friends) no
 * longer sets `req._body`; it leaves `req.body` undefined unless it consumed
 * the stream, so a defined `req.body` means "already read".
 */
export function bodyOf(req: Request): RequestBody {
  const body: unknown = req.body;
  // express.json() turns an empty body into {}; the core must see "no body" (422 missing).
  if (body === undefined || req.headers['content-length'] === '0') {
    return { kind: 'stream', stream: req };
  }
  // The raw bytes a `verify` hook kept (the webhook idiom) let the core check UTF-8 and depth.
  const raw = (req as { rawBody?: unknown }).rawBody;
  if (raw instanceof Uint8Array) return { kind: 'bytes', bytes: raw };
  // express.text()/raw() hand over text or bytes: let the core judge the content type.
  if (typeof body === 'string') return { kind: 'text', text: body };
  if (body instanceof Uint8Array) return { kind: 'bytes', bytes: body };
  return { kind: 'parsed', value: body };
}

/** Express request -> the core's NeutralRequest; `url` is relative to the mount path. */
export function toNeutral(
  req: Request,
  res: Response,
  body: RequestBody = bodyOf(req),
): NeutralRequest {
  return {
    method: req.method,
    url: req.url,
    headers: req.headers,
    body,
    native: { framework: 'express', req, res },
  };
}

/** Express 5 gives `*splat` params as arrays of segments; the core wants strings. */
export function paramsOf(params: Record<string, string | string[]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) {
    out[name] = Array.isArray(value) ? value.join('/') : value;
  }
  return out;
}
