import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ErrorCode } from '../errors.js';
import { HttpException } from '../http-exception.js';
import { createStatuskit } from '../kit.js';
import type { StatuskitOptions } from '../options.js';
import { json } from '../response.js';
import { recorder, request, send, thrownBy, withBody } from '../test-helpers.js';
import { createOperations, type OperationsOptions } from './operations.js';

// The wire contract of docs/seed-scenarios.md rows 31-39, through the kit as an
// adapter drives it (send() runs the background tasks, so the in-process work
// has ended when it returns, unless it waits on a gate).

const ReportIn = z.object({ name: z.string().min(1), delayMs: z.int().min(0).default(0) });
const Report = z.object({ id: z.int(), name: z.string(), rows: z.int() });

function app(options: OperationsOptions = {}, kitOptions: StatuskitOptions = {}) {
  const rec = recorder();
  const ops = createOperations(options);
  let runs = 0;
  let release: () => void = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  let signalled = false;
  ops.define(
    {
      name: 'createReport',
      method: 'POST',
      path: '/reports',
      status: 201,
      request: { body: ReportIn },
      response: Report,
      responses: { 409: 'Report exists' },
    },
    async ({ body, signal, progress }) => {
      runs++;
      progress({ step: 1 });
      if (body.name === 'taken') {
        throw new HttpException(409, 'Report exists', { headers: { 'x-reason': 'taken' } });
      }
      if (body.name === 'crash') throw new Error('secret');
      if (body.name === 'slow') {
        signal.addEventListener('abort', () => {
          signalled = true;
          release();
        });
        await gate;
        signal.throwIfAborted();
      }
      return { id: 1, name: body.name, rows: body.name.length, internal: 'dropped' };
    },
  );
  ops.define({ method: 'DELETE', path: '/reports/{id}', status: 204 }, () => undefined);
  const kit = createStatuskit(ops.routes, { ...rec.options, ...kitOptions });
  const start = (body: unknown, headers: Record<string, string> = {}) =>
    send(kit, withBody('POST', '/reports', JSON.stringify(body), 'application/json', headers));
  const get = (url: string, finish = true) => send(kit, request('GET', url), { finish });
  const post = (url: string) => send(kit, request('POST', url));
  return {
    ops,
    kit,
    rec,
    start,
    get,
    post,
    release: () => release(),
    runs: () => runs,
    signalled: () => signalled,
  };
}

