import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  BodyReadError,
  carriesBody,
  type Exchange,
  headerValue,
  isJsonContentType,
  type NeutralRequest,
  parseJson,
  type RequestBody,
  type Resolved,
  readBody,
  type Statuskit,
} from '@statuskit/core';
import type { AdapterUnderTest, RunningServer, StartOptions } from './adapter.js';

// The reference adapter: statuskit on bare node:http, what every framework
// adapter does without a framework. The suite's self-test, the reliability
// fuzzer and adapter tests compare against it.

/** A node:http request handler; a rejected promise cuts the connection (or answers a bare 500). */
export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => unknown;

/** Serves a handler on 127.0.0.1, port 0; `close()` ends keep-alive sockets first. */
export async function listenOnLoopback(handler: NodeHandler): Promise<RunningServer> {
  const server = createServer((req, res) => {
    new Promise((resolve) => resolve(handler(req, res))).catch(() => {
      // Only a failure after the status went out (a broken body stream) normally gets here.
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

/** Writes a committed answer to a node:http response: status, headers in order, body. */
export async function writeResolved(res: ServerResponse, out: Resolved): Promise<void> {
  res.statusCode = out.status;
  for (const [name, value] of out.headers) res.appendHeader(name, value);
  if (out.body === null) res.end();
  else if (typeof out.body === 'string' || out.body instanceof Uint8Array) res.end(out.body);
  // pipeline, not pipe: a body stream that fails mid-way must end the socket, not leave it hanging.
  else await pipeline(Readable.from(out.body), res);
}

/** How the reference serves one request. */
export interface ReferenceOptions extends StartOptions {
  /** Largest body the simulated JSON parser reads (express.json() says 100 kB); default the kit's `bodyLimit`. */
  readonly parserLimit?: number;
}

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
// read the bytes (up to its limit) and hand over the parsed value. A body it
// cannot parse goes over as bytes, so the core reports it exactly as it would
// have without the parser; a coded body (it decodes no coding) goes over unread.
async function parsedBody(
  kit: Statuskit,
  req: IncomingMessage,
  limit: number,
): Promise<RequestBody | 'too-large' | 'aborted'> {
  const coding = headerValue(req.headers, 'content-encoding')?.trim().toLowerCase();
  if (
    !carriesBody(req.headers) ||
    !isJsonContentType(headerValue(req.headers, 'content-type')) ||
    (coding !== undefined && coding !== 'identity')
  ) {
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

// What a framework's error path does for a failure outside the handler: the core's answer.
// `dispatch`, as the framework adapters call it: a synchronous route answers within the
// 'request' event, before Node parses whatever follows the request on the connection.
function run(kit: Statuskit, request: NeutralRequest): Exchange | Promise<Exchange> {
  try {
    const pending = kit.dispatch(request);
    return pending instanceof Promise
      ? pending.catch((error: unknown) => kit.answerUpstream(error, request))
      : pending;
  } catch (error) {
    return kit.answerUpstream(error, request);
  }
}

async function afterParser(
  kit: Statuskit,
  req: IncomingMessage,
  res: ServerResponse,
  limit: number,
): Promise<Exchange | undefined> {
  const body = await parsedBody(kit, req, limit);
  if (body === 'aborted') {
    res.destroy();
    return undefined;
  }
  if (body === 'too-large') {
    // As a framework's parser fails: an http-error 413, the body refused.
    const refused = neutral(req, res, { kind: 'refused', reason: 'too-large' });
    const error = Object.assign(new Error('request entity too large'), { status: 413 });
    return kit.answerUpstream(error, refused, { afterBodyParser: true, bodyRefused: true });
  }
  return run(kit, neutral(req, res, body));
}

/** One request through the kit, as an adapter runs it (undefined: the client left mid-body). */
export function exchangeFor(
  kit: Statuskit,
  req: IncomingMessage,
  res: ServerResponse,
  options: ReferenceOptions = {},
): Exchange | undefined | Promise<Exchange | undefined> {
  if (options.bodyParser === true)
    return afterParser(kit, req, res, options.parserLimit ?? kit.options.bodyLimit);
  return run(kit, neutral(req, res, { kind: 'stream', stream: req }));
}

function deliver(res: ServerResponse, exchange: Exchange | undefined): Promise<void> | undefined {
  if (exchange === undefined) return undefined;
  const out = exchange.commit();
  // Background tasks run once the response is out or the client has gone, never before.
  exchange.finishAfter(res);
  return writeResolved(res, out);
}

/** Serves a kit on bare node:http, 127.0.0.1, port 0. */
export function serveReference(
  kit: Statuskit,
  options: ReferenceOptions = {},
): Promise<RunningServer> {
  return listenOnLoopback((req, res) => {
    const pending = exchangeFor(kit, req, res, options);
    return pending instanceof Promise
      ? pending.then((exchange) => deliver(res, exchange))
      : deliver(res, pending);
  });
}

/** Options of {@link createReferenceAdapter}. */
export interface ReferenceAdapterOptions {
  /** The name in reports; default `reference`. */
  readonly name?: string;
  /**
   * Simulate a framework's JSON body parser when the suite asks for one
   * (default true); false serves every request as without one.
   */
  readonly simulateBodyParser?: boolean;
}

/** The reference adapter under another name or without the simulated body parser. */
export function createReferenceAdapter(options: ReferenceAdapterOptions = {}): AdapterUnderTest {
  const simulate = options.simulateBodyParser ?? true;
  return {
    name: options.name ?? 'reference',
    start: (kit, start) => serveReference(kit, simulate ? (start ?? {}) : {}),
  };
}

/** statuskit on bare node:http, as the conformance suite drives an adapter. */
export const referenceAdapter: AdapterUnderTest = createReferenceAdapter();
