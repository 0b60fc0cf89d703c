import type { AdapterUnderTest, RunningServer } from '@statuskit/conformance';
import type { Statuskit } from '@statuskit/core';
import { listenOnLoopback } from '@statuskit/node/testing';
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
    return listenOnLoopback(app.callback());
  },
};
