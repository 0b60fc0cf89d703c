import { createStatuskit } from '@statuskit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CountedApp, type FaultProbe, faultApp, faultProbe } from '../src/apps.js';
import { eventually, header, openSocket, request } from '../src/client.js';
import { SAFE_500_BODY } from '../src/differential.js';
import { adapterNames, type Fleet, loadTargets, type Member, startFleet } from '../src/fleet.js';

// Faults: clients that vanish mid-body or mid-response, bodies that trickle,
// handlers that outlive their timeout, throw what is not an Error, or return
// what cannot be serialised. Every one ends as a defined answer or a reported
// diagnostic; the server keeps answering; background tasks run exactly once.

const names = adapterNames();
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => {
  unhandled.push(reason);
};

beforeAll(() => {
  process.on('unhandledRejection', onUnhandled);
});
afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
  expect(unhandled, 'unhandled rejections during the fault tests').toEqual([]);
});

async function healthy(m: Member): Promise<void> {
  const r = await request(m, { method: 'GET', path: '/text' });
  expect(r.status).toBe(200);
  expect(r.body.toString()).toBe('ok');
}

describe('the core alone', () => {
  // Found here once: kit.handle() (now kit.dispatch()) rejected and a bare adapter answered
  // nothing (fixed in core).
  it('kit.dispatch() resolves with the safe 500 when a response model throws; onError gets it', async () => {
    const probe = faultProbe();
    const app = faultApp(probe);
    const kit = createStatuskit(app.routes, app.options);
    const exchange = await kit.dispatch({
      method: 'GET',
      url: '/fault/model-throws',
      headers: {},
      body: { kind: 'none' },
      native: { framework: 'none', req: undefined, res: undefined },
    });
    const out = exchange.commit();
    expect(out.status).toBe(500);
    expect(String(out.body)).toBe(SAFE_500_BODY);
    expect(app.state.errors).toEqual([new Error('model exploded with secret input')]);
  });
});

