import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DiagnosticCode } from '../diagnostic.js';
import { createStatuskit } from '../kit.js';
import { stream } from '../response.js';
import { defineRoute } from '../route.js';
import {
  collect,
  internal,
  recorder,
  request,
  send,
  streamOf,
  utf8,
  withBody,
} from '../test-helpers.js';

const Item = z.object({ name: z.string(), price: z.number() });
const create = defineRoute(
  { method: 'POST', path: '/items', request: { body: Item } },
  ({ body }) => body,
);

describe('content-coded request bodies', () => {
  it('answers 415 for a gzip body, whether the adapter hands over bytes or a stream', async () => {
    const kit = createStatuskit([create]);
    const asBytes = await send(
      kit,
      withBody('POST', '/items', '{"name":"a","price":1}', 'application/json', {
        'content-encoding': 'gzip',
      }),
    );
    expect(asBytes.status).toBe(415);
    expect(asBytes.json()).toEqual({ detail: 'Unsupported Media Type' });
    const asStream = await send(
      kit,
      request('POST', '/items', {
        headers: {
          'content-type': 'application/json',
          'content-length': '2',
          'content-encoding': 'br',
        },
        body: { kind: 'stream', stream: streamOf([utf8('{}')]) },
      }),
    );
    expect(asStream.status).toBe(415);
  });

  it('accepts identity coding and a body a framework parser already decoded', async () => {
    const kit = createStatuskit([create]);
    const identity = await send(
      kit,
      withBody('POST', '/items', '{"name":"a","price":1}', 'application/json', {
        'content-encoding': 'identity',
      }),
    );
    expect(identity.status).toBe(201);
    const parsed = await send(
      kit,
      request('POST', '/items', {
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
        body: { kind: 'parsed', value: { name: 'a', price: 1 } },
      }),
    );
    expect(parsed.status).toBe(201);
  });

  it('still routes first: an unknown path with a gzip body is a 404', async () => {
    const kit = createStatuskit([create]);
    const res = await send(
      kit,
      withBody('POST', '/nope', '{}', 'application/json', { 'content-encoding': 'gzip' }),
    );
    expect(res.status).toBe(404);
  });
});

describe('streamed response bodies that fail', () => {
  it('rethrows to the adapter (which cuts the connection) and reports STATUSKIT_STREAM_FAILED', async () => {
    const hooks = recorder();
    async function* dies(): AsyncGenerator<Uint8Array> {
      yield utf8('first;');
      throw new Error('disk gone');
    }
    const route = defineRoute({ method: 'GET', path: '/s' }, () =>
      stream(dies(), { contentType: 'text/plain' }),
    );
    const kit = createStatuskit([route], hooks.options);
    const exchange = internal(await kit.dispatch(request('GET', '/s')));
    const out = exchange.commit();
    expect(out.status).toBe(200);
    expect(out.body).not.toBeNull();
    await expect(collect(out.body as AsyncIterable<Uint8Array>)).rejects.toThrow('disk gone');
    expect(hooks.diagnostics.map((d) => d.code)).toEqual([DiagnosticCode.STREAM_FAILED]);
    expect(hooks.diagnostics[0]?.route).toBe('GET /s');
    expect(hooks.diagnostics[0]?.status).toBe(200);
  });

  it('passes a healthy stream through unchanged and reports nothing', async () => {
    const hooks = recorder();
    const route = defineRoute({ method: 'GET', path: '/s' }, () =>
      stream(streamOf([utf8('a'), utf8('b')]), { contentType: 'text/plain' }),
    );
    const res = await send(createStatuskit([route], hooks.options), request('GET', '/s'));
    expect(res.text()).toBe('ab');
    expect(hooks.diagnostics).toEqual([]);
  });
});

describe('a content-encoding header without a body', () => {
  it('is not a 415: there is nothing to decode', async () => {
    const touch = defineRoute({ method: 'PUT', path: '/t' }, () => undefined);
    const kit = createStatuskit([touch]);
    const none = await send(kit, request('PUT', '/t', { headers: { 'content-encoding': 'gzip' } }));
    expect(none.status).toBe(204);
    const emptyBytes = await send(
      kit,
      request('PUT', '/t', {
        headers: { 'content-encoding': 'gzip' },
        body: { kind: 'bytes', bytes: new Uint8Array(0) },
      }),
    );
    expect(emptyBytes.status).toBe(204);
  });
});

describe('a response model that throws', () => {
  const throwing = (async: boolean) =>
    ({
      '~standard': {
        version: 1,
        vendor: 'test',
        validate: () => {
          if (async) return Promise.reject(new Error('model exploded'));
          throw new Error('model exploded');
        },
      },
    }) as unknown as Parameters<typeof defineRoute>[0]['response'];

  it.each([false, true])(
    'answers 500 and reports to onError (async: %s), never rejects',
    async (async) => {
      const hooks = recorder();
      const route = defineRoute({ method: 'GET', path: '/m', response: throwing(async) }, () => ({
        a: 1,
      }));
      const res = await send(createStatuskit([route], hooks.options), request('GET', '/m'));
      expect(res.status).toBe(500);
      expect(res.json()).toEqual({ detail: 'Internal Server Error' });
      expect(hooks.errors).toHaveLength(1);
    },
  );
});
