import { seedApp } from '@statuskit/conformance/fixture';
import {
  defineRoute,
  ErrorCode,
  HttpException,
  isStatuskitError,
  json,
  redirect,
  StatuskitError,
  text,
} from '@statuskit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, header, request } from '../src/client.js';
import { SAFE_500_BODY } from '../src/differential.js';
import { adapterNames, type Fleet, loadTargets, type Member, startFleet } from '../src/fleet.js';
import { encodeRequest } from '../src/fuzz-request.js';
import { sendRaw } from '../src/raw-http.js';

// Security: a 5xx never carries the error, its stack or the input that caused
// it (unless `debug: true` was set explicitly); bad header values are refused
// where they are written; JSON cannot pollute prototypes or blow the stack.

const names = adapterNames();

describe('header values with CR, LF or other invalid characters are refused where they are written', () => {
  const bad = ['a\r\nx-injected: 1', 'a\nb', 'a\rb', 'a\u0000b', 'caf\u00e9\u0100'];
  it.each(bad)('HttpException header %j: a typed error at construction', (value) => {
    let error: unknown;
    try {
      new HttpException(401, 'no', { headers: { 'www-authenticate': value } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StatuskitError);
    expect(isStatuskitError(error, ErrorCode.INVALID_HEADER)).toBe(true);
    expect((error as Error).message).toMatch(/^\[statuskit\] /);
  });

  it.each(bad)(
    'json(), text() and setHeader-free explicit responses with header %j: a typed error',
    (value) => {
      expect(() => json({}, { headers: { 'x-a': value } })).toThrow(
        expect.objectContaining({ code: ErrorCode.INVALID_HEADER }),
      );
      expect(() => text('ok', { headers: [['x-a', value]] })).toThrow(
        expect.objectContaining({ code: ErrorCode.INVALID_HEADER }),
      );
    },
  );

  it('invalid header names are refused too', () => {
    for (const name of ['bad header', 'x:y', '', 'x\r\ny']) {
      expect(() => json({}, { headers: { [name]: 'v' } })).toThrow(
        expect.objectContaining({ code: ErrorCode.INVALID_HEADER }),
      );
    }
  });

  it('a redirect location with CR/LF cannot split the response', () => {
    const r = redirect('/a\r\nset-cookie: x=1');
    const location = r.headers.find(([n]) => n === 'location')?.[1];
    expect(location).toBe('/a%0D%0Aset-cookie:%20x=1');
  });
});

describe.each(names)('security on %s', (name) => {
  let fleet: Fleet;
  let debugFleet: Fleet;
  let m: Member;
  let dbg: Member;
  const errors: unknown[] = [];

  const routes = () => {
    const app = seedApp();
    app.routes.push(
      defineRoute({ method: 'GET', path: '/header-crlf' }, () => {
        throw new HttpException(400, 'x', { headers: { 'x-a': 'a\r\nx-injected: 1' } });
      }),
      defineRoute({ method: 'POST', path: '/echo-fail' }, ({ body }) => {
        throw new Error(`failed on ${JSON.stringify(body)}`);
      }),
    );
    return app;
  };

  beforeAll(async () => {
    const [target] = await loadTargets([name]);
    fleet = await startFleet([target!], {
      app: () => {
        const app = routes();
        return { ...app, options: { ...app.options, onError: (e) => void errors.push(e) } };
      },
    });
    debugFleet = await startFleet([target!], {
      app: () => {
        const app = routes();
        return { ...app, options: { ...app.options, debug: true } };
      },
    });
    m = fleet.members[0]!;
    dbg = debugFleet.members[0]!;
  });
  afterAll(async () => {
    await fleet.close();
    await debugFleet.close();
  });

  it('a 500 carries neither the message, the stack nor the input', async () => {
    const boom = await request(m, { method: 'GET', path: '/boom' });
    expect(boom.status).toBe(500);
    expect(boom.body.toString()).toBe(SAFE_500_BODY);
    const input = '{"card":"4111-1111-1111-1111"}';
    const echo = await request(m, { method: 'POST', path: '/echo-fail', body: input });
    expect(echo.status).toBe(500);
    expect(echo.body.toString()).toBe(SAFE_500_BODY);
    for (const r of [boom, echo]) {
      const all = `${r.headers.map(([n, v]) => `${n}: ${v}`).join('\n')}\n${r.body}`;
      for (const leak of ['secret', '4111', ' at ', '.ts:', '.js:', 'stack'])
        expect(all).not.toContain(leak);
    }
  });

  it('the debug option is off unless set: debug: true shows name, message and stack', async () => {
    expect(m.kit.options.debug).toBe(false);
    const r = await request(dbg, { method: 'GET', path: '/boom' });
    expect(r.status).toBe(500);
    const body = JSON.parse(r.body.toString()) as {
      detail: string;
      debug?: Record<string, unknown>;
    };
    expect(body.detail).toBe('Internal Server Error');
    expect(body.debug?.name).toBe('Error');
    expect(body.debug?.message).toBe('secret');
    expect(String(body.debug?.stack)).toContain('secret');
  });

  it('a handler writing a header with CR/LF: a typed error reported, a clean 500 sent', async () => {
    errors.length = 0;
    const r = await request(m, { method: 'GET', path: '/header-crlf' });
    expect(r.status).toBe(500);
    expect(r.body.toString()).toBe(SAFE_500_BODY);
    expect(header(r, 'x-injected')).toBeUndefined();
    expect(await eventually(() => errors.length > 0)).toBe(true);
    expect(isStatuskitError(errors[0], ErrorCode.INVALID_HEADER)).toBe(true);
  });

  it('JSON with __proto__ and constructor keys pollutes nothing', async () => {
    const bodies = [
      '{"__proto__":{"polluted":"yes"},"name":"p","price":1}',
      '{"constructor":{"prototype":{"polluted":"yes"}},"name":"p","price":1}',
      '{"name":"p","price":1,"__proto__":{"isAdmin":true}}',
    ];
    for (const body of bodies) {
      for (const path of ['/items', '/items/declared']) {
        const r = await request(m, { method: 'POST', path, body });
        expect(r.status, `${path} ${body}`).toBe(201);
        const created = JSON.parse(r.body.toString()) as Record<string, unknown>;
        expect(Object.keys(created).sort()).toEqual(['id', 'name', 'price']);
      }
    }
    const q = await request(m, {
      method: 'GET',
      path: '/items/1?__proto__[polluted]=yes&constructor[prototype][polluted]=yes',
    });
    expect(q.status).toBe(200);
    const probe: Record<string, unknown> = {};
    expect(probe.polluted).toBeUndefined();
    expect(probe.isAdmin).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(Object.prototype).not.toHaveProperty('isAdmin');
  });

  it.each([
    [10_000, false],
    [100_000, false],
    [10_000, true],
    [100_000, true],
  ])(
    'JSON nested %i deep is a 4xx, not a stack overflow (app body parser: %s)',
    async (depth, bodyParser) => {
      const [target] = await loadTargets([name]);
      const parsed = bodyParser ? await startFleet([target!], { bodyParser }) : undefined;
      const to = parsed?.members[0] ?? m;
      try {
        await deep(to, depth);
      } finally {
        await parsed?.close();
      }
    },
  );

  async function deep(to: Member, depth: number): Promise<void> {
    for (const [open, close] of [
      ['[', ']'],
      ['{"a":', '}'],
    ] as const) {
      const req = encodeRequest({
        method: 'POST',
        target: '/items',
        headers: [['content-type', 'application/json']],
        body: { repeat: open, times: depth, suffix: `1${close.repeat(depth)}` },
        framing: { kind: 'exact' },
      });
      const ex = await sendRaw(to.host, to.port, req.bytes, { timeoutMs: 5000, method: 'POST' });
      const status = ex.responses[0]?.status;
      expect(status, `${open} x ${depth}`).toBeGreaterThanOrEqual(400);
      expect(status, `${open} x ${depth}`).toBeLessThan(500);
    }
    const alive = await request(to, { method: 'GET', path: '/text' });
    expect(alive.status).toBe(200);
  }
});
