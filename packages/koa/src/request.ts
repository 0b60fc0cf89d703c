import {
  BodyReadError,
  carriesBody,
  isJsonContentType,
  type NeutralRequest,
  type RequestBody,
  type ResolvedOptions,
} from '@statuskit/core';
import type { Context } from 'koa';

/** What a Koa body parser leaves on `ctx.request` (@koa/bodyparser sets both). */
type ParsedRequest = { readonly body?: unknown; readonly rawBody?: unknown };

/** A body that fails like an oversized stream: the core answers 404/405 first, 413 if it reads it. */
export function tooLarge(): RequestBody {
  const fail = (): Promise<never> =>
    Promise.reject(new BodyReadError('too-large', `the app's body parser refused the body.`));
  return { kind: 'stream', stream: { [Symbol.asyncIterator]: () => ({ next: fail }) } };
}

// Parsers decode invalid UTF-8 as U+FFFD; a text whose length no longer matches the declared one
// was altered, and the core answers any invalid UTF-8 alike (json_invalid at offset 0).
const INVALID_UTF8 = Uint8Array.of(0xff);

/** The bytes behind a parser's text, as far as the core's answer can tell. */
export function bytesOf(ctx: Context, text: string): Uint8Array {
  const bytes = Buffer.from(text);
  const declared = ctx.get('content-length');
  const altered = declared !== '' && !ctx.get('content-encoding') && bytes.length !== +declared;
  const json = isJsonContentType(ctx.get('content-type'));
  return json && altered && text.includes('\uFFFD') ? INVALID_UTF8 : bytes;
}

/** The body as Koa's middleware left it; never `ctx.body`, the response (graphql/graphql-http#132). */
export function bodyOf(ctx: Context, options: ResolvedOptions): RequestBody {
  const { body, rawBody } = ctx.request as ParsedRequest;
  // @koa/bodyparser sets request.body = {} also when it left the stream alone: trust rawBody.
  if (typeof rawBody === 'string') {
    // The parser turns an empty body into {}: the core must see "no body" (422 missing).
    if (rawBody === '') return { kind: 'bytes', bytes: new Uint8Array(0) };
    // The parser has its own limit (1mb by default); the kit's may be lower.
    if (Buffer.byteLength(rawBody) > options.bodyLimit) return tooLarge();
    // Forms, text, the parser's extra JSON types (415 on a JSON route), JSON long enough to
    // nest past maxJsonDepth (.notes/core-requests.md) and U+FFFD: the core judges the bytes.
    const json = isJsonContentType(ctx.get('content-type'));
    if (!json || rawBody.length > 2 * options.maxJsonDepth || rawBody.includes('\uFFFD')) {
      return { kind: 'bytes', bytes: bytesOf(ctx, rawBody) };
    }
    return { kind: 'parsed', value: body };
  }
  // Another parser (koa-body, ...) that consumed the stream without keeping the text.
  if (body !== undefined && ctx.req.readableEnded && carriesBody(ctx.req.headers)) {
    return { kind: 'parsed', value: body };
  }
  return { kind: 'stream', stream: ctx.req };
}

/** Koa context -> the core's NeutralRequest; `url` is Koa's, relative to any koa-mount prefix. */
export function toNeutral(ctx: Context, body: RequestBody): NeutralRequest {
  return {
    method: ctx.method,
    url: ctx.url,
    headers: ctx.req.headers,
    body,
    native: { framework: 'koa', req: ctx.req, res: ctx.res },
  };
}
