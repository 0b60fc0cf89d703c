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

/** What an adapter exposes to the conformance suite (`@statuskit/<fw>/testing`). */
export interface AdapterUnderTest {
  /** `express`, `koa`, `fastify`, or your adapter's name. */
  readonly name: string;
  /** Mounts the kit on a fresh framework app and listens on 127.0.0.1, port 0. */
  start(kit: Statuskit, options?: StartOptions): Promise<RunningServer>;
}
