import type { AddressInfo } from 'node:net';
import type { AdapterUnderTest } from '@statuskit/conformance';
import Fastify from 'fastify';
import { clientErrorHandler, frameworkErrors, statuskit } from './index.js';

/** The Fastify adapter as the conformance suite drives it: a fresh app per start(). */
export const adapter: AdapterUnderTest = {
  name: 'fastify',
  async start(kit, options) {
    // forceCloseConnections: close() must not wait for keep-alive sockets.
    const app = Fastify({
      frameworkErrors: frameworkErrors(kit),
      clientErrorHandler,
      forceCloseConnections: true,
    });
    // Fastify always ships its JSON parser; "without a body parser" is an app with none at all.
    if (options?.bodyParser !== true) app.removeAllContentTypeParsers();
    await app.register(statuskit, { kit });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}`, close: () => app.close() };
  },
};
