import { type IncomingMessage, ServerResponse } from 'node:http';
import type { Statuskit } from '@statuskit/core';
import { type Exchange, isStatuskit, mountError } from '@statuskit/core/adapter';
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

/** Options of {@link toNodeListener}. */
export interface NodeListenerOptions {
  /**
   * The app's own listener, for statuskit inside an existing node:http app:
   * every request the kit does not own (no route of the kit serves its path)
   * goes to it untouched. Without it the core answers every request, its
   * JSON 404 included.
   */
  readonly fallback?: NodeListener;
}

const USAGE = 'createServer(toNodeListener(kit))';
let warned = false;

// `createServer(toNodeListener)`: Node calls this with (req, res) on every request, which
// would hang. Answered with a bare 500 (the core never sends an error's text) and the fix
// on the console, once.
function misuse(value: unknown, res: unknown): NodeListener {
  const error = mountError(value, USAGE);
  if (!(res instanceof ServerResponse)) throw error;
  if (!warned) console.error(error.message);
  warned = true;
  if (!res.headersSent) res.writeHead(500, { 'content-length': '0' }).end();
  return () => undefined;
}

/**
 * Serves a statuskit app on bare `node:http`, no framework at all: the core
 * routes (404, 405 + allow, HEAD, trailing-slash 307), reads and validates
 * the body, runs the handler and decides the answer; this writes it. With
 * `fallback`, the kit lives inside an existing app: what it does not own
 * goes to the app's listener.
 *
 * @example
 * import { createServer } from 'node:http';
 * createServer(toNodeListener(createStatuskit(routes))).listen(3000);
 * createServer(toNodeListener(kit, { fallback: existingApp })).listen(3000);
 */
export function toNodeListener(kit: Statuskit, options?: NodeListenerOptions): NodeListener;
export function toNodeListener(kit: unknown, options?: unknown): NodeListener {
  if (!isStatuskit(kit)) return misuse(kit, options);
  const fallback = (options as NodeListenerOptions | undefined)?.fallback;
  return (req, res) => {
    const request = toNeutral(req, res);
    let pending: Exchange | Promise<Exchange> | undefined;
    try {
      pending = fallback === undefined ? kit.dispatch(request) : kit.claim(request);
    } catch (error) {
      // A refused transition (a bug, never a client's doing): the core's 500.
      pending = kit.answerUpstream(error, request);
    }
    if (pending === undefined) return fallback!(req, res);
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
