import Fastify from 'fastify';
import { HttpError } from '../../shared/http-error.js';
import { announce } from '../../shared/serve.js';
import { CREATED_ID, findItem, NOT_FOUND_DETAIL } from '../../shared/store.js';
import { ITEM_IN_JSON_SCHEMA, type NewItemIn } from '../../shared/zod-item.js';

// Bare Fastify validating with its own validator (Ajv, compiled from the JSON
// schema). No response schema, as on every contender (see fastify-zod.ts).
const app = Fastify({ logger: false });

app.get<{ Params: { id: string } }>('/items/:id', async (req) => {
  const item = findItem(req.params.id);
  if (item === undefined) throw new HttpError(404, NOT_FOUND_DETAIL);
  return item;
});

app.post<{ Body: NewItemIn }>(
  '/items',
  { schema: { body: ITEM_IN_JSON_SCHEMA } },
  async (req, reply) => {
    reply.code(201);
    return { id: CREATED_ID, name: req.body.name, price: req.body.price };
  },
);

app.delete<{ Params: { id: string } }>('/items/:id', async (req, reply) => {
  if (findItem(req.params.id) === undefined) throw new HttpError(404, NOT_FOUND_DETAIL);
  reply.code(204).send();
  return reply;
});

await app.listen({ port: 0, host: '127.0.0.1' });
announce(app.server, () => app.close());
