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
import type { Framework } from './args.js';

/** A listening example server. */
export interface ExampleServer {
  readonly port: number;
  /** Stops accepting, lets requests in flight finish (bounded), then resolves. */
  close(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : port);
    });
  });
}

function closeNodeServer(server: Server, graceMs: number): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  return bounded(server, closed, graceMs);
}

// Requests in flight finish; a keep-alive connection is closed as soon as its
// response went out (close() alone would wait for the client to hang up), and
// whatever is still open after the grace period is cut.
function bounded(server: Server, closed: Promise<unknown>, graceMs: number): Promise<void> {
  server.closeIdleConnections();
  const sweep = setInterval(() => server.closeIdleConnections(), 50);
  const force = setTimeout(() => server.closeAllConnections(), graceMs);
  return closed.then(() => {
    clearInterval(sweep);
    clearTimeout(force);
  });
}

/** Serves the kit on the chosen framework, the way that framework's users mount statuskit. */
export async function serve(
  framework: Framework,
  kit: Statuskit,
  port: number,
  host: string,
): Promise<ExampleServer> {
  switch (framework) {
    case 'express': {
      const app = express();
      app.use(expressStatuskit(kit));
      return nodeServer(createServer(app), port, host);
    }
    case 'koa': {
      const app = new Koa();
      app.use(koaStatuskit(kit));
      return nodeServer(createServer(app.callback()), port, host);
    }
    case 'fastify': {
      // frameworkErrors: Fastify answers malformed URLs before any plugin runs; this hands them to the core.
      const app = Fastify({ frameworkErrors: frameworkErrors(kit), clientErrorHandler });
      await app.register(fastifyStatuskit, { kit });
      await app.listen({ port, host });
      const address = app.server.address();
      return {
        port: typeof address === 'object' && address !== null ? address.port : port,
        close: () => {
          const closing = app.close();
          return bounded(app.server, closing, 5000);
        },
      };
    }
  }
}

async function nodeServer(server: Server, port: number, host: string): Promise<ExampleServer> {
  const bound = await listen(server, port, host);
  return { port: bound, close: () => closeNodeServer(server, 5000) };
}
