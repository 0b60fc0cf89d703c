import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { DiagnosticCode } from '../diagnostic.js';
import { ErrorCode, isStatuskitError } from '../errors.js';
import { HttpException } from '../http-exception.js';
import { createStatuskit } from '../kit.js';
import { resolveOptions, type StatuskitOptions } from '../options.js';
import { empty, json } from '../response.js';
import { type AnyRoute, defineRoute } from '../route.js';
import { defineSecurity, forbidden } from '../security/define.js';
import { recorder, request, send, withBody } from '../test-helpers.js';
import { contractMode } from './mode.js';

const Item = z.object({ name: z.string(), price: z.number() });
const Message = z.object({ detail: z.string() });

// Built outside a `return`, so the types do not check them (the run time does).
const teapot = json({ short: 'and stout' }, { status: 418 });
const wrongBody = json({ detail: 42 }, { status: 404 });
const wrongItem = json({ name: 'a' });

function routes(): AnyRoute[] {
  const declared = { 404: { model: Message } };
  return [
    defineRoute({ method: 'GET', path: '/teapot', responses: declared }, () => teapot),
    defineRoute({ method: 'GET', path: '/set', responses: declared }, (ctx) => {
      // A status computed at run time reaches setStatus as a plain number.
      (ctx.setStatus as (status: number) => void)(299);
      return { ok: true };
    }),
    defineRoute({ method: 'GET', path: '/raise', responses: declared }, () => {
      throw new HttpException(409, 'Conflict');
    }),
    defineRoute({ method: 'GET', path: '/core404', status: 200 }, () => {
      throw new HttpException(404, 'Item not found');
    }),
    defineRoute({ method: 'GET', path: '/body', responses: declared }, () => wrongBody),
    defineRoute({ method: 'GET', path: '/item', response: Item, responses: {} }, () => wrongItem),
    defineRoute({ method: 'GET', path: '/good', response: Item, responses: declared }, (ctx) =>
      ctx.query.missing === undefined
        ? json({ detail: 'Item not found' }, { status: 404 })
        : json({ name: 'a', price: 1 }),
    ),
    defineRoute({ method: 'GET', path: '/open' }, () => teapot),
    defineRoute({ method: 'GET', path: '/empty', responses: declared }, () => empty(404)),
    defineRoute(
      { method: 'POST', path: '/input', request: { body: Item }, responses: {} },
      ({ body }) => body,
    ),
  ];
}

function kitWith(options: StatuskitOptions) {
  const rec = recorder();
  return { kit: createStatuskit(routes(), { ...rec.options, ...options }), rec };
}

const codes = (rec: ReturnType<typeof recorder>) =>
  rec.diagnostics.map((d) => [d.code, d.route, d.status]);

describe("contract: 'report'", () => {
  it('lets an undeclared status through and names the route and status', async () => {
    const { kit, rec } = kitWith({ contract: 'report' });
    const res = await send(kit, request('GET', '/teapot'));
    expect([res.status, res.text()]).toEqual([418, '{"short":"and stout"}']);
    expect(codes(rec)).toEqual([[DiagnosticCode.UNDECLARED_STATUS, 'GET /teapot', 418]]);
    expect(rec.diagnostics[0]?.message).toBe(
      "[statuskit] GET /teapot: answered 418, which the route does not declare (success: 200; responses: 404; the core's: 307, 400, 404, 405, 500). Declare it in `responses` or answer a declared status; it went out as is.",
    );
    expect(rec.errors).toEqual([]);
  });

  it('checks setStatus and raised exceptions too', async () => {
    const { kit, rec } = kitWith({ contract: 'report' });
    expect((await send(kit, request('GET', '/set'))).status).toBe(299);
    expect((await send(kit, request('GET', '/raise'))).status).toBe(409);
    expect(codes(rec)).toEqual([
      [DiagnosticCode.UNDECLARED_STATUS, 'GET /set', 299],
      [DiagnosticCode.UNDECLARED_STATUS, 'GET /raise', 409],
    ]);
  });

  it("counts a guard's 401 and 403 as the core's", async () => {
    const bearer = defineSecurity({
      name: 'bearer',
      scheme: { type: 'http', scheme: 'bearer' },
      verify: (token) =>
        token === 'ok' ? { user: 'ada' } : token === 'no' ? forbidden() : undefined,
    });
    const rec = recorder();
    const kit = createStatuskit(
      [defineRoute({ method: 'GET', path: '/g', security: bearer, responses: {} }, () => 1)],
      { ...rec.options, contract: 'enforce' },
    );
    expect((await send(kit, request('GET', '/g'))).status).toBe(401);
    const denied = request('GET', '/g', { headers: { authorization: 'Bearer no' } });
    expect((await send(kit, denied)).status).toBe(403);
    const allowed = request('GET', '/g', { headers: { authorization: 'Bearer ok' } });
    expect((await send(kit, allowed)).status).toBe(200);
    expect(rec.diagnostics).toEqual([]);
  });

  it("counts the core's own statuses as declared: a raised 404, a 422", async () => {
    const { kit, rec } = kitWith({ contract: 'report' });
    expect((await send(kit, request('GET', '/core404'))).status).toBe(404);
    const invalid = await send(kit, withBody('POST', '/input', '{"name":1}'));
    expect(invalid.status).toBe(422);
    expect((await send(kit, request('GET', '/nope'))).status).toBe(404);
    expect(rec.diagnostics).toEqual([]);
  });

  it('reports an explicit JSON body that breaks the model of its status, and sends it', async () => {
    const { kit, rec } = kitWith({ contract: 'report' });
    const res = await send(kit, request('GET', '/body'));
    expect([res.status, res.text()]).toEqual([404, '{"detail":42}']);
    const item = await send(kit, request('GET', '/item'));
    expect([item.status, item.text()]).toEqual([200, '{"name":"a"}']);
    expect(codes(rec)).toEqual([
      [DiagnosticCode.RESPONSE_VALIDATION, 'GET /body', 404],
      [DiagnosticCode.RESPONSE_VALIDATION, 'GET /item', 200],
    ]);
    expect(rec.diagnostics[0]?.message).toBe(
      '[statuskit] GET /body: the JSON body of the explicit 404 response does not match the model for 404. Fix the body or the model; it went out as is.',
    );
    expect(rec.diagnostics[1]?.issues).toEqual([
      expect.objectContaining({ loc: ['response', 'price'], type: 'invalid_type' }),
    ]);
  });

  it('says nothing about declared answers, open routes and empty responses', async () => {
    const { kit, rec } = kitWith({ contract: 'report' });
    expect((await send(kit, request('GET', '/good'))).status).toBe(404);
    expect((await send(kit, request('GET', '/good?missing=1'))).status).toBe(200);
    expect((await send(kit, request('GET', '/open'))).status).toBe(418);
    expect((await send(kit, request('GET', '/empty'))).status).toBe(404);
    expect(rec.diagnostics).toEqual([]);
  });
});

