import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { AdapterUnderTest, RunningServer } from '@statuskit/conformance';
import type { Statuskit } from '@statuskit/core';
import Koa from 'koa';
import { statuskit } from './index.js';

/** A fresh bare Koa app serving `kit` on 127.0.0.1, port 0, as the conformance suite runs it. */
export const adapter: AdapterUnderTest = {
  name: 'koa',
  async start(kit: Statuskit, options = {}): Promise<RunningServer> {
    const app = new Koa();
    app.use(statuskit.errors(kit));
    if (options.bodyParser === true) {
      // Loaded only when asked for: @koa/bodyparser is not a dependency of @statuskit/koa.
      const { bodyParser } = await import('@koa/bodyparser');
      app.use(bodyParser());
    }
    app.use(statuskit(kit));
    const server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const close = (): Promise<void> => {
      server.closeAllConnections(); // keep-alive sockets would hold close() open
      return new Promise((resolve) => server.close(() => resolve()));
    };
    return { url: `http://127.0.0.1:${port}`, close };
  },
};
