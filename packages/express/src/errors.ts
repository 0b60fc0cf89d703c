import type { Statuskit } from '@statuskit/core';
import type { Exchange, RequestBody } from '@statuskit/core/adapter';
import type { ErrorRequestHandler, Request, Response } from 'express';
import { toNeutral } from './request.js';
import { serve } from './response.js';

/** The fields of a body-parser error (express.json() and friends) that say what became of the body. */
interface BodyParserError {
  readonly type?: unknown;
  readonly body?: unknown;
}

// What body-parser left of the body, by its error type; undefined: not a refusal of the body.
function refusedBody(e: BodyParserError, req: Request): RequestBody | undefined {
  // express.json() keeps the text it could not parse: the core parses it again.
  if (e.type === 'entity.parse.failed' && typeof e.body === 'string') {
    return { kind: 'text', text: e.body };
  }
  if (e.type === 'entity.too.large') return { kind: 'refused', reason: 'too-large' };
  // A charset the parser does not decode (latin1): refused before it read a byte, so the
  // core may still read the body itself (it reads UTF-8) for the route's own checks.
  if (e.type === 'charset.unsupported') {
    const unread = !req.readableDidRead && !req.readableEnded;
    return unread ? { kind: 'stream', stream: req } : { kind: 'none' };
  }
  return undefined;
}

/** The core's answer to an error raised by Express middleware that ran before statuskit. */
export function answerError(
  kit: Statuskit,
  error: unknown,
  req: Request,
  res: Response,
): Exchange | Promise<Exchange> {
  const e: BodyParserError = typeof error === 'object' && error !== null ? error : {};
  const body = refusedBody(e, req);
  const request = toNeutral(req, res, body ?? { kind: 'none' });
  return kit.answerUpstream(error, request, {
    afterBodyParser: true,
    bodyRefused: body !== undefined,
  });
}

/**
 * The error middleware of `statuskit(kit)`: answers the errors of the kit's
 * requests (`owns`; every request when undefined), hands the others on.
 */
export function kitErrors(
  kit: Statuskit,
  owns: ((req: Request) => boolean) | undefined,
): ErrorRequestHandler {
  return (error, req, res, next) => {
    // Too late to answer (Express's finalhandler closes the connection), or not ours to answer.
    if (res.headersSent || (owns !== undefined && !owns(req))) return next(error);
    serve(answerError(kit, error, req, res), req, res, next);
  };
}
