import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient } from '@statuskit/client';
import { createStatuskit, defineRoute } from '@statuskit/core';
import { toNodeListener } from '@statuskit/node';
import { z } from 'zod';

// The server's routes. In an app they live in their own module; the client
// side imports them with `import type`, so no server code reaches it.
const Item = z.object({ id: z.number(), name: z.string() });
const Message = z.object({ detail: z.string() });
const items = new Map([[1, { id: 1, name: 'hammer' }]]);

export const routes = [
  defineRoute(
    {
      method: 'GET',
      path: '/items/{id}',
      request: { params: z.object({ id: z.coerce.number() }) },
      response: Item,
      responses: { 404: { description: 'No such item', model: Message } },
    },
    ({ params, error }) => {
      const item = items.get(params.id);
      if (item === undefined) throw error(404, 'Item not found');
      return item;
    },
  ),
] as const;

const server = createServer(toNodeListener(createStatuskit(routes)));
await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
const { port } = server.address() as AddressInfo;

// The client: typed from `typeof routes`, every answer discriminated by status.
const api = createClient<typeof routes>(`http://127.0.0.1:${port}`);

const found = await api.request('GET /items/{id}', { params: { id: 1 } });
if (found.status === 200) console.log(found.status, found.body.name); // 200 hammer

const missing = await api.get('/items/{id}', { params: { id: 2 } });
if (missing.status === 404) console.log(missing.status, missing.body.detail); // 404 Item not found

const invalid = await api.get('/items/{id}', { params: { id: 'x' } });
if (invalid.status === 422) console.log(invalid.status, invalid.body.detail[0]?.loc); // 422 [ 'path', 'id' ]

server.close();
