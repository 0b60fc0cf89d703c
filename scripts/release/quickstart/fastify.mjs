import { createStatuskit, defineRoute } from '@statuskit/core';
import { statuskit } from '@statuskit/fastify';
import Fastify from 'fastify';

const hello = defineRoute({ method: 'GET', path: '/hello/{name}' }, ({ params }) => ({
  message: `Hello, ${params.name}!`,
}));
const kit = createStatuskit([hello]);
const app = await Fastify().register(statuskit, { kit, notFound: true });
console.log(
  `Listening on ${await app.listen({ port: Number(process.env.PORT ?? 3000), host: '127.0.0.1' })}`,
);
