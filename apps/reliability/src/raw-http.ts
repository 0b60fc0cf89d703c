import { connect } from 'node:net';
import { parseResponses as parseRawResponses } from '@statuskit/conformance';

/** One HTTP/1.1 response as it came off the wire. */
export interface WireResponse {
  readonly status: number;
  /** Lower-case names, in arrival order, repeats kept. */
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly body: Buffer;
}

/** Everything a server sent back on one connection, and how the connection ended. */
export interface WireExchange {
  /** Complete responses parsed from the bytes received (pipelined garbage can make several). */
  readonly responses: readonly WireResponse[];
  /** `closed`: the server closed; `reset`: ECONNRESET or EPIPE; `timeout`: nothing ended it in time. */
  readonly end: 'closed' | 'reset' | 'timeout';
  /** Bytes after the last complete response (a cut-off response, or garbage). */
  readonly rest: Buffer;
}

/** How to send one raw request. */
export interface SendOptions {
  /** Give up and destroy the socket after this many milliseconds. */
  readonly timeoutMs: number;
  /** Close our write side after sending (the server sees EOF). */
  readonly halfClose?: boolean;
  /** The request method, so a HEAD answer is parsed without a body. */
  readonly method?: string;
}

/**
 * Sends bytes exactly as given to host:port over a fresh TCP connection and
 * collects every byte until the server closes, resets or the timeout passes.
 * No normalisation happens on the way: odd methods, raw paths, invalid UTF-8
 * and wrong content-length reach the server as written.
 */
export function sendRaw(
  host: string,
  port: number,
  request: Uint8Array,
  options: SendOptions,
): Promise<WireExchange> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let done = false;
    const socket = connect({ host, port });
    const finish = (end: WireExchange['end']): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(parseResponses(Buffer.concat(chunks), options.method ?? 'GET', end));
    };
    const timer = setTimeout(() => finish('timeout'), options.timeoutMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => finish('closed'));
    socket.on('close', () => finish('closed'));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // A refused connection is not a reset: the server is gone.
      if (error.code === 'ECONNREFUSED') finish('closed');
      else finish('reset');
    });
    socket.once('connect', () => {
      socket.write(request, () => {
        if (options.halfClose) socket.end();
      });
    });
  });
}

// A view, not a copy: the conformance parser already copied the bytes out of the received buffer.
function buffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Splits the received bytes into complete responses; 1xx interim responses are skipped.
 * The conformance suite's parser (a HEAD answer carries no body unless the bytes that
 * follow are not a next response), with Buffers for bodies and the rest.
 */
export function parseResponses(
  buf: Buffer,
  method: string,
  end: WireExchange['end'],
): WireExchange {
  const raw = parseRawResponses(buf, method, end);
  return {
    responses: raw.responses.map((r) => ({
      status: r.status,
      headers: r.headers,
      body: buffer(r.body),
    })),
    end: raw.end,
    rest: buffer(raw.rest),
  };
}
