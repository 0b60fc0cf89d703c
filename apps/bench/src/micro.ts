import { PerformanceObserver } from 'node:perf_hooks';
import { HttpException, json } from '@statuskit/core';
import type { Exchange, NeutralRequest } from '@statuskit/core/adapter';
// Internals of the core (its resolver, the exchange behind the adapter interface): no
// entry point exports them any more. Until this file moves into packages/core/bench as a
// `vitest bench`, it reads them from the core's build output by relative path.
import type { RequestExchange } from '../../../packages/core/dist/exchange/exchange.js';
import type { Outcome } from '../../../packages/core/dist/outcome.js';
import {
  type ResolveOptions,
  type RoutePlan,
  resolve,
} from '../../../packages/core/dist/resolve.js';
import { benchKit } from './shared/kit.js';

// The core alone, no HTTP: run as its own process (`node --expose-gc
// --min-semi-space-size=16 dist/micro.js [--quick]`), prints one JSON line.

/** One micro-benchmark case: a median of batches, and what one op allocates. */
export interface MicroCase {
  readonly group: 'resolve' | 'exchange';
  readonly id: string;
  readonly title: string;
  readonly status: number;
  /** ns/op of each batch. */
  readonly batches: number[];
  /** JS heap bytes allocated per op (no GC ran while counting), or undefined. */
  readonly heapBytesPerOp: number | undefined;
  /** ArrayBuffer backing-store bytes per op (off the JS heap). */
  readonly bufferBytesPerOp: number | undefined;
}

/** What micro.js prints. */
export interface MicroReport {
  readonly cases: MicroCase[];
  readonly allocationNote: string;
}

type Op = () => number | Promise<number>;

const quick = process.argv.includes('--quick');
const BATCHES = quick ? 9 : 25;
const BATCH_MS = quick ? 20 : 60;
const gc = (globalThis as { gc?: () => void }).gc;

let gcCount = 0;
new PerformanceObserver((list) => {
  gcCount += list.getEntries().length;
}).observe({ entryTypes: ['gc'] });

// GC entries reach the observer a little later than the GC itself.
const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 20));

async function time(op: Op, iterations: number): Promise<number> {
  const t0 = process.hrtime.bigint();
  let sink = 0;
  for (let i = 0; i < iterations; i++) {
    const r = op();
    sink += typeof r === 'number' ? r : await r;
  }
  const dt = Number(process.hrtime.bigint() - t0);
  if (sink === -1) console.log(sink);
  return dt / iterations;
}

async function calibrate(op: Op): Promise<number> {
  let n = 64;
  for (;;) {
    const perOp = await time(op, n);
    if (perOp * n >= BATCH_MS * 1e6 * 0.5 || n >= 1 << 22)
      return Math.max(1, Math.round((BATCH_MS * 1e6) / perOp));
    n *= 4;
  }
}

// Counts allocation by heap growth with no GC in between: the young
// generation only bumps a pointer, so every byte allocated shows up.
async function allocation(op: Op): Promise<{ heap: number; buffers: number } | undefined> {
  if (gc === undefined) return undefined;
  for (let n = 2000; n >= 50; n = Math.floor(n / 2)) {
    gc();
    await settle();
    const before = gcCount;
    const m0 = process.memoryUsage();
    for (let i = 0; i < n; i++) {
      const r = op();
      if (typeof r !== 'number') await r;
    }
    const m1 = process.memoryUsage();
    await settle();
    if (gcCount === before) {
      return {
        heap: (m1.heapUsed - m0.heapUsed) / n,
        buffers: (m1.arrayBuffers - m0.arrayBuffers) / n,
      };
    }
  }
  return undefined;
}

async function measure(
  group: MicroCase['group'],
  id: string,
  title: string,
  op: Op,
): Promise<MicroCase> {
  const status = await op();
  const iterations = await calibrate(op);
  const batches: number[] = [];
  for (let b = 0; b < BATCHES; b++) batches.push(await time(op, iterations));
  const alloc = await allocation(op);
  return {
    group,
    id,
    title,
    status,
    batches,
    heapBytesPerOp: alloc?.heap,
    bufferBytesPerOp: alloc?.buffers,
  };
}

