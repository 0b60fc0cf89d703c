// A statuskit app tested without a server or a framework: FastAPI's
// TestClient, Hono's app.request(). The request goes through the same door an
// adapter uses (kit.dispatch), with its body as a stream the core reads as it
// would read a socket, so what a test sees is what a client would get.
import { readBody } from './body.js';
import type { Exchange } from './exchange/exchange.js';
import type { HeaderList } from './headers.js';
import type { Statuskit } from './kit.js';
import type { NeutralRequest } from './request.js';

/** The request {@link inject} sends. */
export interface InjectRequest {
  /** Default `GET`. */
  readonly method?: string;
  /** Path and query, as on the wire: `/items/1?full=true`. */
  readonly url: string;
  /** Request headers; names in any case. */
  readonly headers?: Readonly<Record<string, string>>;
  /** The raw body; a `content-length` is added unless a framing header is given. */
  readonly body?: string | Uint8Array;
  /** A value sent as JSON (`content-type: application/json` unless given); replaces `body`. */
  readonly json?: unknown;
}

/** The answer {@link inject} resolves to, once the background tasks have run. */
export interface InjectResponse {
  readonly status: number;
  /** Lower-case names; repeated headers joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  /** Every header in order, repeats kept (`set-cookie`). */
  readonly headerList: HeaderList;
  /** The body as UTF-8 text (empty for HEAD, 204, 304). */
  readonly body: string;
  readonly bytes: Uint8Array;
  /** The body parsed as JSON; throws when it is not JSON. */
  json(): unknown;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
// Already closed: background tasks run as soon as the answer is taken.
const CLOSED = { closed: true, once: () => undefined };

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  if (bytes.byteLength > 0) yield bytes;
}

function toRequest(given: InjectRequest): NeutralRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(given.headers ?? {})) {
    headers[name.toLowerCase()] = value;
  }
  let payload: Uint8Array | undefined;
  if (given.json !== undefined) {
    payload = encoder.encode(JSON.stringify(given.json));
    headers['content-type'] ??= 'application/json';
  } else if (given.body !== undefined) {
    payload = typeof given.body === 'string' ? encoder.encode(given.body) : given.body;
  }
  if (
    payload !== undefined &&
    headers['content-length'] === undefined &&
    headers['transfer-encoding'] === undefined
  ) {
    headers['content-length'] = String(payload.byteLength);
  }
  return {
    method: given.method ?? 'GET',
    url: given.url,
    headers,
    body: { kind: 'stream', stream: once(payload ?? new Uint8Array(0)) },
    native: { framework: 'inject', req: undefined, res: undefined },
  };
}

// The answer's body as bytes; a stream is read whole (a failure mid-way rejects).
async function collect(body: string | Uint8Array | AsyncIterable<Uint8Array> | null) {
  if (body === null) return new Uint8Array(0);
  if (typeof body === 'string') return encoder.encode(body);
  return body instanceof Uint8Array ? body : readBody(body, Number.POSITIVE_INFINITY);
}

/**
 * Sends one request to a statuskit app in memory, no port and no framework:
 * the core routes, validates, runs the handler and decides the answer as it
 * does behind any adapter. Resolves after the route's background tasks ran.
 * A streamed body that fails mid-way rejects (a client would see the
 * connection cut).
 *
 * @example
 * const res = await inject(kit, { method: 'POST', url: '/items', json: { name: 'a' } });
 * expect(res.status).toBe(201);
 * expect(res.json()).toEqual({ id: 1, name: 'a' });
 */
export async function inject(kit: Statuskit, request: InjectRequest): Promise<InjectResponse> {
  const exchange: Exchange = await kit.dispatch(toRequest(request));
  const resolved = exchange.commit();
  let bytes: Uint8Array;
  try {
    bytes = await collect(resolved.body);
  } finally {
    await exchange.finishAfter(CLOSED);
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of resolved.headers) {
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  const body = decoder.decode(bytes);
  return {
    status: resolved.status,
    headers,
    headerList: resolved.headers,
    body,
    bytes,
    json: () => JSON.parse(body) as unknown,
  };
}
