import Fastify from 'fastify';
import {
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { HttpError } from '../../shared/http-error.js';
import { announce } from '../../shared/serve.js';
import { CREATED_ID, findItem, NOT_FOUND_DETAIL } from '../../shared/store.js';
import { ItemIn } from '../../shared/zod-item.js';

// Fastify with fastify-type-provider-zod, as its README sets it up. Only the
// request body has a schema, as on every contender of the peers phase: a
// response schema would add zod's encode to each answer here and nowhere else.
const app = Fastify({ logger: false });
app.setValidatorCompiler(validatorCompiler);
app.setSerializerCompiler(serializerCompiler);
const r = app.withTypeProvider<ZodTypeProvider>();

// A thrown error with a statusCode goes to Fastify's default error handler.
r.get<{ Params: { id: string } }>('/items/:id', async (req) => {
  const item = findItem(req.params.id);
  if (item === undefined) throw new HttpError(404, NOT_FOUND_DETAIL);
  return item;
});

r.post('/items', { schema: { body: ItemIn } }, async (req, reply) => {
  reply.code(201);
  return { id: CREATED_ID, name: req.body.name, price: req.body.price };
});

r.delete<{ Params: { id: string } }>('/items/:id', async (req, reply) => {
  if (findItem(req.params.id) === undefined) throw new HttpError(404, NOT_FOUND_DETAIL);
  reply.code(204).send();
  return reply;
});

await app.listen({ port: 0, host: '127.0.0.1' });
announce(app.server, () => app.close());
