import {
  defineRoute,
  type Exchange,
  HttpException,
  isJsonContentType,
  type NeutralRequest,
  parseJson,
  type Schema,
  type Statuskit,
} from '@statuskit/core';
import type { Context } from 'koa';
import { bytesOf, toNeutral, tooLarge } from './request.js';

/** The fields of an http-errors error (what Koa, co-body and raw-body throw). */
type HttpError = Partial<Record<'body' | 'status' | 'statusCode', unknown>>;

// Reads the body and nothing else, for kits the core does not route (handler() inside
// @koa/router, which never ran): the core's 422 json_invalid or 413 for any path. The
// body is required, so it is read whatever the method; the handler is never reached.
const ANY: Schema = {
  '~standard': { version: 1, vendor: 'statuskit', validate: (value) => ({ value }) },
};
const PARSE_ONLY = defineRoute({ method: 'POST', path: '/', request: { body: ANY } }, () => {
  throw new HttpException(400);
});

function answerBody(kit: Statuskit, request: NeutralRequest, routed: boolean): Promise<Exchange> {
  return routed ? kit.handle(request) : kit.handleRoute(PARSE_ONLY, {}, request);
}

function statusOf(e: HttpError): number | undefined {
  const status = e.status ?? e.statusCode;
  return typeof status === 'number' && Number.isInteger(status) && status >= 400 && status <= 599
    ? status
    : undefined;
}

/** The core's answer to an error thrown by Koa middleware (body parser, app) before statuskit. */
export function answerError(
  kit: Statuskit,
  ctx: Context,
  error: unknown,
  routed: boolean,
): Promise<Exchange> {
  const e: HttpError = typeof error === 'object' && error !== null ? error : {};
  const status = statusOf(e);
  // @koa/bodyparser (co-body) keeps the text it could not parse on `err.body`.
  if (status === 400 && typeof e.body === 'string') {
    const bytes = bytesOf(ctx, e.body);
    // Malformed for the core too: its 422 json_invalid, as without a parser; no handler runs.
    // JSON the parser refused by its own rules (strict mode's top-level scalars, __proto__
    // keys) is a 400: the middleware between parser and statuskit (auth, ...) never ran.
    const json = isJsonContentType(ctx.get('content-type'));
    if (json && !parseJson(bytes, kit.options.maxJsonDepth).ok) {
      return answerBody(kit, toNeutral(ctx, { kind: 'bytes', bytes }), routed);
    }
  }
  if (status === 413) return answerBody(kit, toNeutral(ctx, tooLarge()), routed);
  const neutral = toNeutral(ctx, { kind: 'none' });
  // 4xx http-errors (415 charset.unsupported, 400 request.aborted, an app's ctx.throw(403))
  // keep their status, as Koa would; the body is the core's, never err.message.
  if (status !== undefined && status < 500) return kit.reject(status, neutral);
  // Anything else is reported like a handler's error: the core's 500 (or ctx.throw(503)'s 503).
  const { method, url } = ctx;
  try {
    kit.options.hooks.onError(error, { route: `${method} ${ctx.path}`, method, url });
  } catch {
    /* a throwing log hook must not change the answer */
  }
  return kit.reject(status ?? 500, neutral);
}
