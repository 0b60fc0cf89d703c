import { Readable } from 'node:stream';
import type { Exchange, HeaderList, Resolved } from '@statuskit/core/adapter';
import type { FastifyReply } from 'fastify';

type Header = HeaderList[number];

// A string goes out as is: Fastify's own serializer would re-encode it, and
// its JSON branch would append "; charset=utf-8" to the core's content-type.
const asIs = (payload: unknown): string => payload as string;

/** Where the plugin serves the kit: set for its own routes, not for `handler()` routes. */
export interface Mount {
  /** The plugin's prefix, put in front of the core's own slash redirect. */
  readonly prefix: string;
}

// The core's headers into the reply, one reply.header() call per name (a repeated name,
// set-cookie above all, as one array of its values); true when the core set a
// content-type. No record is built: this runs for every answer.
function putHeaders(reply: FastifyReply, out: Resolved, mount: Mount | undefined): boolean {
  const list = out.headers;
  const n = list.length;
  let type = false;
  for (let i = 0; i < n; i++) {
    const name = list[i]![0];
    let first = true;
    for (let j = 0; j < i; j++) {
      if (list[j]![0] === name) {
        first = false;
        break;
      }
    }
    if (!first) continue;
    const value = headerValueOf(list[i]!, out, mount);
    let values: string[] | undefined;
    for (let j = i + 1; j < n; j++) {
      if (list[j]![0] === name) (values ??= [value]).push(headerValueOf(list[j]!, out, mount));
    }
    reply.header(name, values ?? value);
    if (name === 'content-type') type = true;
  }
  return type;
}

// The core's own slash redirect is relative to where the plugin is mounted.
function headerValueOf(pair: Header, out: Resolved, mount: Mount | undefined): string {
  return out.mountRelative === true && pair[0] === 'location'
    ? (mount?.prefix ?? '') + pair[1]
    : pair[1];
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
  // Framing and type are the core's alone, whatever a hook set before.
  if (reply.hasHeader('content-type')) reply.removeHeader('content-type');
  if (reply.hasHeader('content-length')) reply.removeHeader('content-length');
  if (reply.hasHeader('transfer-encoding')) reply.removeHeader('transfer-encoding');
  const type = putHeaders(reply, out, mount);
  reply.code(out.status);

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
    reply.send(type ? buffer : Readable.from([buffer]));
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
