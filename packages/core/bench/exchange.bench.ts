import { bench, describe } from 'vitest';
import type { Exchange, RequestExchange } from '../src/exchange/exchange.js';
import type { NeutralRequest } from '../src/request.js';
import { benchKit } from './kit.js';
import { recordAllocations, TIMES } from './measure.js';

// One whole exchange as the adapters run it: kit.dispatch(req) (a promise only when
// something must be awaited) + commit() + finish(), with nothing written anywhere.

const kit = benchKit();
const native = { framework: 'bench', req: undefined, res: undefined };
const postBody = new TextEncoder().encode('{"name":"gadget","price":12.25}');

function request(method: string, url: string, body?: Uint8Array): NeutralRequest {
  if (body === undefined)
    return { method, url, headers: { host: 'bench' }, body: { kind: 'none' }, native };
  const headers = {
    host: 'bench',
    'content-type': 'application/json',
    'content-length': String(body.byteLength),
  };
  return { method, url, headers, body: { kind: 'bytes', bytes: body }, native };
}

// What the Node adapters hand over: the body as a stream the core reads (one chunk here).
function streamed(): NeutralRequest {
  async function* stream(): AsyncIterable<Uint8Array> {
    yield postBody;
  }
  return { ...request('POST', '/items', postBody), body: { kind: 'stream', stream: stream() } };
}

// The adapter's view of the exchange, and the class behind it (pendingTasks, finish()).
function complete(view: Exchange): number | Promise<number> {
  const exchange = view as RequestExchange;
  const out = exchange.commit();
  if (exchange.pendingTasks === 0) {
    void exchange.finish();
    return out.status;
  }
  return exchange.finish().then(() => out.status);
}

function exchange(req: NeutralRequest | (() => NeutralRequest)): () => number | Promise<number> {
  return () => {
    const pending = kit.dispatch(typeof req === 'function' ? req() : req);
    return pending instanceof Promise ? pending.then(complete) : complete(pending);
  };
}

const ops = [
  ['GET JSON 200', exchange(request('GET', '/items/1'))],
  ['POST model 201 (bytes, parsed + validated)', exchange(request('POST', '/items', postBody))],
  ['POST model 201 (one-chunk stream, read + parsed + validated)', exchange(streamed)],
  ['raise HttpException 404', exchange(request('GET', '/raise/9'))],
  ['returned 404', exchange(request('GET', '/return/9'))],
  ['DELETE 204', exchange(request('DELETE', '/items/1'))],
  ['unknown route 404', exchange(request('GET', '/nowhere/at/all'))],
] as const;

await recordAllocations('exchange', ops);

describe('exchange', () => {
  for (const [name, op] of ops) bench(name, op as () => void, TIMES);
});
