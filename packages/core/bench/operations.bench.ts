import { bench, describe } from 'vitest';
import type { Exchange, RequestExchange } from '../src/exchange/exchange.js';
import {
  createOperations,
  createStatuskit,
  memoryStore,
  type Schema,
  type Statuskit,
} from '../src/index.js';
import type { NeutralRequest } from '../src/request.js';
import { recordAllocations, TIMES } from './measure.js';

// What long-running operations cost the core, on the memory store: a start
// (create, 202 with the monitor, the work run after the response), a monitor
// read, a result replay, and an unknown id. Exchanges run as the adapters run
// them: dispatch, commit, finish (the start's work runs in finish).

interface ReportIn {
  readonly name: string;
}

const ReportInSchema: Schema<unknown, ReportIn> = {
  '~standard': {
    version: 1,
    vendor: 'statuskit-bench',
    validate(value: unknown) {
      const v = value as Partial<ReportIn> | null;
      return typeof v?.name === 'string'
        ? { value: { name: v.name } }
        : { issues: [{ message: 'Input should be a report request', path: [] }] };
    },
  },
};

function opsKit(): Statuskit {
  // Retention longer than any bench: what the monitor reads stays; the store's bound evicts.
  const ops = createOperations({
    store: memoryStore({ maxOperations: 10_000 }),
    retention: 3_600_000,
  });
  ops.define(
    { method: 'POST', path: '/reports', status: 201, request: { body: ReportInSchema } },
    ({ body }) => ({ id: 1, name: body.name, rows: body.name.length }),
  );
  return createStatuskit(ops.routes, { onError: () => {}, onBackgroundError: () => {} });
}

// Starts fill one kit's store (its bound evicts the oldest); reads go to another, whose
// one operation stays.
const kit = opsKit();
const reads = opsKit();
const native = { framework: 'bench', req: undefined, res: undefined };
const body = new TextEncoder().encode('{"name":"q3"}');

function request(method: string, url: string, bytes?: Uint8Array): NeutralRequest {
  if (bytes === undefined) return { method, url, headers: {}, body: { kind: 'none' }, native };
  const headers = {
    'content-type': 'application/json',
    'content-length': String(bytes.byteLength),
  };
  return { method, url, headers, body: { kind: 'bytes', bytes }, native };
}

async function complete(view: Exchange): Promise<number> {
  const exchange = view as RequestExchange;
  const out = exchange.commit();
  await exchange.finish();
  return out.status;
}

function exchange(req: () => NeutralRequest, on: Statuskit = kit): () => Promise<number> {
  return async () => complete(await on.dispatch(req()));
}

// One finished operation for the reads.
const started = (await reads.dispatch(request('POST', '/reports', body))) as RequestExchange;
const { id } = JSON.parse(String(started.commit().body)) as { id: string };
await started.finish();

const ops = [
  [
    'start 202 (create, monitor, work after the response)',
    exchange(() => request('POST', '/reports', body)),
  ],
  [
    'start 202 with an Idempotency-Key (fingerprint, found)',
    exchange(() => ({
      ...request('POST', '/reports', body),
      headers: {
        'content-type': 'application/json',
        'content-length': String(body.byteLength),
        'idempotency-key': 'bench',
      },
    })),
  ],
  ['monitor 200 (succeeded)', exchange(() => request('GET', `/operations/${id}`), reads)],
  ['result 201 (replayed)', exchange(() => request('GET', `/operations/${id}/result`), reads)],
  ['monitor 404 (unknown id)', exchange(() => request('GET', '/operations/nope'), reads)],
] as const;

await recordAllocations('operations', ops);

describe('operations', () => {
  for (const [name, op] of ops) bench(name, op as unknown as () => Promise<void>, TIMES);
});
