import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Statuskit } from '@statuskit/core';
import type { Exchange } from '@statuskit/core/adapter';
import { toNeutral } from './request.js';
import { writeExchange } from './response.js';

export { toNeutral } from './request.js';
export { type WriteOptions, writeExchange } from './response.js';
export { installedVersion } from './version.js';

/** A `node:http` request listener, what `createServer()` takes. */
export type NodeListener = (req: IncomingMessage, res: ServerResponse) => void;

function write(exchange: Exchange, res: ServerResponse): void {
  try {
    writeExchange(exchange, res);
  } catch {
    // Only a misuse of the exchange gets here; the client must not wait for nothing.
    res.destroy();
  }
}

/**
 * Serves a statuskit app on bare `node:http`, no framework at all: the core
 * routes (404, 405 + allow, HEAD, trailing-slash 307), reads and validates
 * the body, runs the handler and decides the answer; this writes it.
 *
 * @example
 * import { createServer } from 'node:http';
 * createServer(toNodeListener(createStatuskit(routes))).listen(3000);
 */
export function toNodeListener(kit: Statuskit): NodeListener {
  return (req, res) => {
    const request = toNeutral(req, res);
    let pending: Exchange | Promise<Exchange>;
    try {
      pending = kit.dispatch(request);
    } catch (error) {
      // A refused transition (a bug, never a client's doing): the core's 500.
      pending = kit.answerUpstream(error, request);
    }
    // Decided synchronously: written within the 'request' event, before Node parses
    // whatever follows the request on the connection.
    if (!(pending instanceof Promise)) return write(pending, res);
    pending
      .catch((error: unknown) => kit.answerUpstream(error, request))
      .then(
        (exchange) => write(exchange, res),
        () => res.destroy(),
      );
  };
}
