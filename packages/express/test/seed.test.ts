import type { RunningServer } from '@statuskit/conformance';
import { type Policy, seedApp } from '@statuskit/conformance/fixture';
import { createStatuskit } from '@statuskit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { start } from '../src/testing.js';
import { type Answer, json, send } from './http.js';

// The seed scenarios (docs/seed-scenarios.md) on Express, with and without
// express.json() in front: the answers must be the same byte for byte.

const item = JSON.stringify({ name: 'Saw', price: 12 });
const JSON_TYPE = 'application/json';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function boot(policy: Policy, bodyParser: boolean): Promise<string> {
  const seed = seedApp({ policy });
  server = await start(createStatuskit(seed.routes, seed.options), { bodyParser });
  return server.url;
}

function expectJson(a: Answer, status: number, body: unknown): void {
  expect(a.status).toBe(status);
  expect(a.headers['content-type']).toBe(JSON_TYPE);
  expect(a.headers['content-length']).toBe(String(Buffer.byteLength(a.body)));
  expect(json(a)).toEqual(body);
}

describe.each([
  ['rest', false],
  ['rest', true],
  ['fastapi', false],
  ['fastapi', true],
] as const)('express seed (%s policy, express.json(): %s)', (policy, parser) => {
  const rest = policy === 'rest';

  it('S01-S04 read and create', async () => {
    const url = await boot(policy, parser);
    expectJson(await send(url, 'GET', '/items/1'), 200, { id: 1, name: 'Hammer', price: 9.5 });
    expectJson(await send(url, 'GET', '/items/999'), 404, { detail: 'Item not found' });
    expectJson(await send(url, 'POST', '/items', item), rest ? 201 : 200, {
      id: 2,
      name: 'Saw',
      price: 12,
    });
    expectJson(await send(url, 'POST', '/items/declared', item), 201, {
      id: 3,
      name: 'Saw',
      price: 12,
    });
  });

  it('S05/S06 invalid, malformed, empty and non-object bodies answer 422', async () => {
    const url = await boot(policy, parser);
    const invalid = await send(url, 'POST', '/items', '{"name":"","price":-1}');
    expect(invalid.status).toBe(422);
    expect((json(invalid) as { detail: { loc: unknown }[] }).detail.map((d) => d.loc)).toEqual([
      ['body', 'name'],
      ['body', 'price'],
    ]);
    expectJson(await send(url, 'POST', '/items', '{"name":'), 422, {
      detail: [{ type: 'json_invalid', loc: ['body', 8], msg: 'JSON decode error', input: {} }],
    });
    expectJson(await send(url, 'POST', '/items', ''), 422, {
      detail: [{ type: 'missing', loc: ['body'], msg: 'Field required', input: null }],
    });
    // A bare string: express.json() (strict) refuses it before statuskit, but the core still
    // reads it and the model says no, as without a parser; no handler runs on either path.
    const scalar = await send(url, 'POST', '/items', '"x"');
    expect(scalar.status).toBe(422);
    expect((json(scalar) as { detail: { type: string }[] }).detail[0]?.type).toBe(
      'model_attributes_type',
    );
  });

  it('S07-S09 delete and touch', async () => {
    const url = await boot(policy, parser);
    const gone = await send(url, 'DELETE', '/items/1');
    if (rest) {
      expect(gone.status).toBe(204);
      expect(gone.headers['content-type']).toBeUndefined();
      expect(gone.body).toBe('');
    } else expectJson(gone, 200, null);
    expectJson(await send(url, 'DELETE', '/items/999'), 404, { detail: 'Item not found' });
    await send(url, 'POST', '/items', item);
    const touched = await send(url, 'PUT', '/items/2/touch');
    expect([
      touched.status,
      touched.body,
      touched.headers['content-type'],
      touched.headers['content-length'],
    ]).toEqual([204, '', undefined, undefined]);
  });

  it('S10-S19 explicit responses, redirects and errors', async () => {
    const url = await boot(policy, parser);
    const status = await send(url, 'GET', '/status');
    expect([status.status, status.body, status.headers['content-length']]).toEqual([404, '', '0']);
    expectJson(await send(url, 'GET', '/status/number'), 200, 404);
    expectJson(await send(url, 'GET', '/accepted'), 202, { msg: 'ok' });
    const text = await send(url, 'GET', '/text');
    expect([text.status, text.headers['content-type'], text.body]).toEqual([
      200,
      'text/plain; charset=utf-8',
      'ok',
    ]);
    const old = await send(url, 'GET', '/old-items/1');
    expect([old.status, old.headers.location]).toEqual([307, '/items/1']);
    const moved = await send(url, 'GET', '/moved');
    expect([moved.status, moved.headers.location]).toEqual([301, '/items/1']);
    expectJson(await send(url, 'GET', '/override'), 202, { msg: 'explicit' });
    expectJson(await send(url, 'GET', '/override/raise'), 409, { detail: 'Conflict' });
    const teapot = await send(url, 'GET', '/teapot');
    expectJson(teapot, 418, { detail: { reason: 'short and stout' } });
    expect(teapot.headers['x-error']).toBe('teapot');
    const boom = await send(url, 'GET', '/boom');
    expectJson(boom, 500, { detail: 'Internal Server Error' });
    expect(JSON.stringify(boom)).not.toContain('secret');
  });

  it('S20-S22 background tasks run after the response and cannot change it', async () => {
    const url = await boot(policy, parser);
    expectJson(await send(url, 'POST', '/process'), 202, { message: 'Accepted for processing' });
    expectJson(await send(url, 'POST', '/process/late'), 202, {
      message: 'Accepted for processing',
    });
    let log: unknown;
    for (let i = 0; i < 50; i++) {
      log = json(await send(url, 'GET', '/process/log'));
      if ((log as { tasks: string[] }).tasks.length === 2) break;
    }
    expect(log).toEqual({ tasks: ['process', 'late'], errors: ['STATUSKIT_STATUS_FROZEN'] });
  });

  it('S23-S30 routing, HEAD, auth, openapi, limits', async () => {
    const url = await boot(policy, parser);
    expectJson(await send(url, 'GET', '/items/999/maybe'), 404, { detail: 'Item not found' });
    const auth = await send(url, 'GET', '/auth');
    expectJson(auth, 401, { detail: 'Not authenticated' });
    expect(auth.headers['www-authenticate']).toBe('Bearer');
    const openapi = await send(url, 'GET', '/openapi.json');
    expect(openapi.status).toBe(200);
    expect((json(openapi) as { openapi: string }).openapi).toMatch(/^3\.1/);
    expectJson(await send(url, 'GET', '/nope'), 404, { detail: 'Not Found' });
    const patch = await send(url, 'PATCH', '/items/1/maybe');
    expectJson(patch, 405, { detail: 'Method Not Allowed' });
    expect(patch.headers.allow).toBe('GET, HEAD');
    const get = await send(url, 'GET', '/items/1');
    const head = await send(url, 'HEAD', '/items/1');
    expect([
      head.status,
      head.body,
      head.headers['content-type'],
      head.headers['content-length'],
    ]).toEqual([200, '', JSON_TYPE, get.headers['content-length']]);
    const big = JSON.stringify({ name: 'x', price: 1, pad: 'a'.repeat(2 * 1024 * 1024) });
    expectJson(await send(url, 'POST', '/items/declared', big), 413, {
      detail: 'Content Too Large',
    });
    const slash = await send(url, 'GET', '/items/1/?q=1');
    expect([slash.status, slash.headers.location]).toEqual([307, '/items/1?q=1']);
    expectJson(await send(url, 'GET', '/items/%zz'), 400, { detail: 'Bad Request' });
  });
});
