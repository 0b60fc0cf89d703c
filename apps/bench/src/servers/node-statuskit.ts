import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { NeutralRequest } from '@statuskit/core';
import { benchKit } from '../shared/kit.js';
import { announce, closeServer } from '../shared/serve.js';

// The core on node:http with the least glue there is (the conformance suite's
// reference adapter): against node-bare it isolates the core's own cost.

const kit = benchKit();

function neutral(req: IncomingMessage, res: ServerResponse): NeutralRequest {
  return {
    method: req.method ?? 'GET',
    url: req.url ?? '/',
    headers: req.headers,
    body: { kind: 'stream', stream: req },
    native: { framework: 'node:http', req, res },
  };
}

const server = createServer(async (req, res) => {
  const exchange = await kit.handle(neutral(req, res));
  const out = exchange.commit();
  res.once('close', () => {
    exchange.finish().catch(() => {});
  });
  res.statusCode = out.status;
  for (const [name, value] of out.headers) res.appendHeader(name, value);
  if (out.body === null) res.end();
  else if (out.body instanceof Uint8Array) res.end(out.body);
  else Readable.from(out.body).pipe(res);
});
server.listen(0, '127.0.0.1', () => announce(server, () => closeServer(server)));
