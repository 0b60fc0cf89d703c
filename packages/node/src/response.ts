import type { ServerResponse } from 'node:http';
import { pipeline, Readable } from 'node:stream';
import type { Exchange } from '@statuskit/core/adapter';

/** Options of {@link writeExchange}. */
export interface WriteOptions {
  /**
   * The path the app is mounted under (Express's `req.baseUrl`): put in front
   * of the `location` of the core's own trailing-slash redirect, which knows
   * only the path below it. A handler's own redirect is never changed.
   */
  readonly mountPrefix?: string;
}

// Framing headers another middleware may have set; only the core's may go out.
const FRAMING = ['content-type', 'content-length', 'transfer-encoding'];

/**
 * Writes an exchange the core decided to Node's response, and nothing else:
 * commit, background tasks once the response is out (or the client gone),
 * status and headers, then the body (none, a string or bytes in one write,
 * or a stream piped so that a failure mid-way cuts the connection). Headers
 * set earlier (CORS, request ids, cookies) stay unless the core sets the same
 * name; framing and content-type are the core's alone. Nothing is written to a
 * response that was destroyed or already sent.
 *
 * @example writeExchange(await kit.dispatch(toNeutral(req, res)), res);
 */
export function writeExchange(
  exchange: Exchange,
  res: ServerResponse,
  options: WriteOptions = {},
): void {
  const out = exchange.commit();
  exchange.finishAfter(res);
  if (res.destroyed || res.headersSent) return;
  const prefix = out.mountRelative === true ? (options.mountPrefix ?? '') : '';
  if (res.getHeaderNames().length === 0) {
    // Nothing set before (the usual case): one call writes status and headers;
    // the flat [name, value, ...] form keeps repeated names.
    const flat: string[] = [];
    for (const [name, value] of out.headers) {
      flat.push(name, name === 'location' ? prefix + value : value);
    }
    res.writeHead(out.status, flat);
  } else {
    res.statusCode = out.status;
    // Only headers that are there: removing transfer-encoding also stops Node from chunking
    // (it remembers the removal), and a streamed body would then end with the connection,
    // so a body cut mid-way would pass for a whole one. A stream keeps a chunked encoding.
    const streamed =
      out.body !== null && typeof out.body === 'object' && !(out.body instanceof Uint8Array);
    for (const name of FRAMING) {
      if (res.hasHeader(name) && !(streamed && name === 'transfer-encoding'))
        res.removeHeader(name);
    }
    for (const [name] of out.headers) {
      if (name !== 'set-cookie' && res.hasHeader(name)) res.removeHeader(name);
    }
    for (const [name, value] of out.headers) {
      res.appendHeader(name, name === 'location' ? prefix + value : value);
    }
  }
  const body = out.body;
  if (body === null) res.end();
  else if (typeof body === 'string' || body instanceof Uint8Array) res.end(body);
  // pipeline destroys the response if the body stream fails mid-way: the client sees a cut
  // response, never one that looks complete.
  else pipeline(Readable.from(body), res, () => {});
}
