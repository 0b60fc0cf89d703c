// A failure raised before statuskit ran (a body parser, an authentication
// middleware, a framework hook) is answered by the core, the same on every
// framework. The adapter reads its framework's error shape into hints; this
// ladder decides, first match wins:
//   1. an HttpException                        -> as if a handler had thrown it
//   2. a content-coded body, after a parser    -> 415, where the handler would run
//   3. a body the parser refused:
//        text it could not parse               -> 400 where the handler would run
//                                                 (malformed JSON: the core's 422 json_invalid)
//        too large                             -> 413 where the core would read it
//        anything else with a 4xx              -> that 4xx where the handler would run
//   4. any other integer 4xx on the error       -> that status, at once, with the
//                                                 error's own `headers` (http-errors')
//   5. anything else                           -> the core's 500, reported to onError
// "Where the handler would run": the core routes and validates the request
// first, so 404, 405, redirects, 413, 415 and 422 stay its own, and the
// handler never runs (the middleware between the refusal and statuskit did
// not run either).
import { parseJson, type RequestBody } from './body.js';
import { parserTextBytes } from './exchange/intake.js';
import { isHttpException } from './http-exception.js';
import { utf8 } from './json.js';
import { hasContentCoding, type NeutralRequest } from './request.js';

/** What an adapter knows about a failure raised before statuskit ran. */
export interface UpstreamHints {
  /**
   * A body parser may run before statuskit in this app (express.json(),
   * @koa/bodyparser): a failure on a content-coded body is then taken for the
   * parser's, which cannot decode it. Default false.
   */
  readonly afterBodyParser?: boolean;
  /**
   * The failure is a body parser refusing this request's body. The request's
   * body is what the parser left: `{ kind: 'text' }` for text it could not
   * parse, `{ kind: 'refused', reason: 'too-large' }`, the unread stream, or
   * none. Default false.
   */
  readonly bodyRefused?: boolean;
  /**
   * False when the framework, not the core, matched the route (route-by-route
   * `handler()` mounting): a refused body is then answered as a route that
   * requires a JSON body would answer it, without the core's routing. Default true.
   */
  readonly routed?: boolean;
}

/** The core's decision for an upstream failure; the kit carries it out. */
export type UpstreamAnswer =
  /** As a handler's throw: an HttpException as it is, anything else a 500. */
  | { readonly kind: 'thrown' }
  /** That status at once, before any routing. */
  | { readonly kind: 'status'; readonly status: number }
  /** Routed and validated with `body`; `status` where the handler would run. */
  | { readonly kind: 'refusal'; readonly status: number; readonly body: RequestBody };

/** The integer 4xx an error carries (http-errors' `status`, Fastify's `statusCode`), if any. */
export function clientErrorStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as { readonly status?: unknown; readonly statusCode?: unknown };
  const status = e.status ?? e.statusCode;
  return typeof status === 'number' && Number.isInteger(status) && status >= 400 && status < 500
    ? status
    : undefined;
}

const NO_BYTES: RequestBody = { kind: 'bytes', bytes: new Uint8Array(0) };

/** Decides the answer to a failure raised before statuskit ran (the ladder above). */
export function upstreamAnswer(
  error: unknown,
  request: NeutralRequest,
  hints: UpstreamHints,
  maxJsonDepth: number,
): UpstreamAnswer {
  if (isHttpException(error)) return { kind: 'thrown' };
  if (hints.afterBodyParser === true && hasContentCoding(request.headers)) {
    return { kind: 'refusal', status: 415, body: NO_BYTES };
  }
  const status = clientErrorStatus(error);
  if (hints.bodyRefused === true) {
    const body = request.body;
    if (body.kind === 'refused') return { kind: 'refusal', status: 413, body };
    if (body.kind === 'text') {
      // Without the core's routing only malformed JSON is worth reading again (its 422);
      // JSON the parser refused by its own rules (strict mode's scalars) is the parser's 400.
      const bytes = parserTextBytes(body.text, utf8(body.text), request);
      const malformed = !parseJson(bytes, maxJsonDepth).ok;
      if (hints.routed !== false || malformed) return { kind: 'refusal', status: 400, body };
    } else if (status !== undefined && hints.routed !== false) {
      return { kind: 'refusal', status, body };
    }
  }
  return status === undefined ? { kind: 'thrown' } : { kind: 'status', status };
}

// Framing and type are the core's to decide, whatever an error asks for.
const FRAMING = new Set(['content-length', 'content-type', 'transfer-encoding', 'connection']);

/**
 * The headers an http-errors-style error asks to be sent with it
 * (`err.headers`, e.g. `www-authenticate` on an auth middleware's 401), minus
 * framing; undefined when it carries none worth sending.
 */
export function upstreamHeaders(error: unknown): Record<string, string> | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const given = (error as { readonly headers?: unknown }).headers;
  if (typeof given !== 'object' || given === null || Array.isArray(given)) return undefined;
  let out: Record<string, string> | undefined;
  for (const [name, value] of Object.entries(given)) {
    if (typeof value !== 'string' || FRAMING.has(name.toLowerCase())) continue;
    (out ??= {})[name] = value;
  }
  return out;
}
