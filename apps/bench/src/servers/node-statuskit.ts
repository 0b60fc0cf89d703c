import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { pipeline, Readable } from 'node:stream';
import type { NeutralRequest } from '@statuskit/core/adapter';
import { benchKit } from '../shared/kit.js';
import { announce, closeServer } from '../shared/serve.js';

// The core on node:http with the least glue there is (the conformance suite's
// reference adapter, written the fastest way Node allows: one writeHead with
// the flat header list): against node-bare it isolates the core's own cost.

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
  const exchange = await kit.dispatch(neutral(req, res));
  const out = exchange.commit();
  void exchange.finishAfter(res);
  res.writeHead(out.status, out.headers.flat());
  if (out.body === null) res.end();
  else if (typeof out.body === 'string' || out.body instanceof Uint8Array) res.end(out.body);
  // pipeline ends the socket if the body stream fails; pipe() would throw uncaught.
  else pipeline(Readable.from(out.body), res, () => {});
});
server.listen(0, '127.0.0.1', () => announce(server, () => closeServer(server)));
