import { request } from 'node:http';

/** What came back, exactly: status, raw header pairs (lower-case names), body bytes. */
export interface Answer {
  status: number;
  headers: Array<[string, string]>;
  body: Buffer;
}

/** One request to a test server. */
export interface Send {
  method?: string;
  path: string;
  headers?: Record<string, string | number>;
  body?: string | Buffer;
}

// Per-connection noise that says nothing about the adapter.
const NOISE = new Set(['date', 'connection', 'keep-alive']);

/** Sends one request over a fresh connection (no keep-alive) and reads the whole answer. */
export function send(base: string, s: Send): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers = { ...s.headers };
    // Node sends a DELETE body unframed unless told its length.
    if (
      s.body !== undefined &&
      headers['content-length'] === undefined &&
      headers['transfer-encoding'] === undefined
    )
      headers['content-length'] = Buffer.byteLength(s.body);
    const req = request(
      `${base}${s.path}`,
      { method: s.method ?? 'GET', headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const headers: Array<[string, string]> = [];
          for (let i = 0; i < res.rawHeaders.length; i += 2) {
            const name = res.rawHeaders[i]!.toLowerCase();
            if (!NOISE.has(name)) headers.push([name, res.rawHeaders[i + 1]!]);
          }
          resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks) });
        });
      },
    );
    req.on('error', reject);
    req.end(s.body);
  });
}

/** JSON request helper. */
export function json(method: string, path: string, body: unknown): Send {
  return {
    method,
    path,
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body),
  };
}

/** First value of a header in an answer. */
export function header(a: Answer, name: string): string | undefined {
  return a.headers.find(([n]) => n === name)?.[1];
}
