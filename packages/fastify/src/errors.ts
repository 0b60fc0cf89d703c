import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { Statuskit } from '@statuskit/core';
import { isStatuskit, mountError } from '@statuskit/core/adapter';
import type { FastifyError, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { NO_BODY, toNeutral } from './request.js';
import { type Mount, send, serve } from './response.js';

// Node's own answers to a request its parser refuses (lib/_http_server.js), which Express
// and Koa send untouched; built the same way, so the reason phrases follow Node's.
const reply = (status: number): string =>
  `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\n\r\n`;
const REPLIES: ReadonlyMap<string | undefined, string> = new Map([
  ['HPE_HEADER_OVERFLOW', reply(431)],
  ['HPE_CHUNK_EXTENSIONS_OVERFLOW', reply(413)],
  ['ERR_HTTP_REQUEST_TIMEOUT', reply(408)],
]);
const BAD_REQUEST = reply(400);

/** The response Node keeps on a socket while it is in flight (`_httpMessage`, not in its types). */
type HttpSocket = Socket & { readonly _httpMessage?: { readonly _headerSent?: boolean } | null };

/**
 * The `clientErrorHandler` option of `Fastify({...})`: a request Node's parser
 * refuses (a header name with a space, a 20 KB header) never reaches any
 * framework, so every adapter should answer it as Node does; Fastify would
 * answer with its own JSON body instead.
 *
 * @example const app = Fastify({ clientErrorHandler, frameworkErrors: frameworkErrors(kit) });
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  // Node's socketOnError, step for step: no second answer on a socket whose response already
  // started (garbage after a request Node answered 417 itself), then the socket goes.
  const inFlight = (socket as HttpSocket)._httpMessage;
  if (socket.writable && !inFlight?._headerSent) {
    socket.write(REPLIES.get(error.code) ?? BAD_REQUEST);
  }
  socket.destroy(error);
}

let warned = false;

type ErrorHandler = (error: FastifyError, req: FastifyRequest, reply: FastifyReply) => unknown;

// Fastify refuses these before any parser reads the body, so the core can
// still answer them as every other adapter does.
const BEFORE_BODY = new Set([
  'FST_ERR_CTP_INVALID_MEDIA_TYPE',
  'FST_ERR_ROUTE_MISSING_CONTENT_TYPE',
]);

/**
 * The error handler of the plugin's context: errors on the kit's routes
 * (raised by the app's hooks in front of them, or by Fastify before the
 * core ran) and, with `notFound`, on unknown paths. Fastify's setErrorHandler
 * sets no status and no body of its own, so the core answers every error
 * (kit.answerUpstream): an HttpException as from a handler, Fastify's 4xx
 * (415, a hook's http-error with its headers) with that status, anything
 * else as the core's 500, reported to onError.
 */
export function errorHandler(kit: Statuskit, mount: Mount): ErrorHandler {
  return (error, req, reply) => {
    if (BEFORE_BODY.has(error.code)) {
      return serve(reply, kit.dispatch(toNeutral(req, reply, undefined, mount)), mount);
    }
    // No body parser can have failed on statuskit's own bodies (they go to the core unread).
    return serve(reply, kit.answerUpstream(error, toNeutral(req, reply, NO_BODY, mount)), mount);
  };
}

/**
 * The `frameworkErrors` option of `Fastify({...})`: a malformed URL (bad
 * percent-encoding, a target without "/") or an over-long route parameter
 * is answered by the core, as on every other framework, instead of by
 * Fastify's router. Only the constructor accepts it; a plugin cannot.
 *
 * @example const app = Fastify({ frameworkErrors: frameworkErrors(kit) });
 */
export function frameworkErrors(
  kit: Statuskit,
): NonNullable<FastifyServerOptions['frameworkErrors']>;
export function frameworkErrors(
  kit: unknown,
  _req?: unknown,
  reply?: unknown,
): NonNullable<FastifyServerOptions['frameworkErrors']> {
  if (!isStatuskit(kit)) {
    const error = mountError(kit, 'Fastify({ frameworkErrors: frameworkErrors(kit) })');
    // `Fastify({ frameworkErrors })`: called with (error, req, reply) on a malformed URL; a
    // throw there would escape Fastify's router. A bare 500 and the fix on the console.
    if (typeof (reply as FastifyReply | undefined)?.send !== 'function') throw error;
    if (!warned) console.error(error.message);
    warned = true;
    (reply as FastifyReply).code(500).send();
    return undefined as never;
  }
  return (error, req, reply) => {
    const pending =
      error.code === 'FST_ERR_ASYNC_CONSTRAINT'
        ? kit.answerUpstream(error, toNeutral(req, reply, NO_BODY))
        : kit.dispatch(toNeutral(req, reply));
    // A malformed URL is decided at once: written at once too, as the other adapters do, so
    // Node's own 400 for bytes its parser refuses right after the request cannot overtake it.
    if (!(pending instanceof Promise)) return void send(reply, pending);
    pending
      .then((exchange) => void send(reply, exchange))
      .catch((failure: Error) => (reply as FastifyReply).send(failure));
  };
}
