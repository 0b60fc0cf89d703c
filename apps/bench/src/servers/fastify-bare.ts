import Fastify from 'fastify';
import { HttpError } from '../shared/http-error.js';
import { checkItem } from '../shared/item.js';
import { announce } from '../shared/serve.js';
import { CREATED_ID, findItem, NOT_FOUND_DETAIL } from '../shared/store.js';

const app = Fastify({ logger: false });

app.get<{ Params: { id: string } }>('/items/:id', async (req, reply) => {
  const item = findItem(req.params.id);
  if (item === undefined) {
    reply.code(404);
    return { detail: NOT_FOUND_DETAIL };
  }
  return item;
});

// Fastify's own JSON parser; validation by hand (no JSON schema), like the
// statuskit side's hand-written request model.
app.post('/items', async (req, reply) => {
  const r = checkItem(req.body);
  if (!r.ok) {
    reply.code(422);
    return { detail: r.issues };
  }
  reply.code(201);
  return { id: CREATED_ID, name: r.value.name, price: r.value.price };
});

// Thrown errors go to Fastify's default error handler (status from statusCode).
app.get<{ Params: { id: string } }>('/raise/:id', async (req) => {
  const item = findItem(req.params.id);
  if (item === undefined) throw new HttpError(404, NOT_FOUND_DETAIL);
  return item;
});

app.get<{ Params: { id: string } }>('/return/:id', async (req, reply) => {
  const item = findItem(req.params.id);
  if (item === undefined) {
    reply.code(404);
    return { detail: NOT_FOUND_DETAIL };
  }
  return item;
});

app.delete<{ Params: { id: string } }>('/items/:id', async (req, reply) => {
  if (findItem(req.params.id) === undefined) throw new HttpError(404, NOT_FOUND_DETAIL);
  reply.code(204).send();
  return reply;
});

await app.listen({ port: 0, host: '127.0.0.1' });
announce(app.server, () => app.close());
