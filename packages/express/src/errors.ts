import {
  BodyReadError,
  type Exchange,
  isHttpException,
  type NeutralRequest,
  type RequestBody,
  Router,
  type Statuskit,
  splitUrl,
} from '@statuskit/core';
import type { ErrorRequestHandler, Request, Response } from 'express';
import { bytesOf, toNeutral } from './request.js';
import { serve } from './response.js';
import { checkExpressVersion, installedExpressVersion } from './version.js';

interface ExpressError {
  readonly type?: unknown;
  readonly body?: unknown;
  readonly status?: unknown;
  readonly statusCode?: unknown;
}

// A body that fails the way an oversized stream does, so the core decides as
// it would have without the parser: 404/405 first, 413 only if the route reads it.
function tooLarge(): AsyncIterable<Uint8Array> {
  return {
    [Symbol.asyncIterator]: () => ({
      next: () =>
        Promise.reject(new BodyReadError('too-large', `the app's body parser refused the body.`)),
    }),
  };
}

function clientError(e: ExpressError): number | undefined {
  const status = e.status ?? e.statusCode;
  return typeof status === 'number' && Number.isInteger(status) && status >= 400 && status < 500
    ? status
    : undefined;
}

/** The core's answer to an error raised by Express middleware that ran before statuskit. */
export function answerError(
  kit: Statuskit,
  error: unknown,
  req: Request,
  res: Response,
): Promise<Exchange> {
  const e: ExpressError = typeof error === 'object' && error !== null ? error : {};
  // A content-coded body the parser could not decode: the core answers it as it does
  // without a parser (it decodes no content coding: 415), after its 404/405.
  const coding = req.headers['content-encoding'];
  if (
    coding !== undefined &&
    coding.trim().toLowerCase() !== 'identity' &&
    !isHttpException(error)
  ) {
    return kit.refuse(415, toNeutral(req, res, { kind: 'bytes', bytes: new Uint8Array(0) }));
  }
  // express.json() keeps the text it could not parse: the core parses it again and
  // answers 422 json_invalid with the same loc as without the parser. Text that is valid
  // JSON but refused by the parser's own rules (strict mode's scalars) is the parser's 400
  // where the handler would run.
  if (e.type === 'entity.parse.failed' && typeof e.body === 'string') {
    return kit.refuse(400, toNeutral(req, res, { kind: 'bytes', bytes: bytesOf(req, e.body) }));
  }
  if (e.type === 'entity.too.large') {
    return kit.refuse(413, toNeutral(req, res, { kind: 'stream', stream: tooLarge() }));
  }
  // A charset the parser does not decode (latin1): refused before it read a byte, so the
  // core may still read the body itself (it reads UTF-8) for the route's own checks.
  if (e.type === 'charset.unsupported') {
    const unread = !req.readableDidRead && !req.readableEnded;
    const body: RequestBody = unread ? { kind: 'stream', stream: req } : { kind: 'none' };
    return kit.refuse(415, toNeutral(req, res, body));
  }
  const neutral: NeutralRequest = toNeutral(req, res, { kind: 'none' });
  // 4xx http-errors (400 request.aborted, an app's 403, ...) keep their status, as
  // Express's finalhandler would; the body is the core's.
  const status = isHttpException(error) ? undefined : clientError(e);
  if (status !== undefined) return kit.reject(status, neutral);
  // An HttpException keeps its status, detail and headers; anything else is the core's
  // 500, reported to onError.
  return kit.fail(error, neutral);
}

/** The error middleware of `statuskit(kit)`: every request that reaches it is the kit's. */
export function kitErrors(
  kit: Statuskit,
  owns: (req: Request) => boolean = () => true,
): ErrorRequestHandler {
  return (error, req, res, next) => {
    // Too late to answer (Express's finalhandler closes the connection), or not ours to answer.
    if (res.headersSent || !owns(req)) return next(error);
    serve(kit, answerError(kit, error, req, res), req, res, next);
  };
}

/**
 * For apps that adopt statuskit route by route with `handler()`: answers
 * failures of middleware mounted before the routes (express.json()'s
 * malformed or oversized bodies) the statuskit way, for requests whose path
 * and method one of the kit's routes serves; other errors go on to `next`.
 *
 * @example app.use(errorHandler(kit));
 */
export function errorHandler(kit: Statuskit): ErrorRequestHandler {
  checkExpressVersion(installedExpressVersion());
  const router = new Router(kit.routes);
  return kitErrors(
    kit,
    (req) => router.match(req.method, splitUrl(req.url).path, '', false).kind === 'route',
  );
}
