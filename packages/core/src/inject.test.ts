import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { HttpException } from './http-exception.js';
import { inject } from './inject.js';
import { createStatuskit } from './kit.js';
import { json, stream } from './response.js';
import { defineRoute } from './route.js';

const Item = z.object({ name: z.string() });

function app() {
  const log: string[] = [];
  const kit = createStatuskit([
    defineRoute(
      { method: 'POST', path: '/items', request: { body: Item } },
      ({ body, background, setHeader }) => {
        setHeader('location', '/items/1');
        background.add(async () => {
          await new Promise<void>((r) => setTimeout(r, 5));
          log.push(`saved ${body.name}`);
        });
        return { id: 1, ...body };
      },
    ),
    defineRoute({ method: 'GET', path: '/items/{id}' }, ({ params }) => {
      if (params.id !== '1') throw new HttpException(404, 'Item not found');
      return { id: 1 };
    }),
    defineRoute({ method: 'GET', path: '/chunks' }, () =>
      stream(
        (async function* () {
          yield new TextEncoder().encode('a');
          yield new TextEncoder().encode('b');
        })(),
        { contentType: 'text/plain' },
      ),
    ),
    defineRoute({ method: 'GET', path: '/broken' }, () =>
      stream(
        (async function* () {
          yield new TextEncoder().encode('a');
          throw new Error('cut');
        })(),
      ),
    ),
  ]);
  return { kit, log };
}

describe('inject: a request to the app in memory', () => {
  it('sends JSON, gets the status, headers and body, after the background tasks ran', async () => {
    const { kit, log } = app();
    const res = await inject(kit, { method: 'POST', url: '/items', json: { name: 'pen' } });
    expect(res.status).toBe(201);
    expect(res.json()).toEqual({ id: 1, name: 'pen' });
    expect(res.headers).toEqual({
      'content-type': 'application/json',
      'content-length': '21',
      location: '/items/1',
    });
    expect(log).toEqual(['saved pen']);
  });

  it('answers as over HTTP: 422 with every issue, malformed JSON, 404, 405, HEAD', async () => {
    const { kit } = app();
    const invalid = await inject(kit, { method: 'POST', url: '/items', json: { name: 1 } });
    expect(invalid.status).toBe(422);
    expect(invalid.json()).toMatchObject({ detail: [{ loc: ['body', 'name'] }] });
    const malformed = await inject(kit, {
      method: 'POST',
      url: '/items',
      body: '{"name":',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(malformed.status).toBe(422);
    expect((await inject(kit, { url: '/items/2' })).json()).toEqual({ detail: 'Item not found' });
    expect((await inject(kit, { url: '/nope' })).status).toBe(404);
    const wrong = await inject(kit, { method: 'DELETE', url: '/items/1' });
    expect([wrong.status, wrong.headers.allow]).toEqual([405, 'GET, HEAD']);
    const head = await inject(kit, { method: 'HEAD', url: '/items/1' });
    expect([head.status, head.body, head.headers['content-length']]).toEqual([200, '', '8']);
  });

  it('collects a streamed body, and rejects when the stream fails mid-way', async () => {
    const { kit } = app();
    expect((await inject(kit, { url: '/chunks' })).body).toBe('ab');
    await expect(inject(kit, { url: '/broken' })).rejects.toThrow('cut');
  });

  it('keeps repeated headers in headerList', async () => {
    const kit = createStatuskit([
      defineRoute({ method: 'GET', path: '/c' }, () =>
        json(null, {
          headers: [
            ['set-cookie', 'a=1'],
            ['set-cookie', 'b=2'],
          ],
        }),
      ),
    ]);
    const res = await inject(kit, { url: '/c' });
    expect(res.headerList.filter(([n]) => n === 'set-cookie')).toEqual([
      ['set-cookie', 'a=1'],
      ['set-cookie', 'b=2'],
    ]);
    expect(res.headers['set-cookie']).toBe('a=1, b=2');
  });
});
