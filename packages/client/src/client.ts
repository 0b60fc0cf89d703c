// The client: one `request(key, init)` whose key is a route's id
// (`'GET /items/{id}'`), plus one shortcut per method (`get('/items/{id}')`).
// Its types come from `typeof routes`; at run time it knows nothing of the
// routes: it fills the template, sends, and reads what comes back.
import type { AnswerOf, ErrorFormat } from './answers.js';
import type { RouteLike } from './contract.js';
import { ClientError } from './errors.js';
import { type FetchResponseLike, readBody } from './read.js';
import { type AnyInit, type CallArgs, type SignalLike, wireRequest } from './request.js';

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

/** Any list of routes: `typeof routes` for an array or tuple of `defineRoute()` results. */
export type Routes = readonly RouteLike[];

/** The key of each route (`'GET /items/{id}'`), and `'HEAD ...'` for each GET route. */
export type RouteKey<Rs extends Routes> = Rs[number] extends infer R
  ? R extends RouteLike
    ? `${R['method']} ${R['path']}` | (R['method'] extends 'GET' ? `HEAD ${R['path']}` : never)
    : never
  : never;

/** The route a key names. */
export type RouteAt<Rs extends Routes, K extends string> = Rs[number] extends infer R
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
  const call = async (key: string, init: AnyInit = {}): Promise<unknown> => {
    const wire = wireRequest(baseUrl, key, init, defaults);
    const fetchInit: FetchInit = {
      method: wire.method,
      headers: wire.headers,
      redirect,
      ...(wire.body === undefined ? {} : { body: wire.body }),
      ...(init.signal === undefined ? {} : { signal: init.signal }),
    };
    const fetcher = (options.fetch as FetchLike | undefined) ?? globalFetch();
    const response = await fetcher(wire.url, fetchInit);
    const body = await readBody(response, wire.method === 'HEAD', key);
    return { status: response.status, headers: response.headers, body };
  };
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
  } as unknown as Client<Rs, F>;
}
