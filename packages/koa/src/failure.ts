import {
  defineRoute,
  type Exchange,
  HttpException,
  isHttpException,
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

// For kits the core does not route (handler() in @koa/router, which never ran): reads the body,
// required whatever the method, for the core's 422 json_invalid or 413; the handler never runs.
const ANY: Schema = {
  '~standard': { version: 1, vendor: 'statuskit', validate: (value) => ({ value }) },
};
const PARSE_ONLY = defineRoute({ method: 'POST', path: '/', request: { body: ANY } }, () => {
  throw new HttpException(400);
});

// Kits the core routes: its answer up to the handler, which never runs from here (the
// middleware between the parser and statuskit did not either); `status` where it would.
function answerBody(
  kit: Statuskit,
  request: NeutralRequest,
  routed: boolean,
  status: number,
): Promise<Exchange> {
  return routed ? kit.refuse(status, request) : kit.handleRoute(PARSE_ONLY, {}, request);
}

function statusOf(e: HttpError): number | undefined {
  const s = e.status ?? e.statusCode;
  return typeof s === 'number' && Number.isInteger(s) && s >= 400 && s <= 599 ? s : undefined;
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
  // A content-coded body the parser could not decode (a zlib error carries no status):
  // the core answers it as without a parser (it decodes no content coding: 415).
  const coding = ctx.get('content-encoding');
  if (coding !== '' && coding.trim().toLowerCase() !== 'identity' && !isHttpException(error)) {
    const empty = toNeutral(ctx, { kind: 'bytes', bytes: new Uint8Array(0) });
    return answerBody(kit, empty, routed, 415);
  }
  // @koa/bodyparser (co-body) keeps the text it could not parse on `err.body`. Malformed for
  // the core too: its 422 json_invalid, as without a parser. JSON the parser refused by its
  // own rules (strict mode's top-level scalars, __proto__ keys): the core's validation, and
  // the parser's 400 where the handler would run.
  if (status === 400 && typeof e.body === 'string' && isJsonContentType(ctx.get('content-type'))) {
    const bytes = bytesOf(ctx, e.body);
    const malformed = !parseJson(bytes, kit.options.maxJsonDepth).ok;
    // Without the core's routing (handler() in @koa/router) only a malformed body is read again.
    if (routed || malformed) {
      return answerBody(kit, toNeutral(ctx, { kind: 'bytes', bytes }), routed, 400);
    }
  }
  if (status === 413) return answerBody(kit, toNeutral(ctx, tooLarge()), routed, 413);
  const neutral = toNeutral(ctx, { kind: 'none' });
  // An HttpException thrown by middleware (an auth check) answers as a handler's would.
  if (isHttpException(error)) return kit.fail(error, neutral);
  // 4xx http-errors (415, 400 request.aborted, ctx.throw(403)) keep their status; body: the core's.
  if (status !== undefined && status < 500) return kit.reject(status, neutral);
  // Anything else is an unknown failure: the core's 500, reported to onError, leaking nothing.
  return kit.fail(error, neutral);
}
