import type { NativeObjects } from '@statuskit/core';
import {
  carriesBody,
  isJsonContentType,
  type NeutralRequest,
  type RequestBody,
} from '@statuskit/core/adapter';
import type {
  FastifyContentTypeParser,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
} from 'fastify';
import type { Mount } from './response.js';

/** A body the core must not read: the framework already failed on it. */
export const NO_BODY: RequestBody = { kind: 'none' };

// The payload stream each pass-through parse saw (it differs from request.raw
// when a preParsing hook decompressed or otherwise wrapped the body).
const payloads = new WeakMap<FastifyRequest, AsyncIterable<Uint8Array>>();

/**
 * Replaces the content-type parsers of `scope` (an encapsulated Fastify
 * context) with one that hands every body, of any or no content-type, to the
 * core unread: the core then answers 413, 415 and 422 itself, and Fastify's
 * bodyLimit never answers first, since only parseAs parsers check it.
 */
export function installRawParser(scope: FastifyInstance): void {
  scope.removeAllContentTypeParsers();
  // JSON by name as well as '*': Fastify caches the parser it finds for a named type, while
  // a type only the catch-all takes is parsed again on every request.
  scope.addContentTypeParser('application/json', passThrough);
  scope.addContentTypeParser('*', passThrough);
}

// Only a wrapped stream is remembered: a WeakMap entry per request is GC work.
const passThrough: FastifyContentTypeParser = (request, payload, done) => {
  if (payload !== request.raw) payloads.set(request, payload);
  done(null, undefined);
};

function bodyOf(request: FastifyRequest): RequestBody {
  // No body (a GET, a DELETE): nothing to remember or wrap.
  if (request.body === undefined && !carriesBody(request.headers)) return NO_BODY;
  const stream = payloads.get(request);
  if (stream !== undefined) return { kind: 'stream', stream };
  const value: unknown = request.body;
  if (value === undefined) return { kind: 'stream', stream: request.raw };
  // The app's own parser ran (a handler() route outside statuskit's scope).
  if (!isJsonContentType(request.headers['content-type'])) {
    if (typeof value === 'string') return { kind: 'bytes', bytes: Buffer.from(value) };
    if (value instanceof Uint8Array) return { kind: 'bytes', bytes: value };
  }
  return { kind: 'parsed', value };
}

// The target relative to the plugin's prefix, as the core routes it (Express's req.url is too).
function relative(url: string, prefix: string): string {
  if (prefix === '' || !url.startsWith(prefix)) return url;
  const rest = url.slice(prefix.length);
  return rest.startsWith('/') ? rest : `/${rest}`;
}

// The neutral request of one Fastify request; `native` is made only when a handler reads it.
class FastifyNeutral implements NeutralRequest {
  constructor(
    readonly method: string,
    readonly url: string,
    readonly headers: NeutralRequest['headers'],
    readonly body: RequestBody,
    private readonly request: FastifyRequest,
    private readonly reply: FastifyReply,
  ) {}

  private objects: NativeObjects | undefined;

  get native(): NativeObjects {
    return (this.objects ??= { framework: 'fastify', req: this.request, res: this.reply });
  }
}

/**
 * Fastify request -> the core's neutral request: raw method, raw URL (relative
 * to the plugin's prefix on its own routes), Node's headers.
 */
export function toNeutral(
  request: FastifyRequest,
  reply: FastifyReply,
  body: RequestBody = bodyOf(request),
  mount?: Mount,
): NeutralRequest {
  const raw = request.raw;
  const url = raw.url ?? '/';
  return new FastifyNeutral(
    raw.method ?? 'GET',
    mount === undefined ? url : relative(url, mount.prefix),
    raw.headers,
    body,
    request,
    reply,
  );
}
