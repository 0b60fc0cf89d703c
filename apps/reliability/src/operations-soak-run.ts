import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  createOperations,
  createStatuskit,
  HttpException,
  memoryStore,
  type Statuskit,
} from '@statuskit/core';
import type { Exchange, NeutralRequest } from '@statuskit/core/adapter';
import { lateFloorGrowth, mb } from './soak-run.js';

// Long-running operations through the memory store, in this process, as an
// adapter drives the core (dispatch, commit, finish; no sockets, so the
// figures are the store's and the core's): each operation is a start (every
// tenth with an Idempotency-Key, then started again with it), its monitor and
// its result. Ended operations expire after their retention, and the store
// holds at most --max-operations. The heap is sampled after a full GC at
// warm-up, in between and at the end. The command line is operations-soak.ts.

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const native = { framework: 'soak', req: undefined, res: undefined };
const closed = { closed: true, once: () => undefined };

function request(method: string, url: string, body?: string, key?: string): NeutralRequest {
  if (body === undefined) return { method, url, headers: {}, body: { kind: 'none' }, native };
  const bytes = new TextEncoder().encode(body);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'content-length': String(bytes.byteLength),
  };
  if (key !== undefined) headers['idempotency-key'] = key;
  return { method, url, headers, body: { kind: 'bytes', bytes }, native };
}

interface Answer {
  status: number;
  body: string;
}

async function send(kit: Statuskit, req: NeutralRequest): Promise<Answer> {
  const exchange: Exchange = await kit.dispatch(req);
  const out = exchange.commit();
  await exchange.finishAfter(closed); // the start's work runs here, as after a response
  return { status: out.status, body: typeof out.body === 'string' ? out.body : '' };
}

function soakKit(retention: number, maxOperations: number): Statuskit {
  const ops = createOperations({ store: memoryStore({ maxOperations }), retention });
  ops.define({ method: 'POST', path: '/reports', status: 201 }, ({ body }) => {
    const { name } = body as { name: string };
    if (name.endsWith('7')) throw new HttpException(409, 'Report exists');
    return { name, rows: name.length };
  });
  return createStatuskit(ops.routes, { onError: () => {}, onBackgroundError: () => {} });
}

/** Options of {@link runOperationsSoak}. */
export interface OperationsSoakOptions {
  readonly operations: number;
  /** Milliseconds an ended operation is kept. */
  readonly retention: number;
  /** The memory store's bound. */
  readonly maxOperations: number;
  /** Heap samples between warm-up and the end. */
  readonly samples: number;
  readonly log?: (line: string) => void;
}

/** Figures of one operations soak. */
export interface OperationsSoakReport {
  readonly operations: number;
  readonly ms: number;
  readonly perSecond: number;
  readonly wrongCount: number;
  readonly wrong: string[];
  readonly heapMb: number[];
  readonly heapGrowth: number;
  readonly heapLateGrowth: number;
}

/**
 * Runs `options.operations` operations (start, monitor, result) through a kit on
 * the memory store, checking every answer and sampling the heap after a full GC.
 */
export async function runOperationsSoak(
  options: OperationsSoakOptions,
): Promise<OperationsSoakReport> {
  const kit = soakKit(options.retention, options.maxOperations);
  const wrong: string[] = [];
  let wrongCount = 0;
  const check = (what: string, a: Answer, status: number): void => {
    if (a.status === status) return;
    wrongCount++;
    if (wrong.length < 20)
      wrong.push(`${what}: ${a.status} (expected ${status}) ${a.body.slice(0, 120)}`);
  };
  const operation = async (i: number): Promise<void> => {
    const name = `r${i}`;
    const key = i % 10 === 0 ? `k${i}` : undefined;
    const started = await send(kit, request('POST', '/reports', JSON.stringify({ name }), key));
    check('start', started, 202);
    const id = (JSON.parse(started.body) as { id: string }).id;
    if (key !== undefined) {
      const again = await send(kit, request('POST', '/reports', JSON.stringify({ name }), key));
      check('idempotent start', again, 202);
      if (!again.body.includes(id)) check('idempotent id', { ...again, status: -1 }, 202);
    }
    check('monitor', await send(kit, request('GET', `/operations/${id}`)), 200);
    check(
      'result',
      await send(kit, request('GET', `/operations/${id}/result`)),
      name.endsWith('7') ? 409 : 201,
    );
  };
  const heap = (): number => {
    gc();
    gc();
    return process.memoryUsage().heapUsed;
  };
  const total = options.operations;
  const samples = options.samples;
  const log = options.log ?? (() => {});
  const warmup = Math.min(20_000, Math.ceil(total / 5));
  const started = Date.now();
  let i = 0;
  for (; i < warmup; i++) await operation(i);
  const points = [heap()];
  log(`warm after ${i}: heap ${mb(points[0]!)}`);
  for (let s = 1; s <= samples + 1; s++) {
    const until = warmup + Math.ceil(((total - warmup) * s) / (samples + 1));
    for (; i < until; i++) await operation(i);
    points.push(heap());
    log(`${i} operations: heap ${mb(points.at(-1)!)}`);
  }
  const ms = Date.now() - started;
  const growth = (a: number, b: number) => Math.round(((b - a) / a) * 10_000) / 100;
  return {
    operations: i,
    ms,
    perSecond: Math.round((i / ms) * 1000),
    wrongCount,
    wrong,
    heapMb: points.map((p) => Math.round((p / 1024 / 1024) * 10) / 10),
    heapGrowth: growth(points[0]!, points.at(-1)!),
    heapLateGrowth: lateFloorGrowth(points.slice(1)),
  };
}
