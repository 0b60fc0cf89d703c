// docs/testing.md, "Fastify": the snippet there, run as our own test. app.inject() needs
// no port at all.
import { createStatuskit, defineRoute } from '@statuskit/core';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { statuskit } from '../src/index.js';

const saved: string[] = [];
const routes = [
  defineRoute(
    { method: 'POST', path: '/items', request: { body: z.object({ name: z.string() }) } },
    ({ body, background }) => {
      background.add(() => saved.push(body.name));
      return { id: 1, ...body };
    },
  ),
];

describe('testing a Fastify app with statuskit, with app.inject()', () => {
  it('injects requests without a port; background tasks run under inject', async () => {
    const app = Fastify();
    await app.register(statuskit, { kit: createStatuskit(routes) });
    app.get('/health', async () => ({ ok: true }));

    const created = await app.inject({ method: 'POST', url: '/items', payload: { name: 'Saw' } });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toEqual({ id: 1, name: 'Saw' });
    const malformed = await app.inject({
      method: 'POST',
      url: '/items',
      headers: { 'content-type': 'application/json' },
      payload: '{"name":',
    });
    expect([malformed.statusCode, malformed.json().detail[0].type]).toEqual([422, 'json_invalid']);
    expect((await app.inject({ url: '/health' })).json()).toEqual({ ok: true });
    for (let i = 0; i < 100 && saved.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
    expect(saved).toEqual(['Saw']);
    await app.close();
  });
});
