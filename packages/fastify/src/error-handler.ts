import { isHttpException, type Statuskit } from '@statuskit/core';
import type { FastifyError, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { NO_BODY, toNeutral } from './request.js';
import { send, serve } from './response.js';

type ErrorHandler = (error: FastifyError, req: FastifyRequest, reply: FastifyReply) => unknown;

// Fastify refuses these before any parser reads the body, so on statuskit's
// own requests the core can still answer them as every other adapter does.
const BEFORE_BODY = new Set([
  'FST_ERR_CTP_INVALID_MEDIA_TYPE',
  'FST_ERR_ROUTE_MISSING_CONTENT_TYPE',
]);

/**
 * The app-wide error handler. Fastify's setErrorHandler sets no status and
 * no body of its own, so the core answers every error: an HttpException as
 * from a handler, Fastify's 4xx (its JSON parser, 413, 415) with that
 * status, anything else as the core's 500, reported to onError.
 */
export function errorHandler(kit: Statuskit, ours: (req: FastifyRequest) => boolean): ErrorHandler {
  return (error, req, reply) => {
    if (ours(req) && BEFORE_BODY.has(error.code))
      return serve(reply, kit.dispatch(toNeutral(req, reply)));
    if (isHttpException(error))
      return serve(reply, kit.fail(error, toNeutral(req, reply, NO_BODY)));
    const status = error.statusCode ?? 0;
    if (Number.isInteger(status) && status >= 400 && status < 500) {
      return serve(reply, kit.reject(status, toNeutral(req, reply, NO_BODY)));
    }
    return serve(reply, kit.fail(error, toNeutral(req, reply, NO_BODY)));
  };
}

/**
 * The `frameworkErrors` option of `Fastify({...})`: a malformed URL (bad
 * percent-encoding, a target without "/") or an over-long route parameter
 * is answered by the core, as on every other framework, instead of by
 * Fastify's router. Only the constructor accepts it; a plugin cannot.
 *
 * @example const app = Fastify({ frameworkErrors: frameworkErrors(kit) });
 */
export function frameworkErrors(
  kit: Statuskit,
): NonNullable<FastifyServerOptions['frameworkErrors']> {
  return (error, req, reply) => {
    const pending =
      error.code === 'FST_ERR_ASYNC_CONSTRAINT'
        ? kit.fail(error, toNeutral(req, reply, NO_BODY))
        : kit.dispatch(toNeutral(req, reply));
    // A malformed URL is decided at once: written at once too, as the other adapters do, so
    // Node's own 400 for bytes its parser refuses right after the request cannot overtake it.
    if (!(pending instanceof Promise)) return void send(reply, pending);
    pending
      .then((exchange) => void send(reply, exchange))
      .catch((failure: Error) => (reply as FastifyReply).send(failure));
  };
}
