// Shared helpers for the core's unit tests. Not part of the package: excluded
// from the build (tsconfig.build.json), from coverage (vitest.config.ts) and
// from the published files (package.json).
import type { RequestBody } from './body.js';
import { compileRoute } from './compile.js';
import type { Diagnostic } from './diagnostic.js';
import { type Exchange, RequestExchange } from './exchange/exchange.js';
import type { Statuskit } from './kit.js';
import { type ExchangeInfo, resolveOptions, type StatuskitOptions } from './options.js';
import type { NeutralRequest } from './request.js';
import type { FetchResponseLike } from './response.js';
import { defineRoute, type HandlerContext } from './route.js';

/** The exchange behind the adapter-facing interface, for tests that look at its state. */
export function internal(exchange: Exchange): RequestExchange {
  if (!(exchange instanceof RequestExchange)) throw new Error('not an exchange of this core');
  return exchange;
}

/** What `fn` throws; fails the test when it does not throw. */
export function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

/** A fresh exchange for `POST /items/{id}` at `/items/1?a=1&a=2`, not yet run. */
export function exchangeFor(
  handler: (ctx: HandlerContext) => unknown,
  options: StatuskitOptions = {},
): RequestExchange {
  const resolved = resolveOptions(options);
  const route = defineRoute({ method: 'POST', path: '/items/{id}' }, handler);
  return new RequestExchange(
    compileRoute(route, resolved),
    request('POST', '/items/1?a=1&a=2'),
    { id: '1' },
    resolved,
  );
}

/** Headers of a hand-built request. */
export type RequestHeaders = Record<string, string | string[] | undefined>;

/** Builds a NeutralRequest by hand, as an adapter would. */
export function request(
  method: string,
  url: string,
  init: { headers?: RequestHeaders; body?: RequestBody } = {},
): NeutralRequest {
  return {
    method,
    url,
    headers: init.headers ?? {},
    body: init.body ?? { kind: 'none' },
    native: { framework: 'test', req: null, res: null },
  };
}

const encoder = new TextEncoder();

/** UTF-8 bytes of a string. */
export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/** A request with a JSON (or any text) body handed over as bytes. */
export function withBody(
  method: string,
  url: string,
  text: string,
  contentType: string | null = 'application/json',
  extra: RequestHeaders = {},
): NeutralRequest {
  const bytes = utf8(text);
  const headers: RequestHeaders = { 'content-length': String(bytes.byteLength), ...extra };
  if (contentType !== null) headers['content-type'] = contentType;
  return request(method, url, { headers, body: { kind: 'bytes', bytes } });
}

/** An async iterable over the given chunks; `count` records how many were pulled. */
export function streamOf(chunks: readonly Uint8Array[]): AsyncIterable<Uint8Array> & {
  pulled: number;
} {
  const source = {
    pulled: 0,
    async *[Symbol.asyncIterator](): AsyncGenerator<Uint8Array> {
      for (const chunk of chunks) {
        source.pulled++;
        yield chunk;
      }
    },
  };
  return source;
}

/** Reads a stream body into one byte array (bounded by the stream's own end). */
export async function collect(source: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const part of source) {
    parts.push(part);
    size += part.byteLength;
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}

const decoder = new TextDecoder();

/** What the client would receive, plus the exchange for further checks. */
export interface Sent {
  readonly status: number;
  readonly headers: ReadonlyArray<readonly [string, string]>;
  /** null when no body is written at all. */
  readonly body: Uint8Array | null;
  readonly exchange: RequestExchange;
  /** The single value of a header, or undefined; throws if it is repeated. */
  header(name: string): string | undefined;
  /** The body as text ('' when there is none). */
  text(): string;
  /** The body parsed as JSON. */
  json(): unknown;
}

/**
 * Runs one request the way an adapter does: dispatch, commit, write (here:
 * collect the body), then finish, which runs the background tasks.
 */
export async function send(
  kit: Statuskit,
  req: NeutralRequest,
  opts: { finish?: boolean } = {},
): Promise<Sent> {
  const exchange = internal(await kit.dispatch(req));
  const out = exchange.commit();
  const body =
    out.body === null
      ? null
      : typeof out.body === 'string'
        ? utf8(out.body)
        : out.body instanceof Uint8Array
          ? out.body
          : await collect(out.body);
  if (opts.finish !== false) await exchange.finish();
  const headers = out.headers;
  return {
    status: out.status,
    headers,
    body,
    exchange,
    header(name: string): string | undefined {
      const values = headers.filter(([n]) => n === name).map(([, v]) => v);
      if (values.length > 1) throw new Error(`header ${name} is repeated: ${values.join(' | ')}`);
      return values[0];
    },
    text(): string {
      return body === null ? '' : decoder.decode(body);
    },
    json(): unknown {
      return JSON.parse(body === null ? '' : decoder.decode(body));
    },
  };
}

/** Hooks that record what they receive. */
export interface Recorder {
  readonly errors: Array<{ error: unknown; info: ExchangeInfo }>;
  readonly diagnostics: Diagnostic[];
  readonly backgroundErrors: Array<{ error: unknown; info: ExchangeInfo & { task: number } }>;
  readonly options: Required<
    Pick<StatuskitOptions, 'onError' | 'onDiagnostic' | 'onBackgroundError'>
  >;
}

/** Creates hooks that record every call, so tests can assert on them. */
export function recorder(): Recorder {
  const errors: Recorder['errors'] = [];
  const diagnostics: Diagnostic[] = [];
  const backgroundErrors: Recorder['backgroundErrors'] = [];
  return {
    errors,
    diagnostics,
    backgroundErrors,
    options: {
      onError: (error, info) => errors.push({ error, info }),
      onDiagnostic: (d) => diagnostics.push(d),
      onBackgroundError: (error, info) => backgroundErrors.push({ error, info }),
    },
  };
}

type FetchResponseConstructor = new (
  body?: string | Uint8Array | null,
  init?: { status?: number; headers?: Record<string, string> },
) => FetchResponseLike;

/** A real WHATWG Response (the core's tsconfig has no DOM types, hence the cast). */
export function fetchResponse(
  body: string | null,
  init?: { status?: number; headers?: Record<string, string> },
): FetchResponseLike {
  const Ctor = (globalThis as unknown as { Response: FetchResponseConstructor }).Response;
  return new Ctor(body, init);
}