const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe('an operation route', () => {
  it('starts with 202, the monitor, its location and retry-after; the work runs after the response', async () => {
    const a = app();
    const r = await a.start({ name: 'q3' }, {});
    expect(r.status).toBe(202);
    const body = r.json() as Record<string, string>;
    expect(body).toEqual({
      id: expect.any(String),
      status: 'notStarted',
      createdAt: expect.stringMatching(RFC3339),
      updatedAt: expect.stringMatching(RFC3339),
    });
    expect(r.header('location')).toBe(`/operations/${body.id}`);
    expect(r.header('retry-after')).toBe('1');
    expect(r.header('content-type')).toBe('application/json');
    expect(a.runs()).toBe(1);
    const monitor = await a.get(`/operations/${body.id}`);
    expect(monitor.status).toBe(200);
    expect(monitor.json()).toEqual({
      ...body,
      status: 'succeeded',
      updatedAt: expect.stringMatching(RFC3339),
      progress: { step: 1 },
      result: { id: 1, name: 'q3', rows: 2 },
    });
    expect(monitor.header('retry-after')).toBeUndefined();
    const result = await a.get(`/operations/${body.id}/result`);
    expect(result.status).toBe(201);
    expect(result.text()).toBe('{"id":1,"name":"q3","rows":2}');
  });

  it('a pending operation: monitor with retry-after, result 202 with location and the monitor', async () => {
    const a = app();
    const started = await send(a.kit, withBody('POST', '/reports', '{"name":"slow"}'), {
      finish: false,
    });
    const id = (started.json() as { id: string }).id;
    const finishing = started.exchange.finish();
    const monitor = await a.get(`/operations/${id}`);
    expect(monitor.status).toBe(200);
    expect((monitor.json() as { status: string }).status).toBe('running');
    expect(monitor.header('retry-after')).toBe('1');
    const result = await a.get(`/operations/${id}/result`);
    expect(result.status).toBe(202);
    expect(result.header('location')).toBe(`/operations/${id}`);
    expect(result.header('retry-after')).toBe('1');
    expect(result.json()).toMatchObject({ id, status: 'running' });
    a.release();
    await finishing;
    expect((await a.get(`/operations/${id}/result`)).status).toBe(201);
  });

  it('a raised HttpException fails the operation; the result replays it with its headers', async () => {
    const a = app();
    const id = ((await a.start({ name: 'taken' })).json() as { id: string }).id;
    const monitor = await a.get(`/operations/${id}`);
    expect(monitor.json()).toMatchObject({
      status: 'failed',
      error: { status: 409, detail: 'Report exists' },
    });
    const result = await a.get(`/operations/${id}/result`);
    expect(result.status).toBe(409);
    expect(result.text()).toBe('{"detail":"Report exists"}');
    expect(result.header('x-reason')).toBe('taken');
  });

  it('a plain Error fails with a 500 that leaks nothing; onBackgroundError gets the original', async () => {
    const a = app();
    const id = ((await a.start({ name: 'crash' })).json() as { id: string }).id;
    const monitor = await a.get(`/operations/${id}`);
    expect(monitor.json()).toMatchObject({
      status: 'failed',
      error: { status: 500, detail: 'Internal Server Error' },
    });
    const result = await a.get(`/operations/${id}/result`);
    expect(result.status).toBe(500);
    expect(result.text()).toBe('{"detail":"Internal Server Error"}');
    expect(monitor.text() + result.text()).not.toContain('secret');
    expect(a.rec.backgroundErrors).toHaveLength(1);
    expect(a.rec.backgroundErrors[0]!.error).toMatchObject({ message: 'secret' });
    expect(a.rec.backgroundErrors[0]!.info).toMatchObject({ route: 'POST /reports', task: 0 });
  });

  it("renders the monitor's error as problem details under errorFormat 'problem'", async () => {
    const a = app({}, { errorFormat: 'problem' });
    const id = ((await a.start({ name: 'taken' })).json() as { id: string }).id;
    expect((await a.get(`/operations/${id}`)).json()).toMatchObject({
      error: { type: 'about:blank', title: 'Conflict', status: 409, detail: 'Report exists' },
    });
    const result = await a.get(`/operations/${id}/result`);
    expect(result.header('content-type')).toBe('application/problem+json');
  });

  it('cancel: 200 and canceled, the signal fires; again 409; the result 409 Operation canceled', async () => {
    const a = app();
    const started = await send(a.kit, withBody('POST', '/reports', '{"name":"slow"}'), {
      finish: false,
    });
    const id = (started.json() as { id: string }).id;
    const finishing = started.exchange.finish();
    await new Promise<void>((resolve) => setTimeout(resolve, 5));
    const first = await a.post(`/operations/${id}/cancel`);
    expect(first.status).toBe(200);
    expect(first.json()).toMatchObject({ id, status: 'canceled' });
    await finishing;
    expect(a.signalled()).toBe(true);
    const second = await a.post(`/operations/${id}/cancel`);
    expect(second.status).toBe(409);
    expect(second.json()).toEqual({ detail: 'Operation already canceled' });
    expect((await a.get(`/operations/${id}`)).json()).toMatchObject({ status: 'canceled' });
    const result = await a.get(`/operations/${id}/result`);
    expect(result.status).toBe(409);
    expect(result.json()).toEqual({ detail: 'Operation canceled' });
    expect(a.rec.backgroundErrors).toEqual([]);
  });

  it('an unknown id answers 404 Operation not found on the monitor, result and cancel', async () => {
    const a = app();
    for (const r of [
      await a.get('/operations/nope'),
      await a.get('/operations/nope/result'),
      await a.post('/operations/nope/cancel'),
    ]) {
      expect(r.status).toBe(404);
      expect(r.text()).toBe('{"detail":"Operation not found"}');
    }
  });

  it('Idempotency-Key: the same key and body give the same operation and one run; another body 422', async () => {
    const a = app();
    const key = { 'idempotency-key': 'k1' };
    const one = await a.start({ name: 'q3', delayMs: 0 }, key);
    const two = await a.start({ delayMs: 0, name: 'q3' }, { 'idempotency-key': '"k1"' });
    expect(two.status).toBe(202);
    expect((two.json() as { id: string }).id).toBe((one.json() as { id: string }).id);
    expect(a.runs()).toBe(1);
    const three = await a.start({ name: 'q4' }, key);
    expect(three.status).toBe(422);
    expect(three.json()).toEqual({
      detail: 'Idempotency-Key was already used with a different request',
    });
    const bad = await a.start({ name: 'q3' }, { 'idempotency-key': '' });
    expect(bad.status).toBe(400);
  });

  it('Prefer: wait=N answers the final response when the work ends in time', async () => {
    const a = app();
    const done = await a.start({ name: 'q3' }, { prefer: 'wait=5' });
    expect(done.status).toBe(201);
    expect(done.json()).toEqual({ id: 1, name: 'q3', rows: 2 });
    const failed = await a.start({ name: 'crash' }, { prefer: 'wait=5' });
    expect(failed.status).toBe(500);
    expect(a.rec.errors.map((e) => (e.error as Error).message)).toEqual(['secret']);
    const async = await a.start({ name: 'q3' }, { prefer: 'respond-async, wait=5' });
    expect(async.status).toBe(202);
  });

  it('Prefer: wait=N answers 202 when the work is still running after N seconds', async () => {
    const a = app({ maxWait: 1 });
    const r = await a.start({ name: 'slow' }, { prefer: 'wait=100' });
    expect(r.status).toBe(202);
    expect(r.json()).toMatchObject({ status: 'running' });
    a.release();
  });

  it('publicPath puts a mount prefix in the location; the routes stay under basePath', async () => {
    const a = app({ basePath: '/ops', publicPath: '/api/ops' });
    const r = await a.start({ name: 'q3' });
    const id = (r.json() as { id: string }).id;
    expect(r.header('location')).toBe(`/api/ops/${id}`);
    expect((await a.get(`/ops/${id}`)).status).toBe(200);
  });

  it('a declared 204 replays without a body', async () => {
    const a = app();
    const started = await send(a.kit, request('DELETE', '/reports/7'));
    const id = (started.json() as { id: string }).id;
    const result = await a.get(`/operations/${id}/result`);
    expect(result.status).toBe(204);
    expect(result.body).toBeNull();
    expect(a.rec.diagnostics).toEqual([]);
  });

  it('a failing store answers 503 with retry-after, and the error goes to onError', async () => {
    const failing = createOperations().store;
    const broken = {
      ...failing,
      get: () => Promise.reject(new Error('redis down')),
      create: () => Promise.reject(new Error('redis down')),
    };
    const a = app({ store: broken, retryAfter: 7 });
    for (const r of [await a.start({ name: 'q3' }), await a.get('/operations/x')]) {
      expect(r.status).toBe(503);
      expect(r.header('retry-after')).toBe('7');
      expect(r.text()).toBe('{"detail":"Service Unavailable"}');
    }
    expect(a.rec.errors.map((e) => (e.error as Error).message)).toEqual([
      'redis down',
      'redis down',
    ]);
  });

  it('refuses bad declarations and options at start-up', () => {
    const ops = createOperations();
    ops.define({ name: 'x', method: 'POST', path: '/a', status: 201 }, () => 1);
    expect(
      thrownBy(() => ops.define({ name: 'x', method: 'POST', path: '/b', status: 201 }, () => 1)),
    ).toMatchObject({ code: ErrorCode.INVALID_ROUTE });
    expect(
      thrownBy(() => ops.define({ method: 'POST', path: '/c' } as never, () => 1)),
    ).toMatchObject({
      code: ErrorCode.INVALID_ROUTE,
      message: expect.stringContaining('status: 201'),
    });
    expect(thrownBy(() => createOperations({ basePath: '/ops/' }))).toMatchObject({
      code: ErrorCode.INVALID_OPTION,
    });
    expect(thrownBy(() => createOperations({ retention: 0 }))).toMatchObject({
      code: ErrorCode.INVALID_OPTION,
    });
  });

  it('a work that returns a response object fails with a 500 and says why', async () => {
    const rec = recorder();
    const ops = createOperations();
    ops.define({ method: 'POST', path: '/x', status: 200 }, () => json({ a: 1 }));
    const kit = createStatuskit(ops.routes, rec.options);
    const id = ((await send(kit, request('POST', '/x'))).json() as { id: string }).id;
    expect((await send(kit, request('GET', `/operations/${id}/result`))).status).toBe(500);
    expect(String(rec.backgroundErrors[0]?.error)).toContain('returned a response object');
  });
});
