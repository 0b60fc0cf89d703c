import type { AdapterUnderTest, RunningServer, StartOptions } from '@statuskit/conformance';
import type { Statuskit } from '@statuskit/core';
import { listenOnLoopback } from '@statuskit/node/testing';
import express from 'express';
import { statuskit } from './index.js';

/** Starts a bare Express app serving `kit` on 127.0.0.1, port 0. */
export function start(kit: Statuskit, options: StartOptions = {}): Promise<RunningServer> {
  const app = express();
  // express.json() refuses bodies over 100 kB by default; an app sets its limit to the kit's.
  if (options.bodyParser === true) app.use(express.json({ limit: kit.options.bodyLimit }));
  app.use(statuskit(kit));
  return listenOnLoopback(app);
}

/** The Express adapter as the conformance suite drives it. */
export const adapter: AdapterUnderTest = { name: 'express', start };
