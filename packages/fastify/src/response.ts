import { Readable } from 'node:stream';
import type { Exchange } from '@statuskit/core/adapter';
import type { FastifyReply } from 'fastify';

// A string goes out as is: Fastify's own serializer would re-encode it, and
// its JSON branch would append "; charset=utf-8" to the core's content-type.
const asIs = (payload: unknown): string => payload as string;

/** Where the plugin serves the kit: set for its own routes, not for `handler()` routes. */
export interface Mount {
  /** The plugin's prefix, put in front of the core's own slash redirect. */
  readonly prefix: string;
}

/**
 * Writes the core's decision through `reply` (never `reply.raw`, so the app's
 * onSend hooks, CORS and cookies still apply) and runs the background tasks
 * once the response has been sent or the client has gone.
 */
export function send(reply: FastifyReply, exchange: Exchange, mount?: Mount): FastifyReply {
  const out = exchange.commit();
  const res = reply.raw;
  // Background tasks run once the response is out or the client has gone, never before.
  exchange.finishAfter(res);

  const headers: Record<string, string | string[]> = {};
  for (const [name, given] of out.headers) {
    // The core's own slash redirect is relative to where the plugin is mounted.
    const value = out.mountRelative && name === 'location' ? (mount?.prefix ?? '') + given : given;
    const prev = headers[name];
    headers[name] = prev === undefined ? value : [...(Array.isArray(prev) ? prev : [prev]), value];
  }
  // Framing and type are the core's alone, whatever a hook set before.
  if (reply.hasHeader('content-type')) reply.removeHeader('content-type');
  if (reply.hasHeader('content-length')) reply.removeHeader('content-length');
  if (reply.hasHeader('transfer-encoding')) reply.removeHeader('transfer-encoding');
  reply.code(out.status).headers(headers);

  const body = out.body;
  if (body === null) {
    // A HEAD answer keeps the core's headers as they are on the plugin's own routes and
    // on unrouted requests. On Fastify's exposed HEAD routes (handler()) an empty send()
    // becomes content-length: 0, so there an empty stream says nothing instead.
    const exposedHead =
      reply.request.method === 'HEAD' && mount === undefined && !reply.request.is404;
    reply.send(exposedHead ? Readable.from([]) : undefined);
  } else if (typeof body === 'string') {
    // A string body leaves with the head in one write; the core set its content-type.
    reply.serializer(asIs).send(body);
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

/**
 * Writes the exchange once the core has decided it: at once when the core
 * decided synchronously, else when its promise settles. Nothing is returned
 * for Fastify to send again (a returned reply makes it wait on the reply's
 * own finish, a cost on every request).
 */
export function serve(
  reply: FastifyReply,
  pending: Exchange | Promise<Exchange>,
  mount?: Mount,
): Promise<void> | undefined {
  if (!(pending instanceof Promise)) {
    send(reply, pending, mount);
    return undefined;
  }
  return pending.then((exchange) => {
    send(reply, exchange, mount);
  });
}
