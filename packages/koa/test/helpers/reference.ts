import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import type { RunningServer } from '@statuskit/conformance';
import type { NeutralRequest, Statuskit } from '@statuskit/core';

// The conformance package's reference adapter on bare node:http
// (packages/conformance/test/node-http-adapter.ts): the answers Koa must match.

function neutral(req: IncomingMessage, res: ServerResponse): NeutralRequest {
  return {
    method: req.method ?? 'GET',
    url: req.url ?? '/',
    headers: req.headers,
    body: { kind: 'stream', stream: req },
    native: { framework: 'node:http', req, res },
  };
}

/** Serves `kit` on bare node:http. */
export async function reference(kit: Statuskit): Promise<RunningServer> {
  const server = createServer(async (req, res) => {
    const exchange = await kit.handle(neutral(req, res));
    const out = exchange.commit();
    res.once('close', () => void exchange.finish());
    res.statusCode = out.status;
    for (const [name, value] of out.headers) res.appendHeader(name, value);
    if (out.body === null) res.end();
    else if (typeof out.body === 'string' || out.body instanceof Uint8Array) res.end(out.body);
    else Readable.from(out.body).pipe(res);
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
