import type { RunningServer } from '@statuskit/conformance';
import { seedApp } from '@statuskit/conformance/fixture';
import { serveReference } from '@statuskit/conformance/reference';
import { createStatuskit } from '@statuskit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { adapter } from '../src/testing.js';
import { type Answer, header, json, type Send, send } from './helpers/client.js';
import { until } from './helpers/koa.js';

// Every seed scenario (docs/seed-scenarios.md) plus body edge cases, answered by
// Koa and by the bare node:http reference adapter: status, every header and the body
// bytes must be identical, with and without @koa/bodyparser, under both policies.

const item = { name: 'Saw', price: 12.5 };
const big = JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024), price: 1 });

const scenarios: Record<string, Send[]> = {
  'S01 get item': [{ path: '/items/1' }],
  'S02 missing item': [{ path: '/items/999' }],
  'S03 create': [json('POST', '/items', item), { path: '/items/2' }],
  'S04 declared 201 + model': [json('POST', '/items/declared', { ...item, extra: true })],
  'S05 invalid body': [json('POST', '/items', { name: '', price: -1 })],
  'S06 malformed JSON': [json('POST', '/items', '{"name": "Saw",')],
  'S07 delete': [{ method: 'DELETE', path: '/items/1' }, { path: '/items/1' }],
  'S08 delete missing': [{ method: 'DELETE', path: '/items/999' }],
  'S09 declared 204 drops body': [{ method: 'PUT', path: '/items/1/touch' }],
  'S10 empty 404': [{ path: '/status' }],
  'S11 number is a body': [{ path: '/status/number' }],
  'S12 json 202': [{ path: '/accepted' }],
  'S13 text': [{ path: '/text' }],
  'S14 redirect': [{ path: '/old-items/1' }],
  'S15 301': [{ path: '/moved' }],
  'S16 explicit beats declared': [{ path: '/override' }],
  'S17 raise beats declared': [{ path: '/override/raise' }],
  'S18 teapot': [{ path: '/teapot' }],
  'S19 boom': [{ path: '/boom' }],
  'S22 late status change': [{ method: 'POST', path: '/process/late' }],
  'S23 maybe': [{ path: '/items/1/maybe' }, { path: '/items/999/maybe' }],
  'S24 auth': [{ path: '/auth' }],
  'S25 openapi': [{ path: '/openapi.json' }],
  'S26 not found': [{ path: '/nope' }],
  'S27 405': [{ method: 'PATCH', path: '/items/1/maybe' }],
  'S28 HEAD': [
    { method: 'HEAD', path: '/items/1' },
    { method: 'HEAD', path: '/nope' },
  ],
  'S29 too large': [json('POST', '/items/declared', big)],
  'S29 too large, unknown route': [json('POST', '/nope', big)],
  'S30 trailing slash': [{ path: '/items/1/' }, { path: '/items/1/?q=1' }],
  'empty JSON body': [
    {
      method: 'POST',
      path: '/items',
      headers: { 'content-type': 'application/json', 'content-length': 0 },
    },
  ],
  'no content-type': [{ method: 'POST', path: '/items', body: JSON.stringify(item) }],
  'text/plain body': [
    { method: 'POST', path: '/items', headers: { 'content-type': 'text/plain' }, body: 'hi' },
  ],
  'top-level array': [json('POST', '/items', '[1]')],
  'malformed JSON, no body route': [json('POST', '/process', '{')],
  'malformed JSON, unknown route': [json('POST', '/nope', '{')],
  'malformed JSON, 405': [json('PATCH', '/items/1/maybe', '{')],
  'JSON charset param': [
    {
      ...json('POST', '/items', item),
      headers: { 'content-type': 'application/json; charset=utf-8' },
    },
  ],
  'DELETE with a body': [json('DELETE', '/items/1', { why: 'because' })],
  'chunked body': [
    {
      ...json('POST', '/items', item),
      headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
    },
  ],
  'chunked too large': [
    {
      ...json('POST', '/items', big),
      headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
    },
  ],
  'form body': [
    {
      method: 'POST',
      path: '/items',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'name=Saw&price=1',
    },
  ],
  'scalar JSON body': [json('POST', '/items', '5')],
  'scalar JSON body the route accepts': [json('POST', '/process/late', '0')],
  'invalid UTF-8': [
    { ...json('POST', '/items', Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d])) },
  ],
  'deep JSON': [json('POST', '/items', `${'['.repeat(200)}${']'.repeat(200)}`)],
  'deep JSON, object': [
    json('POST', '/items', `{"name":"a","price":1,"x":${'['.repeat(200)}${']'.repeat(200)}}`),
  ],
  'bad percent-encoding': [{ path: '/items/%ZZ' }],
  'query string': [{ path: '/items/1?x=1&x=2' }],
};

