import { createServer } from 'node:http';
import { createStatuskit, defineRoute, defineSecurity } from '@statuskit/core';
import { docsRoutes } from '@statuskit/docs';
import { toNodeListener } from '@statuskit/node';

const bearer = defineSecurity({
  name: 'bearerAuth',
  scheme: { type: 'http', scheme: 'bearer' },
  verify: (token) => (token === 'admin-token' ? { name: 'ada' } : undefined),
});
const routes = [
  defineRoute({ method: 'GET', path: '/hello/{name}' }, ({ params }) => ({
    message: `Hello, ${params.name}!`,
  })),
  defineRoute({ method: 'GET', path: '/me', security: bearer }, ({ auth }) => auth),
];
const kit = createStatuskit([
  ...routes,
  ...docsRoutes(routes, {
    openapi: { info: { title: 'Hello', version: '1.0.0' } },
    enabled: process.env.NODE_ENV !== 'production',
  }),
]);
const server = createServer(toNodeListener(kit));
server.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () =>
  console.log(`Listening on http://127.0.0.1:${server.address().port}`),
);
