import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Statuskit } from '@statuskit/core';
import { Router, splitUrl } from '@statuskit/core/adapter';
import { writeExchange } from '@statuskit/node';
import { listenOnLoopback } from '@statuskit/node/testing';
import type { AdapterUnderTest, StartOptions } from '../src/adapter.js';
import { exchangeFor } from '../src/reference-adapter.js';

// The reference adapter with one bug each: the suite must catch every one.

/** Deliberate bugs, one per broken adapter. */
interface Faults {
  /** Rewrites the headers the core decided. */
  readonly headers?: (
    headers: Array<readonly [string, string]>,
    method: string,
  ) => Array<readonly [string, string]>;
  /** Runs background tasks before writing the response. */
  readonly tasksFirst?: boolean;
  /** Never runs background tasks. */
  readonly noFinish?: boolean;
  /** Answers unknown routes itself, as a framework's default 404 would. */
  readonly nativeNotFound?: boolean;
  /** The body parser's own limit, as express.json()'s 100 kB default. */
  readonly parserLimit?: number;
  /** Never answers. */
  readonly hang?: boolean;
}

function isUnknownRoute(kit: Statuskit, req: IncomingMessage): boolean {
  const { path, query } = splitUrl(req.url ?? '/');
  return new Router(kit.routes).match(req.method ?? 'GET', path, query, true).kind === 'not-found';
}

async function respond(
  kit: Statuskit,
  req: IncomingMessage,
  res: ServerResponse,
  options: StartOptions,
  faults: Faults,
): Promise<void> {
  if (faults.hang) return;
  if (faults.nativeNotFound && isUnknownRoute(kit, req)) {
    res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`Cannot ${req.method} ${splitUrl(req.url ?? '/').path}`);
    return;
  }
  const limit = faults.parserLimit === undefined ? {} : { parserLimit: faults.parserLimit };
  const exchange = await exchangeFor(kit, req, res, { ...options, ...limit });
  if (exchange === undefined) return;
  const out = exchange.commit();
  // A response that has closed already: the tasks run at once, and this waits for them.
  if (faults.tasksFirst) await exchange.finishAfter({ closed: true, once: () => undefined });
  else if (!faults.noFinish) void exchange.finishAfter(res);
  const headers = faults.headers?.([...out.headers], req.method ?? 'GET') ?? out.headers;
  // The decision, headers rewritten, through the one writer (tasks are handled above).
  const rewritten = { route: exchange.route, commit: () => ({ ...out, headers }) };
  writeExchange({ ...rewritten, finishAfter: async () => {} }, res);
}

function broken(name: string, faults: Faults): AdapterUnderTest {
  return {
    name,
    start: (kit, options = {}) =>
      listenOnLoopback((req, res) => respond(kit, req, res, options, faults)),
  };
}

/** Adds `; charset=utf-8` to JSON, as some frameworks do by default. */
export const charset: AdapterUnderTest = broken('charset', {
  headers: (headers) =>
    headers.map(([n, v]) =>
      n === 'content-type' && v === 'application/json' ? [n, `${v}; charset=utf-8`] : [n, v],
    ),
});

/** Drops content-length on HEAD answers. */
export const headWithoutLength: AdapterUnderTest = broken('head-without-length', {
  headers: (headers, method) =>
    method === 'HEAD' ? headers.filter(([n]) => n !== 'content-length') : headers,
});

/** Runs background tasks before it writes the response. */
export const tasksFirst: AdapterUnderTest = broken('tasks-first', { tasksFirst: true });

/** Never runs background tasks. */
export const noFinish: AdapterUnderTest = broken('no-finish', { noFinish: true });

/** Lets "the framework" answer unknown routes with its own HTML 404. */
export const nativeNotFound: AdapterUnderTest = broken('native-404', { nativeNotFound: true });

/** Its body parser stops at 100 KiB, like express.json() by default. */
export const smallParser: AdapterUnderTest = broken('small-parser', { parserLimit: 100 * 1024 });

/** Never answers. */
export const hang: AdapterUnderTest = broken('hang', { hang: true });
