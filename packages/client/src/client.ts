// The client: one `request(key, init)` whose key is a route's id
// (`'GET /items/{id}'`), plus one shortcut per method (`get('/items/{id}')`).
// Its types come from `typeof routes`; at run time it knows nothing of the
// routes: it fills the template, sends, and reads what comes back.
import type { AnswerOf, ErrorFormat } from './answers.js';
import type { RouteLike } from './contract.js';
import { ClientError } from './errors.js';
import type { AsRoute, OperationAnswer, OperationLike } from './operations.js';
import { type OperationOptions, pollOperation, type RawAnswer } from './poll.js';
import { type FetchResponseLike, readBody } from './read.js';
import {
  type AnyInit,
  type CallArgs,
  type CallInit,
  type SignalLike,
  wireRequest,
} from './request.js';

/** What fetch is called with. */
export interface FetchInit {
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
  readonly redirect: 'manual' | 'follow' | 'error';
  readonly signal?: SignalLike;
}

/** A fetch function of yours (a test double, an instrumented one). */
export type FetchLike = (url: string, init: FetchInit) => Promise<FetchResponseLike>;

/** The global `fetch`'s type where there is one (read from the global scope: no DOM types needed). */
export type GlobalFetch = typeof globalThis extends { fetch: infer F } ? F : never;

/** Options of {@link createClient}. */
export interface ClientOptions {
  /** The fetch to call; default: the global `fetch`. */
  readonly fetch?: FetchLike | GlobalFetch;
  /** Headers sent with every call (a call's own headers win). */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * Redirects: `'manual'` (default) answers with the 3xx itself, so its status
   * is the route's; `'follow'` answers with wherever it leads, which another
   * route declares. (Browsers hide a manual redirect: status 0, the honest arm.)
   */
  readonly redirect?: 'manual' | 'follow' | 'error';
}

/**
 * Any list of routes: `typeof routes` for an array or tuple of `defineRoute()`
 * results, and of operations (`defineOperation()`, `ops.define()`).
 */
export type Routes = readonly (RouteLike | OperationLike)[];

/** The key of each route (`'GET /items/{id}'`), and `'HEAD ...'` for each GET route. */
export type RouteKey<Rs extends Routes> =
  AsRoute<Rs[number]> extends infer R
    ? R extends RouteLike
      ? `${R['method']} ${R['path']}` | (R['method'] extends 'GET' ? `HEAD ${R['path']}` : never)
      : never
    : never;

/** The route a key names (an operation's start for an operation). */
export type RouteAt<Rs extends Routes, K extends string> =
  AsRoute<Rs[number]> extends infer R
    ? R extends RouteLike
      ? K extends `${R['method']} ${R['path']}`
        ? R
        : K extends `HEAD ${R['path']}`
          ? R['method'] extends 'GET'
            ? R
            : never
          : never
      : never
    : never;

/** The paths of the routes of a method (GET paths also for HEAD). */
export type PathOf<Rs extends Routes, M extends string> =
  RouteKey<Rs> extends infer K ? (K extends `${M} ${infer P}` ? P : never) : never;

type IsHead<K extends string> = K extends `HEAD ${string}` ? true : false;

/** What a call of key `K` resolves to: its answer, discriminated by status. */
export type ResponseFor<Rs extends Routes, K extends string, F extends ErrorFormat> = AnswerOf<
  RouteAt<Rs, K>,
  F,
  IsHead<K>
>;

/** The key of each operation among the routes (`'POST /reports'`). */
export type OperationKey<Rs extends Routes> = Rs[number] extends infer O
  ? O extends OperationLike
    ? `${O['route']['method']} ${O['route']['path']}`
    : never
  : never;

/** The operation a key names. */
export type OperationAt<Rs extends Routes, K extends string> = Rs[number] extends infer O
  ? O extends OperationLike
    ? K extends `${O['route']['method']} ${O['route']['path']}`
      ? O
      : never
    : never
  : never;

/** What polling the operation of key `K` resolves to: its final answer, discriminated by status. */
export type OperationResponseFor<
  Rs extends Routes,
  K extends string,
  F extends ErrorFormat,
> = OperationAnswer<OperationAt<Rs, K>, F>;

/** The arguments of `operation()` after the key: the start's init, then the poll's options. */
export type OperationArgs<R extends RouteLike> =
  Record<never, never> extends CallInit<R>
    ? [init?: CallInit<R>, options?: OperationOptions]
    : [init: CallInit<R>, options?: OperationOptions];

type Shortcut<Rs extends Routes, F extends ErrorFormat, M extends string> = <
  P extends PathOf<Rs, M>,
>(
  path: P,
  ...init: CallArgs<RouteAt<Rs, `${M} ${P}`>>
) => Promise<ResponseFor<Rs, `${M} ${P}`, F>>;

