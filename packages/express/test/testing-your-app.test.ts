// docs/testing.md, "Express": the snippet there, run as our own test.
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createStatuskit, defineRoute, HttpException } from '@statuskit/core';
import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { statuskit } from '../src/index.js';

const Item = z.object({ name: z.string().min(1) });
const saved: string[] = [];
const routes = [
  defineRoute({ method: 'GET', path: '/items/{id}' }, ({ params }) => {
    if (params.id !== '1') throw new HttpException(404, 'Item not found');
    return { id: 1, name: 'Hammer' };
  }),
  defineRoute(
    { method: 'POST', path: '/items', request: { body: Item } },
    ({ body, background }) => {
      background.add(() => saved.push(body.name));
      return { id: 2, ...body };
    },
  ),
];

describe('testing an Express app with statuskit, with supertest', () => {
  const app = express();
  app.use(express.json());
  app.use(statuskit(createStatuskit(routes)));
  app.get('/health', (_req, res) => {
    res.json({ ok: true });
  });
  // supertest's request(app) listens on every interface; a server on the loopback does the same job.
  let server: Server;
  beforeAll(async () => {
    server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('gets the status, headers and body the core decided', async () => {
    const res = await request(server).get('/items/1').expect(200);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.body).toEqual({ id: 1, name: 'Hammer' });
    await request(server).get('/items/2').expect(404, { detail: 'Item not found' });
    await request(server).put('/items/1').expect('allow', 'GET, HEAD').expect(405);
  });

  it('sends JSON: 201 under the rest policy, 422 with every problem', async () => {
    await request(server).post('/items').send({ name: 'Saw' }).expect(201, { id: 2, name: 'Saw' });
    const bad = await request(server).post('/items').send({ name: '' }).expect(422);
    expect(bad.body.detail[0].loc).toEqual(['body', 'name']);
    // Background tasks run after the response: poll for them (bounded).
    for (let i = 0; i < 100 && !saved.includes('Saw'); i++) {
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(saved).toContain('Saw');
  });

  it('leaves the app’s own routes alone', async () => {
    await request(server).get('/health').expect(200, { ok: true });
    expect((server.address() as AddressInfo).address).toBe('127.0.0.1');
  });
});
