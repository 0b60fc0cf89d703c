import type { Statuskit } from '@statuskit/core';

/** A server the suite can talk to; `close()` frees its port and sockets. */
export interface RunningServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly url: string;
  close(): Promise<void>;
}

/** How the suite asks an adapter to start. */
export interface StartOptions {
  /**
   * Install the framework's usual JSON body parser in front of statuskit
   * (express.json(), @koa/bodyparser; Fastify always has one), as an app that
   * adopts statuskit late would have. The answers must not change.
   */
  readonly bodyParser?: boolean;
}

/**
 * Where statuskit is mounted in the host app, relative to the app's own
 * routes (and, on Fastify, its `setNotFoundHandler` and `setErrorHandler`):
 * `kit-first` before them, `app-first` after them.
 */
export type HostOrder = 'kit-first' | 'app-first';

/** How the coexistence suite asks for a host app. */
export interface HostOptions {
  /** Default `kit-first`. */
  readonly order?: HostOrder;
}

/** What an adapter exposes to the conformance suite (`@statuskit/<fw>/testing`). */
export interface AdapterUnderTest {
  /** `express`, `koa`, `fastify`, or your adapter's name. */
  readonly name: string;
  /**
   * Mounts the kit on a fresh framework app, statuskit-only (the core answers
   * every request, its JSON 404 included), and listens on 127.0.0.1, port 0.
   */
  start(kit: Statuskit, options?: StartOptions): Promise<RunningServer>;
  /**
   * Starts the realistic host app of the coexistence suite (HOST_APP in
   * `@statuskit/conformance`: its own routes, middleware, 404 and error
   * handler) with the kit mounted at the root in its default mode, or with no
   * statuskit at all when `kit` is undefined. Optional: an adapter without it
   * skips the coexistence suite.
   */
  startHost?(kit: Statuskit | undefined, options?: HostOptions): Promise<RunningServer>;
}
