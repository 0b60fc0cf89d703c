import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  BodyReadError,
  carriesBody,
  headerValue,
  isJsonContentType,
  type NeutralRequest,
  parseJson,
  type RequestBody,
  Router,
  readBody,
  type Statuskit,
  splitUrl,
} from '@statuskit/core';
import type { AdapterUnderTest, RunningServer, StartOptions } from '../src/adapter.js';

/** Deliberate bugs, so the self-test can prove the suite catches them (test/broken-adapters.ts). */
export interface Faults {
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

// A reference adapter on bare node:http: what every framework adapter does,
// without a framework. The suite's self-test runs against it.

function neutral(req: IncomingMessage, res: ServerResponse, body: RequestBody): NeutralRequest {
  return {
    method: req.method ?? 'GET',
    url: req.url ?? '/',
    headers: req.headers,
    body,
    native: { framework: 'node:http', req, res },
  };
}

// What a framework's JSON body parser does before statuskit sees the request:
// read the bytes (up to the app's limit) and hand over the parsed value. A body
// it cannot parse goes over as bytes, so the core reports it exactly as it
// would have without the parser.
async function parsedBody(
  kit: Statuskit,
  req: IncomingMessage,
  limit: number,
): Promise<RequestBody | 'too-large' | 'aborted'> {
  if (!carriesBody(req.headers) || !isJsonContentType(headerValue(req.headers, 'content-type'))) {
    return { kind: 'stream', stream: req };
  }
  // This parser decodes no content coding: such a body goes to the core as it came.
  const coding = headerValue(req.headers, 'content-encoding');
  if (coding !== undefined && coding.trim().toLowerCase() !== 'identity') {
    return { kind: 'stream', stream: req };
  }
  let bytes: Uint8Array;
  try {
    bytes = await readBody(req, limit);
  } catch (error) {
    return error instanceof BodyReadError && error.reason === 'too-large' ? 'too-large' : 'aborted';
  }
  if (bytes.byteLength === 0) return { kind: 'none' };
  const parsed = parseJson(bytes, kit.options.maxJsonDepth);
  return parsed.ok ? { kind: 'parsed', value: parsed.value } : { kind: 'bytes', bytes };
}

async function respond(
  kit: Statuskit,
  req: IncomingMessage,
  res: ServerResponse,
  options: StartOptions,
  faults: Faults,
): Promise<void> {
  if (faults.hang) return;
  if (faults.nativeNotFound) {
    const { path, query } = splitUrl(req.url ?? '/');
    if (new Router(kit.routes).match(req.method ?? 'GET', path, query, true).kind === 'not-found') {
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`Cannot ${req.method} ${path}`);
      return;
    }
  }
  let body: RequestBody | 'too-large' | 'aborted' = { kind: 'stream', stream: req };
  if (options.bodyParser)
    body = await parsedBody(kit, req, faults.parserLimit ?? kit.options.bodyLimit);
  if (body === 'aborted') {
    res.destroy();
    return;
  }
  const exchange =
    body === 'too-large'
      ? await kit.reject(413, neutral(req, res, { kind: 'none' }))
      : await kit.handle(neutral(req, res, body));
  const out = exchange.commit();
  if (faults.tasksFirst) await exchange.finish();
  // 'close' also fires when the client went away: background tasks run either way.
  else if (!faults.noFinish) res.once('close', () => void exchange.finish());
  res.statusCode = out.status;
  const headers = faults.headers
    ? faults.headers([...out.headers], req.method ?? 'GET')
    : out.headers;
  for (const [name, value] of headers) res.appendHeader(name, value);
  if (out.body === null) res.end();
  else if (typeof out.body === 'string' || out.body instanceof Uint8Array) res.end(out.body);
  else await pipeline(Readable.from(out.body), res);
}

/** Serves a kit on 127.0.0.1 with an ephemeral port. */
export async function serve(
  kit: Statuskit,
  options: StartOptions = {},
  faults: Faults = {},
): Promise<RunningServer> {
  const server = createServer((req, res) => {
    respond(kit, req, res, options, faults).catch(() => {
      // Only a broken stream gets here, after the status went out: cut the connection.
      if (res.headersSent) res.destroy();
      else res.writeHead(500, { 'content-length': '0' }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
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

/** The reference adapter as the suite sees it. */
export const adapter: AdapterUnderTest = {
  name: 'node-http',
  start: (kit, options) => serve(kit, options),
};
