import { Readable } from 'node:stream';
import type { Exchange } from '@statuskit/core';
import type { FastifyReply } from 'fastify';

const ignore = (): void => {};

/**
 * Writes the core's decision through `reply` (never `reply.raw`, so the app's
 * onSend hooks, CORS and cookies still apply) and runs the background tasks
 * once the response has been sent or the client has gone.
 */
export function send(reply: FastifyReply, exchange: Exchange): FastifyReply {
  const out = exchange.commit();
  const res = reply.raw;
  // finish() reports task failures to onBackgroundError itself.
  const finish = (): void => void exchange.finish().catch(ignore);
  if (res.closed) setImmediate(finish);
  else res.once('close', finish);

  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of out.headers) {
    const prev = headers[name];
    headers[name] = prev === undefined ? value : [...(Array.isArray(prev) ? prev : [prev]), value];
  }
  // Framing and type are the core's alone, whatever a hook set before.
  reply.removeHeader('content-type');
  reply.removeHeader('content-length');
  reply.removeHeader('transfer-encoding');
  reply.code(out.status).headers(headers);

  const body = out.body;
  if (body === null) {
    // Fastify's exposed HEAD routes turn an empty send() into content-length: 0;
    // an empty stream keeps the length the core computed for GET.
    reply.send(reply.request.method === 'HEAD' ? Readable.from([]) : undefined);
  } else if (typeof body === 'string') {
    // As a string Fastify would append "; charset=utf-8" to the core's content-type.
    reply.send(Buffer.from(body, 'utf8'));
  } else if (body instanceof Uint8Array) {
    const buffer = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    // Fastify labels a bare Buffer application/octet-stream; a stream it leaves alone.
    reply.send('content-type' in headers ? buffer : Readable.from([buffer]));
  } else {
    const stream = Readable.from(body);
    // A body that fails mid-way must cut the connection; a cleanly ended chunked
    // response would look complete to the client.
    stream.once('error', (error) => res.destroy(error));
    reply.send(stream);
  }
  return reply;
}

/** Writes the exchange once the core has decided it; the promise settles when the reply ends. */
export function serve(reply: FastifyReply, pending: Promise<Exchange>): Promise<FastifyReply> {
  return pending.then((exchange) => send(reply, exchange));
}
