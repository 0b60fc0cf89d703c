import { pipeline, Readable } from 'node:stream';
import type { Exchange } from '@statuskit/core';
import type { Context } from 'koa';

// [name, value, name, value, ...]: writeHead's array form keeps repeated names.
function flatten(headers: readonly (readonly [string, string])[]): string[] {
  const flat: string[] = [];
  for (const [name, value] of headers) flat.push(name, value);
  return flat;
}

// Framing headers another middleware may have set; only the core's may go out.
const FRAMING = ['content-type', 'content-length', 'transfer-encoding'];

/**
 * Writes the core's decision on `ctx.res`, bypassing Koa's respond(): it would start from 404,
 * guess 200/204 from assignment order, send `null` for JSON null and rewrite errors as text.
 */
export function write(ctx: Context, exchange: Exchange): void {
  ctx.respond = false;
  const res = ctx.res;
  const out = exchange.commit();
  // Background tasks run once the response is out or the client has gone, never before.
  exchange.finishAfter(res);
  if (res.destroyed || res.headersSent) return;
  if (res.getHeaderNames().length === 0) {
    // Nothing set before (the usual case): one call writes status and headers.
    res.writeHead(out.status, flatten(out.headers));
  } else {
    res.statusCode = out.status;
    // Headers set earlier with ctx.set (CORS, request ids) stay unless the core sets the name.
    for (const name of FRAMING) res.removeHeader(name);
    for (const [name] of out.headers) if (name !== 'set-cookie') res.removeHeader(name);
    for (const [name, value] of out.headers) res.appendHeader(name, value);
  }
  if (out.body === null) res.end();
  else if (typeof out.body === 'string' || out.body instanceof Uint8Array) res.end(out.body);
  // pipeline destroys the socket if the body stream fails mid-way: the client sees a cut response.
  else pipeline(Readable.from(out.body), res, () => {});
}
