import { connect } from 'node:net';

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

function parseHead(
  head: string,
): { status: number; headers: Array<readonly [string, string]> } | undefined {
  const lines = head.split('\r\n');
  const m = /^HTTP\/1\.[01] (\d{3})(?: .*)?$/.exec(lines[0] ?? '');
  if (m === null) return undefined;
  const headers: Array<readonly [string, string]> = [];
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon <= 0) return undefined;
    headers.push([line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()]);
  }
  return { status: Number(m[1]), headers };
}

function chunked(buf: Buffer, from: number): { body: Buffer; next: number } | undefined {
  const parts: Buffer[] = [];
  let at = from;
  for (let guard = 0; guard < 1_000_000; guard++) {
    const eol = buf.indexOf('\r\n', at);
    if (eol === -1) return undefined;
    const size = Number.parseInt(buf.subarray(at, eol).toString('latin1'), 16);
    if (!Number.isFinite(size)) return undefined;
    at = eol + 2;
    if (size === 0) {
      const end = buf.indexOf('\r\n\r\n', at - 2);
      return end === -1 ? undefined : { body: Buffer.concat(parts), next: end + 4 };
    }
    if (at + size + 2 > buf.length) return undefined;
    parts.push(buf.subarray(at, at + size));
    at += size + 2;
  }
  return undefined;
}

/** Splits the received bytes into complete responses; 1xx interim responses are skipped. */
export function parseResponses(
  buf: Buffer,
  method: string,
  end: WireExchange['end'],
): WireExchange {
  const responses: WireResponse[] = [];
  let at = 0;
  while (at < buf.length) {
    const headEnd = buf.indexOf('\r\n\r\n', at);
    if (headEnd === -1) break;
    const head = parseHead(buf.subarray(at, headEnd).toString('latin1'));
    if (head === undefined) break;
    const start = headEnd + 4;
    const get = (name: string): string | undefined => head.headers.find(([n]) => n === name)?.[1];
    if (head.status < 200) {
      at = start;
      continue;
    }
    // A HEAD answer carries no body, but a parser rejection of a HEAD request
    // (Fastify's JSON 400) does: bytes that are not a next response are a body.
    const headAnswer =
      responses.length === 0 &&
      method.toUpperCase() === 'HEAD' &&
      (start === buf.length || buf.subarray(start, start + 7).toString('latin1') === 'HTTP/1.');
    const noBody = headAnswer || head.status === 204 || head.status === 304;
    let body: Buffer;
    let next: number;
    if (noBody) {
      body = Buffer.alloc(0);
      next = start;
    } else if (get('transfer-encoding')?.toLowerCase().includes('chunked')) {
      const c = chunked(buf, start);
      if (c === undefined) break;
      body = c.body;
      next = c.next;
    } else if (get('content-length') !== undefined) {
      const length = Number(get('content-length'));
      if (!Number.isSafeInteger(length) || start + length > buf.length) break;
      body = buf.subarray(start, start + length);
      next = start + length;
    } else {
      // No framing: the body runs to the end of the connection.
      if (end !== 'closed') break;
      body = buf.subarray(start);
      next = buf.length;
    }
    responses.push({ status: head.status, headers: head.headers, body });
    at = next;
  }
  return { responses, end, rest: buf.subarray(at) };
}
