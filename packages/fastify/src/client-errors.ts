import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';

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
