import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { checkItem } from '../shared/item.js';
import { announce, closeServer } from '../shared/serve.js';
import { CREATED_ID, findItem, NOT_FOUND_DETAIL } from '../shared/store.js';

// The floor under every framework: node:http with a hand-written router.
// Beside node-statuskit it shows what the core itself costs, with no
// framework in between.

function send(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const parts = (q === -1 ? url : url.slice(0, q)).split('/');
  const [, head, id] = parts;
  if (parts.length === 3 && head === 'items' && id !== undefined) {
    const item = findItem(id);
    if (req.method === 'GET')
      return send(res, item ? 200 : 404, item ?? { detail: NOT_FOUND_DETAIL });
    if (req.method === 'DELETE') {
      if (item === undefined) return send(res, 404, { detail: NOT_FOUND_DETAIL });
      res.writeHead(204).end();
      return;
    }
  }
  if (parts.length === 2 && head === 'items' && req.method === 'POST') {
    let body: unknown;
    try {
      body = await readJson(req);
    } catch {
      return send(res, 422, { detail: 'Invalid JSON' });
    }
    const r = checkItem(body);
    if (!r.ok) return send(res, 422, { detail: r.issues });
    return send(res, 201, { id: CREATED_ID, name: r.value.name, price: r.value.price });
  }
  if (parts.length === 3 && (head === 'raise' || head === 'return') && req.method === 'GET') {
    const item = findItem(id!);
    return send(res, item ? 200 : 404, item ?? { detail: NOT_FOUND_DETAIL });
  }
  send(res, 404, { detail: 'Not Found' });
}

const server = createServer((req, res) => {
  route(req, res).catch(() => send(res, 500, { detail: 'Internal Server Error' }));
});
server.listen(0, '127.0.0.1', () => announce(server, () => closeServer(server)));
