// docs/testing.md, "Koa": the snippet there, run as our own test.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { createStatuskit, defineRoute } from '@statuskit/core';
import Koa from 'koa';
import request from 'supertest';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { statuskit } from '../src/index.js';

const routes = [
  defineRoute({ method: 'GET', path: '/items/{id}' }, ({ params }) => ({ id: params.id })),
];

describe('testing a Koa app with statuskit, with supertest', () => {
  const app = new Koa().use(statuskit(createStatuskit(routes), { notFound: true }));
  let server: Server;
  beforeAll(async () => {
    server = createServer(app.callback()).listen(0, '127.0.0.1');
    await once(server, 'listening');
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('gets the core’s answers, its JSON 404 included', async () => {
    await request(server).get('/items/7').expect(200, { id: '7' });
    await request(server).get('/items/7/').expect('location', '/items/7').expect(307);
    await request(server).get('/nope').expect(404, { detail: 'Not Found' });
  });
});