/** A typed client of the routes `Rs`; `F` is the app's error format. */
export interface Client<Rs extends Routes, F extends ErrorFormat = 'detail'> {
  /**
   * Calls the route whose id is `key` (`'GET /items/{id}'`). Resolves with every
   * answer, whatever its status; rejects only when no answer came (network,
   * abort) or a JSON body does not parse.
   */
  request<K extends RouteKey<Rs>>(
    key: K,
    ...init: CallArgs<RouteAt<Rs, K>>
  ): Promise<ResponseFor<Rs, K, F>>;
  /** `request('GET ' + path, init)`. */
  readonly get: Shortcut<Rs, F, 'GET'>;
  /** `request('HEAD ' + path, init)`: every answer's body is undefined. */
  readonly head: Shortcut<Rs, F, 'HEAD'>;
  /** `request('POST ' + path, init)`. */
  readonly post: Shortcut<Rs, F, 'POST'>;
  /** `request('PUT ' + path, init)`. */
  readonly put: Shortcut<Rs, F, 'PUT'>;
  /** `request('PATCH ' + path, init)`. */
  readonly patch: Shortcut<Rs, F, 'PATCH'>;
  /** `request('DELETE ' + path, init)`. */
  readonly delete: Shortcut<Rs, F, 'DELETE'>;
  /**
   * Starts the operation `key` (`'POST /reports'`) and polls its result until
   * it ended. Resolves with the start's answer when it is not a 202 (a 422),
   * else with the final response: its status, its `responses`, 404, 409
   * (canceled), 500, 503, or the honest arm. Rejects on `timeout` or `signal`.
   */
  operation<K extends OperationKey<Rs>>(
    key: K,
    ...args: OperationArgs<RouteAt<Rs, K>>
  ): Promise<OperationResponseFor<Rs, K, F>>;
}

function globalFetch(): FetchLike {
  const found = (globalThis as unknown as { fetch?: FetchLike }).fetch;
  if (typeof found !== 'function') {
    throw new ClientError(
      'STATUSKIT_CLIENT_NO_FETCH',
      'no global fetch here; pass one: createClient(url, { fetch }).',
    );
  }
  return found;
}

/**
 * A typed client of an app's routes, from their types alone: no code
 * generation, and nothing of the server is loaded at run time.
 *
 * @example
 * import type { routes } from './server/routes.js';
 * const api = createClient<typeof routes>('http://127.0.0.1:3000');
 * const r = await api.request('GET /items/{id}', { params: { id: 1 } });
 * if (r.status === 200) console.log(r.body.name);
 */
export function createClient<Rs extends Routes, F extends ErrorFormat = 'detail'>(
  baseUrl: string,
  options: ClientOptions = {},
): Client<Rs, F> {
  const defaults = options.headers ?? {};
  const redirect = options.redirect ?? 'manual';
  const send = async (
    url: string,
    init: Omit<FetchInit, 'redirect'>,
    label: string,
  ): Promise<RawAnswer> => {
    const fetcher = (options.fetch as FetchLike | undefined) ?? globalFetch();
    const response = await fetcher(url, { ...init, redirect });
    const body = await readBody(response, init.method === 'HEAD', label);
    return { status: response.status, headers: response.headers, body };
  };
  const sendCall = async (key: string, init: AnyInit): Promise<[string, RawAnswer]> => {
    const wire = wireRequest(baseUrl, key, init, defaults);
    const fetchInit = {
      method: wire.method,
      headers: wire.headers,
      ...(wire.body === undefined ? {} : { body: wire.body }),
      ...(init.signal === undefined ? {} : { signal: init.signal }),
    };
    return [wire.url, await send(wire.url, fetchInit, key)];
  };
  const call = async (key: string, init: AnyInit = {}): Promise<unknown> =>
    (await sendCall(key, init))[1];
  const operation = (key: string, init: AnyInit = {}, poll?: OperationOptions) =>
    pollOperation(
      {
        start: (extra, signal) =>
          sendCall(key, { ...init, headers: { ...init.headers, ...extra }, signal }),
        get: (url, signal) => {
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(defaults)) headers[name.toLowerCase()] = value;
          return send(url, { method: 'GET', headers, signal }, `GET ${url}`);
        },
      },
      key,
      poll,
    );
  const shortcut =
    (method: string) =>
    (path: string, init?: AnyInit): Promise<unknown> =>
      call(`${method} ${path}`, init);
  // The run time is untyped (it serves any routes); the interface above types every call.
  return {
    request: (key: string, init?: AnyInit) => call(key, init),
    get: shortcut('GET'),
    head: shortcut('HEAD'),
    post: shortcut('POST'),
    put: shortcut('PUT'),
    patch: shortcut('PATCH'),
    delete: shortcut('DELETE'),
    operation,
  } as unknown as Client<Rs, F>;
}