const plan: RoutePlan = { id: 'GET /items/{id}', valueStatus: 200, emptyStatus: 200 };
const deletePlan: RoutePlan = { id: 'DELETE /items/{id}', valueStatus: 200, emptyStatus: 204 };
const options: ResolveOptions = { errorFormat: 'detail', debug: false };
const state = { status: undefined, headers: undefined };
const item = { id: '1', name: 'widget', price: 9.5 };

const outcomes: Array<[string, string, RoutePlan, Outcome]> = [
  ['value', 'value -> 200 JSON', plan, { kind: 'value', value: item }],
  ['empty', 'nothing -> 204 (DELETE)', deletePlan, { kind: 'value', value: undefined }],
  [
    'response',
    'explicit json(..., 404)',
    plan,
    { kind: 'response', response: json({ detail: 'Item not found' }, { status: 404 }) },
  ],
  [
    'exception',
    'HttpException(404)',
    plan,
    { kind: 'exception', exception: new HttpException(404, 'Item not found') },
  ],
  ['error', 'thrown Error -> 500', plan, { kind: 'error', error: new Error('boom') }],
];

const kit = benchKit();
const native = { framework: 'micro', req: undefined, res: undefined };
const postBody = new TextEncoder().encode('{"name":"gadget","price":12.25}');

function request(method: string, url: string, body?: Uint8Array): NeutralRequest {
  if (body === undefined) {
    return { method, url, headers: { host: 'bench' }, body: { kind: 'none' }, native };
  }
  return {
    method,
    url,
    headers: {
      host: 'bench',
      'content-type': 'application/json',
      'content-length': String(body.byteLength),
    },
    body: { kind: 'bytes', bytes: body },
    native,
  };
}

// What the Node adapters hand over: the body as a stream the core reads (one chunk here).
function streamed(): NeutralRequest {
  const r = request('POST', '/items', postBody);
  const stream: AsyncIterable<Uint8Array> = {
    async *[Symbol.asyncIterator]() {
      yield postBody;
    },
  };
  return { ...r, body: { kind: 'stream', stream } };
}

const exchanges: Array<[string, string, NeutralRequest | (() => NeutralRequest)]> = [
  ['get-json', 'GET JSON 200', request('GET', '/items/1')],
  ['post-model', 'POST model 201 (bytes, parsed + validated)', request('POST', '/items', postBody)],
  ['post-model-stream', 'POST model 201 (one-chunk stream, read + parsed + validated)', streamed],
  ['raise-404', 'raise HttpException 404', request('GET', '/raise/9')],
  ['return-404', 'returned 404', request('GET', '/return/9')],
  ['delete-204', 'DELETE 204', request('DELETE', '/items/1')],
  ['unknown-404', 'unknown route 404', request('GET', '/nowhere/at/all')],
];

function completeExchange(adapterView: Exchange): number | Promise<number> {
  const exchange = adapterView as RequestExchange;
  const out = exchange.commit();
  if (exchange.pendingTasks === 0) {
    void exchange.finish();
    return out.status;
  }
  return exchange.finish().then(() => out.status);
}

const cases: MicroCase[] = [];
for (const [id, title, p, outcome] of outcomes) {
  cases.push(
    await measure(
      'resolve',
      id,
      title,
      () => resolve(p, p.id.split(' ')[0]!, outcome, state, options).status,
    ),
  );
}
for (const [id, title, req] of exchanges) {
  cases.push(
    // As the adapters run it: kit.dispatch answers a synchronous route without a promise,
    // and finish() has nothing to wait for when no background task was queued.
    await measure('exchange', id, title, () => {
      const pending = kit.dispatch(typeof req === 'function' ? req() : req);
      if (pending instanceof Promise) return pending.then(completeExchange);
      return completeExchange(pending);
    }),
  );
}
const report: MicroReport = {
  cases,
  allocationNote:
    gc === undefined
      ? 'not measured (run with --expose-gc)'
      : 'heap growth over up to 2000 ops with no GC in between (verified by a gc observer)',
};
process.stdout.write(`${JSON.stringify(report)}\n`);