// With @koa/bodyparser, by design (README "With your own body parser"): JSON its strict mode
// refuses (a top-level scalar, a __proto__ key) gets the core's validation, and the parser's
// 400 where the handler would run (it never runs from the error path).
const parserDiffers: Record<string, number> = { 'scalar JSON body the route accepts': 400 };

type Mode = { policy: 'rest' | 'fastapi'; bodyParser: boolean };
const modes: Mode[] = [
  { policy: 'rest', bodyParser: false },
  { policy: 'rest', bodyParser: true },
  { policy: 'fastapi', bodyParser: false },
  { policy: 'fastapi', bodyParser: true },
];

const open: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

function kitFor(policy: Mode['policy']) {
  const seed = seedApp({ policy });
  return { kit: createStatuskit(seed.routes, seed.options), state: seed.state };
}

async function both(mode: Mode) {
  const k = kitFor(mode.policy);
  const r = kitFor(mode.policy);
  const koa = await adapter.start(k.kit, { bodyParser: mode.bodyParser });
  const ref = await serveReference(r.kit);
  open.push(koa, ref);
  return { koa, ref, koaState: k.state, refState: r.state };
}

function shape(a: Answer) {
  return { status: a.status, headers: a.headers, body: a.body.toString('latin1') };
}

for (const mode of modes) {
  describe(`koa ${mode.policy}${mode.bodyParser ? ' + @koa/bodyparser' : ''}`, () => {
    for (const [name, steps] of Object.entries(scenarios)) {
      const differs = mode.bodyParser ? parserDiffers[name] : undefined;
      if (differs !== undefined) {
        it(`${name}: answered by the core (${differs}), the parser's way`, async () => {
          const { koa } = await both(mode);
          const a = await send(koa.url, steps[0]!);
          expect(a.status).toBe(differs);
          expect(header(a, 'content-type')).toBe('application/json');
          expect(JSON.parse(a.body.toString())).toHaveProperty('detail');
        });
        continue;
      }
      it(`${name}: same bytes as node:http`, async () => {
        const { koa, ref } = await both(mode);
        for (const step of steps) {
          const [a, b] = await Promise.all([send(koa.url, step), send(ref.url, step)]);
          expect(shape(a), `${step.method ?? 'GET'} ${step.path}`).toEqual(shape(b));
        }
      });
    }

    it('S20/S21 background task runs after the response, then shows in the log', async () => {
      const { koa, koaState } = await both(mode);
      const a = await send(koa.url, { method: 'POST', path: '/process' });
      expect(a.status).toBe(202);
      expect(JSON.parse(a.body.toString())).toEqual({ message: 'Accepted for processing' });
      await until(() => koaState.tasks.length > 0, 'the background task');
      const log = await send(koa.url, { path: '/process/log' });
      expect(JSON.parse(log.body.toString())).toEqual({ tasks: ['process'], errors: [] });
    });

    it('S22 the late status change is reported, not sent', async () => {
      const { koa, koaState } = await both(mode);
      const a = await send(koa.url, { method: 'POST', path: '/process/late' });
      expect(a.status).toBe(202);
      await until(() => koaState.tasks.length > 0, 'the background task');
      expect(koaState.tasks).toEqual(['late']);
      expect(koaState.backgroundErrors).toEqual(['STATUSKIT_STATUS_FROZEN']);
    });
  });
}

describe('koa rest: the seed table, spelled out', () => {
  const mode: Mode = { policy: 'rest', bodyParser: true };
  it('S01/S07/S19/S28/S29: exact answers', async () => {
    const { koa } = await both(mode);
    const get = await send(koa.url, { path: '/items/1' });
    expect(get.status).toBe(200);
    expect(get.body.toString()).toBe('{"id":1,"name":"Hammer","price":9.5}');
    expect(header(get, 'content-type')).toBe('application/json');
    const head = await send(koa.url, { method: 'HEAD', path: '/items/1' });
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(header(head, 'content-length')).toBe(header(get, 'content-length'));
    const boom = await send(koa.url, { path: '/boom' });
    expect(boom.status).toBe(500);
    expect(boom.body.toString()).toBe('{"detail":"Internal Server Error"}');
    expect(JSON.stringify(boom)).not.toContain('secret');
    const malformed = await send(koa.url, json('POST', '/items', '{"name":'));
    expect(malformed.status).toBe(422);
    expect(JSON.parse(malformed.body.toString()).detail[0].type).toBe('json_invalid');
    const large = await send(koa.url, json('POST', '/items/declared', big));
    expect(large.status).toBe(413);
    expect(large.body.toString()).toBe('{"detail":"Content Too Large"}');
    const del = await send(koa.url, { method: 'DELETE', path: '/items/1' });
    expect(del.status).toBe(204);
    expect(del.body.length).toBe(0);
    expect(header(del, 'content-type')).toBeUndefined();
  });
});
