import { pipeline, Readable } from 'node:stream';
import type { Exchange } from '@statuskit/core';
import type { NextFunction, Request, Response } from 'express';

/**
 * Writes the core's decision with Node's own API. `res.send`/`res.json` would
 * add an ETag, turn a 200 into a 304 for a fresh conditional GET and adjust
 * content-type; the core has already decided all of that.
 */
export function write(exchange: Exchange, req: Request, res: Response): void {
  const out = exchange.commit();
  // Background tasks run once the response is out or the client has gone, never before.
  exchange.finishAfter(res);
  if (res.destroyed) return;
  res.statusCode = out.status;
  // Earlier middleware may have set these (cors keeps its own); the core's value wins.
  for (const [name] of out.headers) if (name !== 'set-cookie') res.removeHeader(name);
  // The core's slash redirect knows only the path below the mount point (`app.use('/api', ...)`).
  const prefix = out.mountRelative === true ? req.baseUrl : '';
  for (const [name, value] of out.headers) {
    res.appendHeader(name, name === 'location' ? prefix + value : value);
  }
  if (out.body === null) res.end();
  else if (typeof out.body === 'string' || out.body instanceof Uint8Array) res.end(out.body);
  // pipeline destroys the socket if the body stream fails mid-way; the client sees a cut response.
  else pipeline(Readable.from(out.body), res, () => {});
}

/** Waits for the core's answer and writes it; a failure goes to Express's next(err). */
export function serve(
  pending: Exchange | Promise<Exchange>,
  req: Request,
  res: Response,
  next: NextFunction,
): void {
  if (!(pending instanceof Promise)) {
    // Decided synchronously: written at once, without a microtask hop.
    try {
      write(pending, req, res);
    } catch (error) {
      next(error);
    }
    return;
  }
  pending.then((exchange) => write(exchange, req, res)).catch(next);
}
