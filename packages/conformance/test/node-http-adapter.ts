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
  readBody,
  type Statuskit,
} from '@statuskit/core';
import type { AdapterUnderTest, RunningServer, StartOptions } from '../src/adapter.js';

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
): Promise<RequestBody | 'too-large' | 'aborted'> {
  if (!carriesBody(req.headers) || !isJsonContentType(headerValue(req.headers, 'content-type'))) {
    return { kind: 'stream', stream: req };
  }
  let bytes: Uint8Array;
  try {
    bytes = await readBody(req, kit.options.bodyLimit);
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
): Promise<void> {
  let body: RequestBody | 'too-large' | 'aborted' = { kind: 'stream', stream: req };
  if (options.bodyParser) body = await parsedBody(kit, req);
  if (body === 'aborted') {
    res.destroy();
    return;
  }
  const exchange =
    body === 'too-large'
      ? await kit.reject(413, neutral(req, res, { kind: 'none' }))
      : await kit.handle(neutral(req, res, body));
  const out = exchange.commit();
  // 'close' also fires when the client went away: background tasks run either way.
  res.once('close', () => void exchange.finish());
  res.statusCode = out.status;
  for (const [name, value] of out.headers) res.appendHeader(name, value);
  if (out.body === null) res.end();
  else if (out.body instanceof Uint8Array) res.end(out.body);
  else await pipeline(Readable.from(out.body), res);
}

/** Serves a kit on 127.0.0.1 with an ephemeral port. */
export async function serve(kit: Statuskit, options: StartOptions = {}): Promise<RunningServer> {
  const server = createServer((req, res) => {
    respond(kit, req, res, options).catch(() => {
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
export const adapter: AdapterUnderTest = { name: 'node-http', start: serve };
