import { serve } from '@hono/node-server';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import { announce, closeServer } from '../../shared/serve.js';
import { CREATED_ID, findItem, NOT_FOUND_DETAIL } from '../../shared/store.js';
import { ItemIn } from '../../shared/zod-item.js';

// Hono with @hono/zod-openapi on @hono/node-server, as their READMEs set it up.
// The response schemas are documentation only: zod-openapi validates requests,
// never responses, so declaring them costs nothing per request.
const ItemOut = z.object({ id: z.string(), name: z.string(), price: z.number() });
const notFound = { description: 'No such item' };

const app = new OpenAPIHono();

app.openapi(
  createRoute({
    method: 'get',
    path: '/items/{id}',
    responses: {
      200: { content: { 'application/json': { schema: ItemOut } }, description: 'The item' },
      404: notFound,
    },
  }),
  (c) => {
    const item = findItem(c.req.param('id'));
    // Hono's idiom for a thrown status: the default error handler answers it.
    if (item === undefined) throw new HTTPException(404, { message: NOT_FOUND_DETAIL });
    return c.json(item, 200);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/items',
    request: { body: { content: { 'application/json': { schema: ItemIn } }, required: true } },
    responses: {
      201: { content: { 'application/json': { schema: ItemOut } }, description: 'Created' },
    },
  }),
  (c) => {
    const body = c.req.valid('json');
    return c.json({ id: CREATED_ID, name: body.name, price: body.price }, 201);
  },
);

app.openapi(
  createRoute({
    method: 'delete',
    path: '/items/{id}',
    responses: { 204: { description: 'Deleted' }, 404: notFound },
  }),
  (c) => {
    if (findItem(c.req.param('id')) === undefined) {
      throw new HTTPException(404, { message: NOT_FOUND_DETAIL });
    }
    return c.body(null, 204);
  },
);

const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () =>
  announce(server as import('node:http').Server, () =>
    closeServer(server as import('node:http').Server),
  ),
);
