import { request } from 'node:http';

/** What the client saw: exact status, the raw header list in order, the body as text. */
export interface Seen {
  readonly status: number;
  /** [name, value] pairs as they came over the wire, lower-cased names. */
  readonly headers: Array<[string, string]>;
  readonly body: string;
}

/** One request over a fresh connection; rejects when the server cuts the response. */
export function call(
  url: string,
  method: string,
  path: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<Seen> {
  return new Promise((resolve, reject) => {
    const h = { ...headers };
    if (body !== undefined) h['content-length'] ??= String(Buffer.byteLength(body));
    const req = request(`${url}${path}`, { method, headers: h, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('aborted', () => reject(new Error('aborted')));
      res.on('end', () => {
        const raw = res.rawHeaders;
        const pairs: Array<[string, string]> = [];
        for (let i = 0; i < raw.length; i += 2) pairs.push([raw[i]!.toLowerCase(), raw[i + 1]!]);
        // Node adds these to every response it writes; they say nothing about the writer.
        const own = pairs.filter(([n]) => n !== 'date' && n !== 'connection' && n !== 'keep-alive');
        resolve({
          status: res.statusCode ?? 0,
          headers: own,
          body: Buffer.concat(chunks).toString(),
        });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}
