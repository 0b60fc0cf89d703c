import { createServer, type Server } from 'node:http';
import type { Statuskit } from '@statuskit/core';
import { statuskit as expressStatuskit } from '@statuskit/express';
import {
  clientErrorHandler,
  statuskit as fastifyStatuskit,
  frameworkErrors,
} from '@statuskit/fastify';
import { statuskit as koaStatuskit } from '@statuskit/koa';
import express from 'express';
import Fastify from 'fastify';
import Koa from 'koa';

/** The frameworks the example runs on. */
export const FRAMEWORKS = ['express', 'koa', 'fastify'] as const;

/** One of {@link FRAMEWORKS}. */
export type Framework = (typeof FRAMEWORKS)[number];

/** A listening example server. */
export interface ExampleServer {
  readonly port: number;
  /** Stops accepting, lets requests in flight finish (for at most 5 s), then resolves. */
  close(): Promise<void>;
}

const GRACE_MS = 5000;

/** Serves the kit on the chosen framework, mounted the way that framework's users mount statuskit. */
export async function serve(
  framework: Framework,
  kit: Statuskit,
  port: number,
  host: string,
): Promise<ExampleServer> {
  switch (framework) {
    case 'express': {
      const app = express();
      // A statuskit-only app: the core also answers what no route serves (its JSON 404).
      app.use(expressStatuskit(kit, { notFound: true }));
      return listen(createServer(app), port, host);
    }
    case 'koa': {
      const app = new Koa();
      app.use(koaStatuskit.errors(kit)); // first: failures of the middleware after it
      app.use(koaStatuskit(kit, { notFound: true })); // last: the core answers every request
      return listen(createServer(app.callback()), port, host);
    }
    case 'fastify': {
      // frameworkErrors: Fastify answers malformed URLs before any plugin runs; this hands them
      // to the core. clientErrorHandler: requests Node's parser refuses get Node's bare answer.
      const app = Fastify({ frameworkErrors: frameworkErrors(kit), clientErrorHandler });
      await app.register(fastifyStatuskit, { kit, notFound: true });
      await app.listen({ port, host });
      return { port: portOf(app.server, port), close: () => bounded(app.server, app.close()) };
    }
  }
}

function portOf(server: Server, fallback: number): number {
  const address = server.address();
  return typeof address === 'object' && address !== null ? address.port : fallback;
}

function listen(server: Server, port: number, host: string): Promise<ExampleServer> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const close = (): Promise<void> =>
        bounded(server, new Promise<void>((done) => server.close(() => done())));
      resolve({ port: portOf(server, port), close });
    });
  });
}

// Requests in flight finish; a keep-alive connection is closed as soon as its
// response went out (close() alone would wait for the client to hang up), and
// whatever is still open after the grace period is cut.
function bounded(server: Server, closed: Promise<unknown>): Promise<void> {
  server.closeIdleConnections();
  const sweep = setInterval(() => server.closeIdleConnections(), 50);
  const force = setTimeout(() => server.closeAllConnections(), GRACE_MS);
  return closed.then(() => {
    clearInterval(sweep);
    clearTimeout(force);
  });
}
