import { connect } from 'node:net';
import type { CoexistenceRequest } from '../cases/coexist.js';
import type { ClientResponse } from '../client.js';
import { encodeRaw, parseResponses } from '../raw-client.js';

/** Everything a server sent for one request on its own connection, as bytes. */
export interface Capture {
  readonly bytes: Buffer;
  /** The first response, parsed; undefined when none came whole. */
  readonly response: ClientResponse | undefined;
}

/**
 * Sends one request over a fresh TCP connection (`connection: close`) and
 * keeps every byte until the server closes, or the bound passes.
 */
export function capture(
  baseUrl: string,
  r: CoexistenceRequest,
  timeoutMs = 10_000,
): Promise<Capture> {
  const url = new URL(baseUrl);
  const headers = Object.entries(r.headers ?? {}) as Array<[string, string]>;
  const bytes = encodeRaw(url.host, {
    method: r.method,
    target: r.path,
    headers,
    ...(r.body === undefined ? {} : { body: r.body }),
  });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let settled = false;
    const socket = connect({ host: url.hostname, port: Number(url.port) });
    const finish = (): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const all = Buffer.concat(chunks);
      resolve({ bytes: all, response: parseResponses(all, r.method, 'closed').responses[0] });
    };
    const timer = setTimeout(finish, timeoutMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('close', finish);
    // A server that answers and resets before reading a large body: what came still counts.
    socket.on('error', finish);
    socket.write(bytes);
  });
}

/** The bytes with the header lines of `volatile` names taken out of the head. */
export function withoutVolatile(bytes: Buffer, volatile: readonly string[]): Buffer {
  const end = bytes.indexOf('\r\n\r\n');
  if (end === -1) return bytes;
  const lines = bytes.subarray(0, end).toString('latin1').split('\r\n');
  const kept = lines.filter((line, i) => {
    if (i === 0) return true;
    const name = line.slice(0, line.indexOf(':')).trim().toLowerCase();
    return !volatile.includes(name);
  });
  return Buffer.concat([Buffer.from(kept.join('\r\n'), 'latin1'), bytes.subarray(end)]);
}

/** How two answers differ, for a failure message: the first differing line of each. */
export function describeDifference(a: Buffer, b: Buffer): string {
  if (a.equals(b)) return '';
  const left = a.toString('latin1').split('\r\n');
  const right = b.toString('latin1').split('\r\n');
  const n = Math.max(left.length, right.length);
  for (let i = 0; i < n; i++) {
    if (left[i] !== right[i]) {
      const show = (s: string | undefined) => JSON.stringify((s ?? '(nothing)').slice(0, 160));
      return `line ${i + 1}: without statuskit ${show(left[i])}, with it ${show(right[i])}`;
    }
  }
  return `${a.byteLength} bytes without statuskit, ${b.byteLength} with it`;
}
