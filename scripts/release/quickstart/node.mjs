import { createServer } from 'node:http';
import { createStatuskit, defineRoute } from '@statuskit/core';
import { toNodeListener } from '@statuskit/node';

const hello = defineRoute({ method: 'GET', path: '/hello/{name}' }, ({ params }) => ({
  message: `Hello, ${params.name}!`,
}));
const kit = createStatuskit([hello]);
const server = createServer(toNodeListener(kit));
server.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () =>
  console.log(`Listening on http://127.0.0.1:${server.address().port}`),
);
