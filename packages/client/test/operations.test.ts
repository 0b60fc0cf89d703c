// The operation poller against live servers (127.0.0.1, port 0) on each
// framework, then its bounds with a fetch of the test's own and fake timers.
import type { AdapterUnderTest, RunningServer } from '@statuskit/conformance';
import { adapter as express } from '@statuskit/express/testing';
import { adapter as fastify } from '@statuskit/fastify/testing';
import { adapter as koa } from '@statuskit/koa/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ClientError, createClient, type FetchInit, type FetchLike } from '../src/index.js';
import { openGate, operationsKit, type api as routes } from './operations-app.js';

afterAll(openGate);

const codeOf = (error: unknown): string | undefined =>
  error instanceof ClientError ? error.code : undefined;

describe.each([express, koa, fastify] as AdapterUnderTest[])('on $name', (adapter) => {
  let server: RunningServer;
  let api: ReturnType<typeof createClient<typeof routes>>;
  const sent: string[] = [];
  beforeAll(async () => {
    server = await adapter.start(operationsKit());
    const counting: FetchLike = (url, init) => {
      sent.push(`${init.method} ${url.slice(server.url.length)}`);
      return fetch(url, init);
    };
    api = createClient<typeof routes>(server.url, { fetch: counting });
  });
  afterEach(() => {
    sent.length = 0;
  });
  afterAll(() => server.close());

  it('polls the result of an operation that succeeds: its 201 and body', async () => {
    const r = await api.operation('POST /reports', { body: { name: 'q3' } }, { interval: 10 });
    if (r.status !== 201) throw new Error(`expected 201, got ${r.status}`);
    expect(r.body).toEqual({ id: 1, name: 'q3', rows: 2 });
    expect(sent[0]).toBe('POST /reports');
    expect(sent[1]).toMatch(/^GET \/operations\/[0-9a-f-]{36}\/result$/);
  });

  it('answers at once with Prefer: wait, without a poll', async () => {
    const r = await api.operation('POST /reports', { body: { name: 'q4', rows: 7 } }, { wait: 5 });
    expect([r.status, r.body]).toEqual([201, { id: 1, name: 'q4', rows: 7 }]);
    expect(sent).toEqual(['POST /reports']);
  });

  it("resolves to the work's HttpException (a declared 409) and a throw's 500", async () => {
    const taken = await api.operation(
      'POST /reports',
      { body: { name: 'taken' } },
      { interval: 10 },
    );
    if (taken.status !== 409) throw new Error(`expected 409, got ${taken.status}`);
    expect(taken.body.detail).toBe('Report exists');
    const boom = await api.operation('POST /reports', { body: { name: 'boom' } }, { interval: 10 });
    expect([boom.status, boom.body]).toEqual([500, { detail: 'Internal Server Error' }]);
  });

  it('resolves to a refused start (422) without polling', async () => {
    const r = await api.operation('POST /reports', { body: { name: '' } }, { interval: 10 });
    if (r.status !== 422) throw new Error(`expected 422, got ${r.status}`);
    expect(r.body.detail).toEqual([expect.objectContaining({ loc: ['body', 'name'] })]);
    expect(sent).toEqual(['POST /reports']);
  });

  it("resolves to 409 when the operation is canceled while it's polled", async () => {
    const init = {
      body: { name: 'slow' },
      headers: { 'idempotency-key': `cancel-${adapter.name}` },
    };
    const polled = api.operation('POST /reports', init, { interval: 10 });
    // The same key and request: the same operation, whose monitor names its id.
    const started = await api.request('POST /reports', init);
    if (started.status !== 202) throw new Error(`expected 202, got ${started.status}`);
    expect(started.body.status).toMatch(/^(notStarted|running)$/);
    const cancel = await fetch(`${server.url}/operations/${started.body.id}/cancel`, {
      method: 'POST',
    });
    expect(cancel.status).toBe(200);
    const r = await polled;
    expect([r.status, r.body]).toEqual([409, { detail: 'Operation canceled' }]);
  });

  it('rejects with STATUSKIT_CLIENT_TIMEOUT, then with STATUSKIT_CLIENT_ABORTED', async () => {
    const late = await api
      .operation('POST /reports', { body: { name: 'slow' } }, { timeout: 150, interval: 10 })
      .catch((error: unknown) => error);
    expect(codeOf(late)).toBe('STATUSKIT_CLIENT_TIMEOUT');
    expect((late as Error).message).toMatch(/no final answer within 150 ms.*\/operations\//);
    const controller = new AbortController();
    const polled = api.operation(
      'POST /reports',
      { body: { name: 'slow' } },
      {
        interval: 10,
        signal: controller.signal,
      },
    );
    setTimeout(() => controller.abort(), 50);
    expect(codeOf(await polled.catch((error: unknown) => error))).toBe('STATUSKIT_CLIENT_ABORTED');
  });
});

describe('bounds, without a server', () => {
  const calls: Array<[string, FetchInit]> = [];
  const monitor = { id: 'x', status: 'running', createdAt: '', updatedAt: '' };
  const pending: FetchLike = async (url, init) => {
    calls.push([url, init]);
    return new Response(JSON.stringify(monitor), {
      status: 202,
      headers: {
        'content-type': 'application/json',
        location: '/v1/operations/x',
        'retry-after': '1',
      },
    });
  };
  const api = createClient<typeof routes>('http://api.test/v1/', {
    fetch: pending,
    headers: { authorization: 'Bearer t' },
  });
  const body = { name: 'q3' };
  afterEach(() => {
    calls.length = 0;
    vi.useRealTimers();
  });

  it('waits retry-after between polls, follows location, and leaves no timer at its timeout', async () => {
    vi.useFakeTimers();
    const polled = api.operation('POST /reports', { body }, { timeout: 2500 });
    const outcome = polled.catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(999);
    expect(calls.length).toBe(1);
    await vi.advanceTimersByTimeAsync(2000);
    expect(codeOf(await outcome)).toBe('STATUSKIT_CLIENT_TIMEOUT');
    expect(vi.getTimerCount()).toBe(0);
    expect(calls.map(([url, init]) => `${init.method} ${url}`)).toEqual([
      'POST http://api.test/v1/reports',
      'GET http://api.test/v1/operations/x/result',
      'GET http://api.test/v1/operations/x/result',
    ]);
    expect(calls[1]?.[1].headers).toEqual({ authorization: 'Bearer t' });
  });

  it('rejects with STATUSKIT_CLIENT_ABORTED at once, or while it waits, with no timer left', async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    controller.abort();
    const at = api.operation('POST /reports', { body }, { signal: controller.signal });
    expect(codeOf(await at.catch((error: unknown) => error))).toBe('STATUSKIT_CLIENT_ABORTED');
    expect(calls).toEqual([]);
    const later = new AbortController();
    const waiting = api.operation('POST /reports', { body }, { signal: later.signal });
    const outcome = waiting.catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(500);
    later.abort(new Error('user left'));
    const error = await outcome;
    expect(codeOf(error)).toBe('STATUSKIT_CLIENT_ABORTED');
    expect((error as Error).cause).toEqual(new Error('user left'));
    expect(vi.getTimerCount()).toBe(0);
  });

  it('refuses a bad option before sending, and resolves to a 202 without location', async () => {
    const bad = await api
      .operation('POST /reports', { body }, { interval: -1 })
      .catch((error: unknown) => error);
    expect(codeOf(bad)).toBe('STATUSKIT_CLIENT_INVALID_INIT');
    expect(calls).toEqual([]);
    const bare = createClient<typeof routes>('http://api.test', {
      fetch: async () => new Response(null, { status: 202 }),
    });
    const r = await bare.operation('POST /reports', { body });
    expect([r.status, r.body]).toEqual([202, undefined]);
  });
});
