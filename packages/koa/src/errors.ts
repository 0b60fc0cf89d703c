import type { Statuskit } from '@statuskit/core';
import { type Exchange, isJsonContentType, type RequestBody } from '@statuskit/core/adapter';
import type { Context } from 'koa';
import { toNeutral } from './request.js';

/** The fields of an http-errors error (what Koa, co-body and raw-body throw). */
type HttpError = Partial<Record<'body' | 'status' | 'statusCode', unknown>>;

// What the body parser left of the body, by its error; undefined: not a refusal of the body.
function refusedBody(e: HttpError, ctx: Context): RequestBody | undefined {
  const status = e.status ?? e.statusCode;
  // @koa/bodyparser (co-body) keeps the text it could not parse on `err.body`.
  if (status === 400 && typeof e.body === 'string' && isJsonContentType(ctx.get('content-type'))) {
    return { kind: 'text', text: e.body };
  }
  if (status === 413) return { kind: 'refused', reason: 'too-large' };
  return undefined;
}

/**
 * The core's answer to an error thrown by Koa middleware (body parser, app)
 * before statuskit. `routed`: statuskit(kit) is mounted, so the core routes.
 */
export function answerError(
  kit: Statuskit,
  ctx: Context,
  error: unknown,
  routed: boolean,
): Exchange | Promise<Exchange> {
  const e: HttpError = typeof error === 'object' && error !== null ? error : {};
  const body = refusedBody(e, ctx);
  return kit.answerUpstream(error, toNeutral(ctx, body ?? { kind: 'none' }), {
    afterBodyParser: true,
    bodyRefused: body !== undefined,
    routed,
  });
}
