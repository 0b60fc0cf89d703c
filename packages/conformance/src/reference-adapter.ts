import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Statuskit } from '@statuskit/core';
import {
  BodyReadError,
  carriesBody,
  type Exchange,
  hasContentCoding,
  headerValue,
  isJsonContentType,
  type NeutralRequest,
  parseJson,
  type RequestBody,
  readBody,
} from '@statuskit/core/adapter';
import { toNeutral, toNodeListener, writeExchange } from '@statuskit/node';
import { listenOnLoopback } from '@statuskit/node/testing';
import type { AdapterUnderTest, RunningServer, StartOptions } from './adapter.js';

// The reference adapter: statuskit on bare node:http (@statuskit/node's plain
// listener), plus what only a test needs, a simulated framework JSON body
// parser in front of it. The suite's self-test, the reliability fuzzer and
// adapter tests compare against it.

/** How the reference serves one request. */
export interface ReferenceOptions extends StartOptions {
  /** Largest body the simulated JSON parser reads (express.json() says 100 kB); default the kit's `bodyLimit`. */
  readonly parserLimit?: number;
}

// What a framework's JSON body parser does before statuskit sees the request:
// read the bytes (up to its limit) and hand over the parsed value. A body it
// cannot parse goes over as bytes, so the core reports it exactly as it would
// have without the parser; a coded body (it decodes no coding) goes over unread.
async function parsedBody(
  kit: Statuskit,
  req: IncomingMessage,
  limit: number,
): Promise<RequestBody | 'too-large' | 'aborted'> {
  if (
    !carriesBody(req.headers) ||
    !isJsonContentType(headerValue(req.headers, 'content-type')) ||
    hasContentCoding(req.headers)
  ) {
    return { kind: 'stream', stream: req };
  }
  let bytes: Uint8Array;
  try {
    bytes = await readBody(req, limit);
  } catch (error) {
    return error instanceof BodyReadError && error.reason === 'too-large' ? 'too-large' : 'aborted';
  }
  if (bytes.byteLength === 0) return { kind: 'none' };
  const parsed = parseJson(bytes, kit.options.maxJsonDepth);
  return parsed.ok ? { kind: 'parsed', value: parsed.value } : { kind: 'bytes', bytes };
}

// `dispatch`, as the framework adapters call it; a failure outside any handler is the core's 500.
function run(kit: Statuskit, request: NeutralRequest): Exchange | Promise<Exchange> {
  try {
    const pending = kit.dispatch(request);
    return pending instanceof Promise
      ? pending.catch((error: unknown) => kit.answerUpstream(error, request))
      : pending;
  } catch (error) {
    return kit.answerUpstream(error, request);
  }
}

async function afterParser(
  kit: Statuskit,
  req: IncomingMessage,
  res: ServerResponse,
  limit: number,
): Promise<Exchange | undefined> {
  const body = await parsedBody(kit, req, limit);
  if (body === 'aborted') {
    res.destroy();
    return undefined;
  }
  if (body === 'too-large') {
    // As a framework's parser fails: an http-error 413, the body refused.
    const refused = toNeutral(req, res, { kind: 'refused', reason: 'too-large' });
    const error = Object.assign(new Error('request entity too large'), { status: 413 });
    return kit.answerUpstream(error, refused, { afterBodyParser: true, bodyRefused: true });
  }
  return run(kit, toNeutral(req, res, body));
}

/** One request through the kit, as an adapter runs it (undefined: the client left mid-body). */
export function exchangeFor(
  kit: Statuskit,
  req: IncomingMessage,
  res: ServerResponse,
  options: ReferenceOptions = {},
): Exchange | undefined | Promise<Exchange | undefined> {
  if (options.bodyParser === true)
    return afterParser(kit, req, res, options.parserLimit ?? kit.options.bodyLimit);
  return run(kit, toNeutral(req, res));
}

/** Serves a kit on bare node:http, 127.0.0.1, port 0. */
export function serveReference(
  kit: Statuskit,
  options: ReferenceOptions = {},
): Promise<RunningServer> {
  if (options.bodyParser !== true) return listenOnLoopback(toNodeListener(kit));
  return listenOnLoopback(async (req, res) => {
    const exchange = await exchangeFor(kit, req, res, options);
    if (exchange !== undefined) writeExchange(exchange, res);
  });
}

/** Options of {@link createReferenceAdapter}. */
export interface ReferenceAdapterOptions {
  /** The name in reports; default `reference`. */
  readonly name?: string;
  /**
   * Simulate a framework's JSON body parser when the suite asks for one
   * (default true); false serves every request as without one.
   */
  readonly simulateBodyParser?: boolean;
}

/** The reference adapter under another name or without the simulated body parser. */
export function createReferenceAdapter(options: ReferenceAdapterOptions = {}): AdapterUnderTest {
  const simulate = options.simulateBodyParser ?? true;
  return {
    name: options.name ?? 'reference',
    start: (kit, start) => serveReference(kit, simulate ? (start ?? {}) : {}),
  };
}

/** statuskit on bare node:http, as the conformance suite drives an adapter. */
export const referenceAdapter: AdapterUnderTest = createReferenceAdapter();
