import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pipeline, Readable } from 'node:stream';
import type { AdapterUnderTest, RunningServer } from '@statuskit/conformance';
import type { NeutralRequest, Statuskit } from '@statuskit/core';

// The reference adapter on bare node:http (the idea of
// packages/conformance/test/node-http-adapter.ts, kept here because test files
// of another package are not importable). The fuzzer runs it beside the three
// framework adapters, so a mismatch shows which side moved away from plain Node.

function neutral(req: IncomingMessage, res: ServerResponse): NeutralRequest {
  return {
    method: req.method ?? 'GET',
    url: req.url ?? '/',
    headers: req.headers,
    body: { kind: 'stream', stream: req },
    native: { framework: 'node:http', req, res },
  };
}

async function answer(kit: Statuskit, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const request = neutral(req, res);
  // What a framework's error path does for a failure outside the handler: the core's answer.
  const exchange = await kit.handle(request).catch((error: unknown) => kit.fail(error, request));
  const out = exchange.commit();
  res.once('close', () => {
    exchange.finish().catch(() => {});
  });
  res.statusCode = out.status;
  for (const [name, value] of out.headers) res.appendHeader(name, value);
  if (out.body === null) res.end();
  else if (typeof out.body === 'string' || out.body instanceof Uint8Array) res.end(out.body);
  // pipeline, not pipe: a body stream that fails mid-way must end the socket, not leave it hanging.
  else pipeline(Readable.from(out.body), res, () => {});
}

/** Serves a kit on bare node:http; `close()` ends keep-alive sockets too. */
export async function serveReference(kit: Statuskit): Promise<RunningServer> {
  const server = createServer((req, res) => {
    answer(kit, req, res).catch(() => res.destroy());
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

/** The reference adapter, in the shape the conformance suite and the fuzzer take. */
export const referenceAdapter: AdapterUnderTest = {
  name: 'reference',
  start: (kit) => serveReference(kit),
};
