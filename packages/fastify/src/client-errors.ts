import type { Socket } from 'node:net';

// Node's own answers to a request its HTTP parser refuses (lib/_http_server.js,
// socketOnError), which Express and Koa send untouched.
const HEADER_OVERFLOW = 'HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\n\r\n';
const BAD_REQUEST = 'HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n';

/**
 * The `clientErrorHandler` option of `Fastify({...})`: a request Node's parser
 * refuses (a header name with a space, a 20 KB header) never reaches any
 * framework, so every adapter should answer it as Node does; Fastify would
 * answer with its own JSON body instead.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (socket.writable) {
    socket.end(error.code === 'HPE_HEADER_OVERFLOW' ? HEADER_OVERFLOW : BAD_REQUEST);
  }
  socket.destroy();
}
