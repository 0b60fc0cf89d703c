import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Statuskit } from '@statuskit/core';
import { toNodeListener } from './index.js';

export {
  HOST,
  HOST_ROUTES,
  type HostError,
  hostAuthError,
  hostError,
  hostErrorAnswer,
  hostHeaders,
  hostNotFound,
  isPreflight,
} from './host.js';

/** A server listening on the loopback; `close()` frees its port and sockets. */
export interface LoopbackServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Serves a request handler on 127.0.0.1, port 0, for tests: an Express app,
 * Koa's `app.callback()`, a listener from {@link toNodeListener}. A rejected
 * promise from the handler cuts the connection, or answers a bare 500 when
 * nothing was sent yet. `close()` ends keep-alive sockets first.
 */
export async function listenOnLoopback(
  handler: (req: IncomingMessage, res: ServerResponse) => unknown,
): Promise<LoopbackServer> {
  const server = createServer((req, res) => {
    new Promise((resolve) => resolve(handler(req, res))).catch(() => {
      if (res.headersSent) res.destroy();
      else res.writeHead(500, { 'content-length': '0' }).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The plain listener as the conformance suite drives an adapter (its
 * `AdapterUnderTest`): `statuskit-conformance --adapter @statuskit/node/testing`.
 * There is no framework body parser to install, so every mode serves the same.
 */
export const adapter: {
  readonly name: string;
  start(kit: Statuskit, options?: { readonly bodyParser?: boolean }): Promise<LoopbackServer>;
} = {
  name: 'node',
  start: (kit) => listenOnLoopback(toNodeListener(kit)),
};
