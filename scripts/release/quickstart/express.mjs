import { createStatuskit, defineRoute } from '@statuskit/core';
import { statuskit } from '@statuskit/express';
import express from 'express';

const hello = defineRoute({ method: 'GET', path: '/hello/{name}' }, ({ params }) => ({
  message: `Hello, ${params.name}!`,
}));
const kit = createStatuskit([hello]);
const app = express().use(statuskit(kit, { notFound: true }));
const server = app.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () =>
  console.log(`Listening on http://127.0.0.1:${server.address().port}`),
);
