import { connect, type Socket } from 'node:net';
import { encodeRequest, type FuzzRequest } from './fuzz-request.js';
import { parseResponses, sendRaw, type WireExchange, type WireResponse } from './raw-http.js';

/** Where a server listens. */
export interface Address {
  readonly host: string;
  readonly port: number;
}

/** A plain request: method, path, optional JSON-ish body and headers. */
export interface Simple {
  readonly method: string;
  readonly path: string;
  readonly body?: string;
  readonly headers?: ReadonlyArray<readonly [string, string]>;
}

/** The wire form of a simple request (JSON content-type when it has a body). */
export function simpleRequest(r: Simple): FuzzRequest {
  const headers: Array<readonly [string, string]> = [];
  if (r.body !== undefined) headers.push(['content-type', 'application/json']);
  headers.push(...(r.headers ?? []));
  return {
    method: r.method,
    target: r.path,
    headers,
    body: { utf8: r.body ?? '' },
    framing: { kind: 'exact' },
  };
}

/** Sends one request on a fresh connection and returns the first response (or throws). */
export async function request(to: Address, r: Simple, timeoutMs = 5000): Promise<WireResponse> {
  const { bytes } = encodeRequest(simpleRequest(r));
  const ex = await sendRaw(to.host, to.port, bytes, { timeoutMs, method: r.method });
  const first = ex.responses[0];
  if (first === undefined) {
    throw new Error(
      `${r.method} ${r.path}: no response (${ex.end}); got ${JSON.stringify(ex.rest.toString('latin1').slice(0, 200))}`,
    );
  }
  return first;
}

/** The value of a header of a response (first one). */
export function header(response: WireResponse, name: string): string | undefined {
  return response.headers.find(([n]) => n === name)?.[1];
}

/**
 * A socket the test drives by hand: write part of a request, wait, abort,
 * and read what came back. `ended` resolves when the server closes (or the
 * socket fails) with everything received so far.
 */
export interface HandSocket {
  readonly socket: Socket;
  write(data: string | Uint8Array): Promise<void>;
  /** Resolves with the parsed exchange when the connection ends, or after `timeoutMs`. */
  ended(timeoutMs: number, method?: string): Promise<WireExchange>;
  /** Bytes received so far. */
  received(): Buffer;
}

/** Opens a connection for a hand-driven exchange. */
export function openSocket(to: Address): Promise<HandSocket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: to.host, port: to.port });
    const chunks: Buffer[] = [];
    let end: 'closed' | 'reset' | undefined;
    const waiters: Array<() => void> = [];
    const done = (how: 'closed' | 'reset'): void => {
      end ??= how;
      for (const w of waiters.splice(0)) w();
    };
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('end', () => done('closed'));
    socket.on('close', () => done('closed'));
    socket.on('error', () => done('reset'));
    socket.once('connect', () =>
      resolve({
        socket,
        write: (data) =>
          new Promise<void>((ok, fail) => socket.write(data, (e) => (e ? fail(e) : ok()))),
        received: () => Buffer.concat(chunks),
        ended: (timeoutMs, method = 'GET') =>
          new Promise<WireExchange>((ok) => {
            const settle = (how: WireExchange['end']): void => {
              clearTimeout(timer);
              ok(parseResponses(Buffer.concat(chunks), method, how));
            };
            const timer = setTimeout(() => settle('timeout'), timeoutMs);
            if (end !== undefined) settle(end);
            else waiters.push(() => settle(end ?? 'closed'));
          }),
      }),
    );
    socket.once('error', reject);
  });
}

/** Waits until `check` holds, polling every 10 ms, for at most `timeoutMs`. */
export async function eventually(check: () => boolean, timeoutMs = 3000): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 10));
  }
  return true;
}
