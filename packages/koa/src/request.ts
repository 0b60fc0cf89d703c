import {
  carriesBody,
  isJsonContentType,
  type NeutralRequest,
  type RequestBody,
  type ResolvedOptions,
} from '@statuskit/core/adapter';
import type { Context } from 'koa';

/** What a Koa body parser leaves on `ctx.request` (@koa/bodyparser sets both). */
type ParsedRequest = { readonly body?: unknown; readonly rawBody?: unknown };

/** The body as Koa's middleware left it; never `ctx.body`, the response (graphql/graphql-http#132). */
export function bodyOf(ctx: Context, options: ResolvedOptions): RequestBody {
  const { body, rawBody } = ctx.request as ParsedRequest;
  // @koa/bodyparser sets request.body = {} also when it left the stream alone: trust rawBody.
  if (typeof rawBody === 'string') {
    // The core judges the text itself: an empty body (the parser made it {}: the core must
    // see "no body"), one over the kit's limit (the parser's own is 1mb by default), forms,
    // text, the parser's extra JSON types (415 on a JSON route), JSON long enough to nest
    // past maxJsonDepth (the parsed value lost the offsets) and U+FFFD (invalid UTF-8).
    const json = isJsonContentType(ctx.get('content-type'));
    if (
      rawBody === '' ||
      !json ||
      rawBody.length > 2 * options.maxJsonDepth ||
      rawBody.includes('\uFFFD') ||
      Buffer.byteLength(rawBody) > options.bodyLimit
    ) {
      return { kind: 'text', text: rawBody };
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