describe("contract: 'enforce'", () => {
  it('answers 500 for an undeclared status, leaking nothing, and reports it', async () => {
    const { kit, rec } = kitWith({ contract: 'enforce' });
    const res = await send(kit, request('GET', '/teapot'));
    expect([res.status, res.text()]).toEqual([500, '{"detail":"Internal Server Error"}']);
    expect(codes(rec)).toEqual([[DiagnosticCode.UNDECLARED_STATUS, 'GET /teapot', 418]]);
    expect(rec.diagnostics[0]?.message).toMatch(/the client got a 500 \(contract: 'enforce'\)\.$/);
    expect(rec.errors).toHaveLength(1);
    expect(isStatuskitError(rec.errors[0]?.error, ErrorCode.UNDECLARED_STATUS)).toBe(true);
  });

  it('answers 500 for a body that breaks its model; declared answers are untouched', async () => {
    const { kit, rec } = kitWith({ contract: 'enforce' });
    expect((await send(kit, request('GET', '/body'))).status).toBe(500);
    expect(isStatuskitError(rec.errors[0]?.error, ErrorCode.RESPONSE_VALIDATION)).toBe(true);
    expect((await send(kit, request('GET', '/good'))).status).toBe(404);
    expect((await send(kit, request('GET', '/core404'))).status).toBe(404);
    expect(codes(rec)).toEqual([[DiagnosticCode.RESPONSE_VALIDATION, 'GET /body', 404]]);
  });

  it('awaits an async model, and a model that throws is a 500 like any failure', async () => {
    const Async = z.object({ a: z.number() }).refine(async () => true);
    const throwing = {
      '~standard': {
        version: 1 as const,
        vendor: 'test',
        validate: () => {
          throw new Error('model bug');
        },
      },
    };
    const asyncBody = json({ a: 'x' }, { status: 201 });
    const rec = recorder();
    const kit = createStatuskit(
      [
        defineRoute(
          { method: 'GET', path: '/a', responses: { 201: { model: Async } } },
          () => asyncBody,
        ),
        defineRoute({ method: 'GET', path: '/ok', responses: { 201: { model: Async } } }, () =>
          json({ a: 1 }, { status: 201 }),
        ),
        defineRoute({ method: 'GET', path: '/t', response: throwing, responses: {} }, () =>
          json(1),
        ),
      ],
      { ...rec.options, contract: 'enforce' },
    );
    expect((await send(kit, request('GET', '/a'))).status).toBe(500);
    expect((await send(kit, request('GET', '/ok'))).status).toBe(201);
    expect((await send(kit, request('GET', '/t'))).status).toBe(500);
    expect(rec.errors.map((e) => (e.error as Error).message)).toEqual([
      expect.stringContaining('does not match the model for 201'),
      'model bug',
    ]);
  });

  it('leaves an upstream refusal alone: it is not the route answering', async () => {
    const { kit, rec } = kitWith({ contract: 'enforce' });
    // A parser's 4xx is answered where the handler would run, by a stand-in for it.
    const refused = Object.assign(new Error('refused'), { status: 403 });
    const exchange = await kit.answerUpstream(refused, request('GET', '/teapot'), {
      bodyRefused: true,
    });
    expect(exchange.commit().status).toBe(403);
    expect(rec.diagnostics.map((d) => d.code)).not.toContain(DiagnosticCode.UNDECLARED_STATUS);
  });
});

describe("contract: 'off' and the default", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('checks nothing when off (a returned value still meets its response model)', async () => {
    const { kit, rec } = kitWith({ contract: 'off' });
    expect((await send(kit, request('GET', '/teapot'))).status).toBe(418);
    expect((await send(kit, request('GET', '/body'))).status).toBe(404);
    expect(rec.diagnostics).toEqual([]);
  });

  it("defaults to 'report', and to 'off' when NODE_ENV is production", () => {
    vi.stubEnv('NODE_ENV', 'test');
    expect(resolveOptions().contract).toBe('report');
    vi.stubEnv('NODE_ENV', 'production');
    expect(resolveOptions().contract).toBe('off');
    expect(resolveOptions({ contract: 'enforce' }).contract).toBe('enforce');
  });

  it('refuses an unknown mode at start-up', () => {
    expect(() => contractMode('strict' as never)).toThrow(
      "[statuskit] contract must be 'off', 'report' or 'enforce', got strict.",
    );
  });
});
