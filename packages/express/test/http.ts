import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';

/** What the client saw: exact status, headers and body bytes as text. */
export interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** One request over a fresh connection (no keep-alive), JSON content type when a body is given. */
export function send(
  base: string,
  method: string,
  path: string,
  body?: string | Buffer,
  headers: Record<string, string> = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const h: Record<string, string> = { ...headers };
    if (body !== undefined) {
      h['content-type'] ??= 'application/json';
      h['content-length'] ??= String(Buffer.byteLength(body));
    }
    const req = request(`${base}${path}`, { method, headers: h, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** JSON-decodes an answer's body. */
export function json(answer: Answer): unknown {
  return JSON.parse(answer.body);
}

/** Listens on 127.0.0.1, port 0; `close` ends every socket, then the server. */
export async function listenApp(
  app: Express,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
