// The example app tested the framework-free way (docs/testing.md): inject() from
// @statuskit/core/testing, no server, no port, background tasks run before it resolves.
import { createStatuskit } from '@statuskit/core';
import { inject } from '@statuskit/core/testing';
import { describe, expect, it } from 'vitest';
import { exampleApp } from '../src/app.js';

const app = exampleApp('rest', () => undefined);
const kit = createStatuskit(app.routes, app.options);

describe('the example app through inject()', () => {
  it('creates an item (201) and reads it back', async () => {
    const created = await inject(kit, {
      method: 'POST',
      url: '/items',
      json: { name: 'Saw', price: 12 },
    });
    expect(created.status).toBe(201);
    const id = (created.json() as { id: number }).id;
    const read = await inject(kit, { url: `/items/${id}` });
    expect([read.status, read.json()]).toEqual([200, created.json()]);
  });

  it('answers 422 as FastAPI does, 405 with allow, 404 for what no route serves', async () => {
    const invalid = await inject(kit, { method: 'POST', url: '/items', json: { name: '' } });
    expect(invalid.status).toBe(422);
    expect((await inject(kit, { method: 'PATCH', url: '/items/1/maybe' })).headers.allow).toBe(
      'GET, HEAD',
    );
    expect((await inject(kit, { url: '/nope' })).json()).toEqual({ detail: 'Not Found' });
  });

  it('runs the background task before it resolves: the log shows it at once', async () => {
    const accepted = await inject(kit, { method: 'POST', url: '/process' });
    expect(accepted.status).toBe(202);
    const log = await inject(kit, { url: '/process/log' });
    expect(log.json()).toEqual({ tasks: ['process'], errors: [] });
  });
});
