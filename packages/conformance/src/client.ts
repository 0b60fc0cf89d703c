import { type IncomingMessage, request } from 'node:http';
import type { CaseRequest } from './case.js';

/** An answer exactly as it came off the wire. */
export interface ClientResponse {
  readonly status: number;
  /** Header pairs in wire order, names lower-cased, duplicates kept. */
  readonly headers: ReadonlyArray<readonly [name: string, value: string]>;
  readonly body: Uint8Array;
}

/** Options of {@link send}. */
export interface SendOptions {
  /** Give up after this long; default 10 s, so a hanging server fails a case instead of the run. */
  readonly timeoutMs?: number;
}

const CHUNK = 64 * 1024;

function bodyBytes(body: CaseRequest['body']): Buffer | undefined {
  if (body === undefined) return undefined;
  return typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body.base64, 'base64');
}

function rawPairs(res: IncomingMessage): Array<readonly [string, string]> {
  const out: Array<readonly [string, string]> = [];
  for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) {
    out.push([res.rawHeaders[i]!.toLowerCase(), res.rawHeaders[i + 1]!]);
  }
  return out;
}

/**
 * Sends one request with node:http: no agent (one connection per request, so
 * `close()` never waits on keep-alive), no redirect following, raw headers.
 * A server that answers early (413) and resets the connection while the body
 * is still being sent still counts as having answered, once its response was
 * received in full.
 */
export function send(
  baseUrl: string,
  req: CaseRequest,
  options: SendOptions = {},
): Promise<ClientResponse> {
  const url = new URL(baseUrl);
  const payload = bodyBytes(req.body);
  const headers: Record<string, string> = { ...req.headers };
  if (payload !== undefined && !req.chunked && !hasHeader(headers, 'content-length')) {
    headers['content-length'] = String(payload.byteLength);
  }
  const timeoutMs = options.timeoutMs ?? 10_000;
  return new Promise<ClientResponse>((resolve, reject) => {
    let settled = false;
    let response: IncomingMessage | undefined;
    const chunks: Buffer[] = [];
    const client = request({
      host: url.hostname,
      port: Number(url.port),
      method: req.method,
      path: req.path,
      headers,
      agent: false,
    });
    const timer = setTimeout(
      () => fail(new Error(`no complete response within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const finish = (): void => {
      if (settled || response === undefined) return;
      settled = true;
      clearTimeout(timer);
      resolve({
        status: response.statusCode ?? 0,
        headers: rawPairs(response),
        body: new Uint8Array(Buffer.concat(chunks)),
      });
      client.destroy();
    };
    const fail = (error: Error): void => {
      if (settled) return;
      // The server may answer and close before the request body is fully sent.
      if (response?.complete) {
        finish();
        return;
      }
      settled = true;
      clearTimeout(timer);
      client.destroy();
      const phase = response === undefined ? 'before a response' : 'while reading the response';
      reject(new Error(`${req.method} ${req.path}: ${error.message} ${phase}`));
    };
    client.on('response', (res) => {
      response = res;
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', finish);
      res.on('error', fail);
      res.on('aborted', () => fail(new Error('connection aborted')));
    });
    client.on('error', fail);
    writeBody(client, payload, () => response !== undefined || settled);
  });
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name);
}

// Writes in chunks and honours backpressure; stops once the server has answered,
// so a 413 is not followed by megabytes the server no longer reads.
function writeBody(
  client: ReturnType<typeof request>,
  payload: Buffer | undefined,
  answered: () => boolean,
): void {
  if (payload === undefined) {
    client.end();
    return;
  }
  let offset = 0;
  const pump = (): void => {
    while (offset < payload.byteLength) {
      if (answered() || client.destroyed) return;
      const end = Math.min(offset + CHUNK, payload.byteLength);
      const more = client.write(payload.subarray(offset, end));
      offset = end;
      if (!more) {
        client.once('drain', pump);
        return;
      }
    }
    client.end();
  };
  pump();
}