describe.each(names)('faults on %s', (name) => {
  let fleet: Fleet<CountedApp>;
  let m: Member<CountedApp>;
  let probe: FaultProbe;

  beforeAll(async () => {
    const [target] = await loadTargets([name]);
    probe = faultProbe();
    fleet = await startFleet([target!], {
      app: () => faultApp(probe, { options: { bodyTimeout: 300 } }),
    });
    m = fleet.members[0]!;
  });
  afterAll(() => fleet.close());

  it('a client that aborts mid-request-body: no crash, no task, the server answers after', async () => {
    const before = { queued: m.app.queued.count, ran: m.app.state.tasks.length };
    for (const abort of ['destroy', 'reset'] as const) {
      const s = await openSocket(m);
      await s.write(
        'POST /process HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{"a":',
      );
      await new Promise((r) => setTimeout(r, 20));
      if (abort === 'destroy') s.socket.destroy();
      else s.socket.resetAndDestroy();
    }
    await healthy(m);
    // The body never arrived, so the handler never ran and queued nothing.
    expect(m.app.queued.count).toBe(before.queued);
    expect(m.app.state.tasks.length).toBe(before.ran);
    const ok = await request(m, { method: 'POST', path: '/process' });
    expect(ok.status).toBe(202);
    expect(await eventually(() => m.app.state.tasks.length === before.ran + 1)).toBe(true);
  });

  it('a client that aborts right after sending: the queued task runs exactly once', async () => {
    const before = { queued: m.app.queued.count, ran: m.app.state.tasks.length };
    const s = await openSocket(m);
    await s.write('POST /process HTTP/1.1\r\nhost: x\r\ncontent-length: 0\r\n\r\n');
    s.socket.resetAndDestroy();
    expect(await eventually(() => m.app.queued.count === before.queued + 1)).toBe(true);
    expect(await eventually(() => m.app.state.tasks.length === before.ran + 1)).toBe(true);
    await new Promise((r) => setTimeout(r, 50));
    expect(m.app.state.tasks.length, 'ran twice').toBe(before.ran + 1);
    await healthy(m);
  });

  it('a client that aborts mid-response: the task runs exactly once, the server answers after', async () => {
    const before = { queued: probe.bigQueued, ran: probe.bigRan };
    for (const abort of ['destroy', 'reset'] as const) {
      const s = await openSocket(m);
      await s.write('GET /fault/big-task HTTP/1.1\r\nhost: x\r\n\r\n');
      expect(await eventually(() => s.received().length > 0)).toBe(true);
      if (abort === 'destroy') s.socket.destroy();
      else s.socket.resetAndDestroy();
    }
    expect(probe.bigQueued).toBe(before.queued + 2);
    expect(await eventually(() => probe.bigRan === before.ran + 2)).toBe(true);
    await new Promise((r) => setTimeout(r, 50));
    expect(probe.bigRan, 'a task ran twice').toBe(before.ran + 2);
    await healthy(m);
  });

  it('a body that trickles in slower than bodyTimeout: 408, and the server closes the socket', async () => {
    const s = await openSocket(m);
    await s.write(
      'POST /items HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 40\r\n\r\n',
    );
    // One byte every 50 ms would take 2 s; the body timeout is 300 ms. Bounded: 40 writes at most.
    for (let i = 0; i < 40 && s.received().length === 0; i++) {
      await s.write('{').catch(() => {});
      await new Promise((r) => setTimeout(r, 50));
    }
    const ex = await s.ended(3000, 'POST');
    expect(ex.responses[0]?.status).toBe(408);
    expect(ex.responses[0]?.body.toString()).toBe('{"detail":"Request Timeout"}');
    expect(ex.end, 'the server must free the socket').not.toBe('timeout');
    await healthy(m);
  });

  it('a handler that outlives its timeout: 503 + retry-after, the late result dropped with a diagnostic', async () => {
    const r = await request(m, { method: 'GET', path: '/fault/slow' });
    expect(r.status).toBe(503);
    expect(header(r, 'retry-after')).toBe('1');
    expect(r.body.toString()).toBe('{"detail":"Service Unavailable"}');
    const late = () =>
      probe.diagnostics.filter(
        (d) => d.code === 'STATUSKIT_LATE_RESULT' && d.route === 'GET /fault/slow',
      );
    expect(await eventually(() => probe.lateFinished > 0 && late().length > 0)).toBe(true);
    const rejected = await request(m, { method: 'GET', path: '/fault/slow-reject' });
    expect(rejected.status).toBe(503);
    expect(
      await eventually(() =>
        probe.diagnostics.some(
          (d) => d.code === 'STATUSKIT_LATE_RESULT' && d.route === 'GET /fault/slow-reject',
        ),
      ),
    ).toBe(true);
    await healthy(m);
  });

  it.each([
    '/fault/throw-string',
    '/fault/throw-null',
    '/fault/reject-object',
    '/fault/bigint',
    '/fault/cycle',
    '/fault/tojson',
    '/fault/json-tojson',
    '/fault/model-throws',
  ])('GET %s: a defined 500 that says nothing more', async (path) => {
    const r = await request(m, { method: 'GET', path });
    expect(r.status).toBe(500);
    expect(r.body.toString()).toBe(SAFE_500_BODY);
    expect(header(r, 'content-type')).toBe('application/json');
    await healthy(m);
  });

  it('serialiser failures are reported as diagnostics', () => {
    const codes = probe.diagnostics
      .filter((d) => d.code === 'STATUSKIT_SERIALIZATION')
      .map((d) => d.route);
    expect(codes).toEqual(
      expect.arrayContaining(['GET /fault/bigint', 'GET /fault/cycle', 'GET /fault/tojson']),
    );
  });

  it('a stream that fails after the response was committed: the connection ends, the body is cut', async () => {
    const s = await openSocket(m);
    await s.write('GET /fault/stream-dies HTTP/1.1\r\nhost: x\r\n\r\n');
    const ex = await s.ended(3000);
    expect(ex.end, 'a dead socket: the response never ended').not.toBe('timeout');
    // The status went out with the first chunk; what follows must not pass for a whole body:
    // no terminating chunk, so the client sees a cut response.
    expect(
      ex.responses,
      `a cut body was framed as complete: ${JSON.stringify(ex.responses[0]?.body.toString())}`,
    ).toEqual([]);
    expect(ex.rest.toString('latin1')).toMatch(/^HTTP\/1\.1 200 [\s\S]*first chunk;/);
    // ... and the failure is reported, not lost.
    const reported = () =>
      probe.diagnostics.some(
        (d) => d.code === 'STATUSKIT_STREAM_FAILED' && d.route === 'GET /fault/stream-dies',
      );
    expect(await eventually(reported)).toBe(true);
    await healthy(m);
  });

  it('a background task that fails after the response: reported, the answer unchanged', async () => {
    const before = m.app.state.backgroundErrors.length;
    const r = await request(m, { method: 'POST', path: '/process/late' });
    expect(r.status).toBe(202);
    expect(await eventually(() => m.app.state.backgroundErrors.length === before + 1)).toBe(true);
    expect(m.app.state.backgroundErrors.at(-1)).toBe('STATUSKIT_STATUS_FROZEN');
  });
});
