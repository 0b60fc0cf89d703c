import { connect } from 'node:net';
import type { RawRequest } from './case.js';
import type { ClientResponse } from './client.js';

/** Everything a server sent on one raw connection. */
export interface RawExchange {
  /** Complete responses in order (garbage after a request can get a second one); 1xx skipped. */
  readonly responses: readonly ClientResponse[];
  /** Bytes after the last complete response: a cut-off answer or stray output. */
  readonly rest: Uint8Array;
  /** `closed` by the server, `reset`, or `timeout` when neither happened within the bound. */
  readonly end: 'closed' | 'reset' | 'timeout';
}

/** Options of {@link sendRaw}. */
export interface RawSendOptions {
  /** Stop reading after this long; default 10 s. */
  readonly timeoutMs?: number;
  /** Stop reading after this many bytes; default 4 MiB. */
  readonly maxBytes?: number;
}

function bodyOf(body: RawRequest['body']): Buffer {
  if (body === undefined) return Buffer.alloc(0);
  return typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body.base64, 'base64');
}

/** The bytes of a raw request: request line, host, `connection: close`, headers, framing, body. */
export function encodeRaw(host: string, r: RawRequest): Buffer {
  const body = bodyOf(r.body);
  const lines = [`${r.method} ${r.target} HTTP/1.1`, `host: ${host}`, 'connection: close'];
  for (const [name, value] of r.headers ?? []) lines.push(`${name}: ${value}`);
  const framing = r.framing ?? 'content-length';
  let payload = body;
  if (framing === 'content-length' && body.byteLength > 0)
    lines.push(`content-length: ${body.byteLength}`);
  if (framing === 'chunked') {
    lines.push('transfer-encoding: chunked');
    const size = body.byteLength > 0 ? `${body.byteLength.toString(16)}\r\n` : '';
    const end = body.byteLength > 0 ? '\r\n0\r\n\r\n' : '0\r\n\r\n';
    payload = Buffer.concat([Buffer.from(size, 'latin1'), body, Buffer.from(end, 'latin1')]);
  }
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), payload]);
}

/**
 * Writes a raw request to the server over a fresh TCP connection and reads
 * until the server closes, resets, or a bound (time, bytes) is reached.
 * Nothing is normalised: what {@link encodeRaw} writes is what the server gets.
 */
export function sendRaw(
  baseUrl: string,
  r: RawRequest,
  options: RawSendOptions = {},
): Promise<RawExchange> {
  const url = new URL(baseUrl);
  const bytes = encodeRaw(url.host, r);
  const maxBytes = options.maxBytes ?? 4 * 1024 * 1024;
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;
    const socket = connect({ host: url.hostname, port: Number(url.port) });
    const finish = (end: RawExchange['end']): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(parseResponses(Buffer.concat(chunks), r.method, end));
    };
    const timer = setTimeout(() => finish('timeout'), options.timeoutMs ?? 10_000);
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      received += chunk.byteLength;
      if (received >= maxBytes) finish('timeout');
    });
    socket.on('end', () => finish('closed'));
    socket.on('close', () => finish('closed'));
    // A server that answers and resets before reading everything: what arrived still counts.
    socket.on('error', () => finish('reset'));
    socket.write(bytes);
  });
}

interface Head {
  readonly status: number;
  readonly headers: Array<readonly [string, string]>;
}

function parseHead(text: string): Head | undefined {
  const [statusLine = '', ...lines] = text.split('\r\n');
  // A bare CR or LF in the reason phrase (RFC 9112 forbids both) makes it no status line.
  const m = /^HTTP\/1\.[01] (\d{3})(?: .*)?$/.exec(statusLine);
  if (m === null) return undefined;
  const headers: Array<readonly [string, string]> = [];
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) return undefined;
    headers.push([line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()]);
  }
  return { status: Number(m[1]), headers };
}

// The decoded body of a chunked message starting at `at`, and where the message ends.
function dechunk(buf: Buffer, at: number): { body: Buffer; next: number } | undefined {
  const parts: Buffer[] = [];
  // Each round consumes at least one line, so the loop is bounded by the buffer.
  while (at < buf.length) {
    const eol = buf.indexOf('\r\n', at);
    if (eol === -1) return undefined;
    const size = Number.parseInt(buf.subarray(at, eol).toString('latin1'), 16);
    if (!Number.isSafeInteger(size) || size < 0) return undefined;
    if (size === 0) {
      const end = buf.indexOf('\r\n\r\n', eol);
      return end === -1 ? undefined : { body: Buffer.concat(parts), next: end + 4 };
    }
    if (eol + 2 + size + 2 > buf.length) return undefined;
    parts.push(buf.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
  return undefined;
}

/** Splits the bytes a server sent into complete responses. */
export function parseResponses(buf: Buffer, method: string, end: RawExchange['end']): RawExchange {
  const responses: ClientResponse[] = [];
  let at = 0;
  while (at < buf.length) {
    const headEnd = buf.indexOf('\r\n\r\n', at);
    if (headEnd === -1) break;
    const head = parseHead(buf.subarray(at, headEnd).toString('latin1'));
    if (head === undefined) break;
    const start = headEnd + 4;
    if (head.status < 200) {
      at = start;
      continue;
    }
    const value = (name: string): string | undefined => head.headers.find(([n]) => n === name)?.[1];
    // A HEAD answer carries no body, but a parser's rejection of a HEAD request
    // may (a framework's JSON 400): bytes that are not a next response are a body.
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
    } else if (value('transfer-encoding')?.toLowerCase().includes('chunked')) {
      const c = dechunk(buf, start);
      if (c === undefined) break;
      ({ body, next } = c);
    } else if (value('content-length') !== undefined) {
      const length = Number(value('content-length'));
      if (!Number.isSafeInteger(length) || start + length > buf.length) break;
      body = buf.subarray(start, start + length);
      next = start + length;
    } else {
      // No framing (Node's own `connection: close` answers): the body runs to the close.
      if (end !== 'closed') break;
      body = buf.subarray(start);
      next = buf.length;
    }
    responses.push({ status: head.status, headers: head.headers, body: new Uint8Array(body) });
    at = next;
  }
  return { responses, rest: new Uint8Array(buf.subarray(at)), end };
}
