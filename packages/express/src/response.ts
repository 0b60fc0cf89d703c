import type { Exchange } from '@statuskit/core/adapter';
import { writeExchange } from '@statuskit/node';
import type { NextFunction, Request, Response } from 'express';

/**
 * Writes the core's decision with Node's own API (@statuskit/node's
 * writeExchange). `res.send`/`res.json` would add an ETag, turn a 200 into a
 * 304 for a fresh conditional GET and adjust content-type; the core has
 * already decided all of that. The core's slash redirect gets the mount path.
 */
export function write(exchange: Exchange, req: Request, res: Response): void {
  writeExchange(exchange, res, { mountPrefix: req.baseUrl });
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
