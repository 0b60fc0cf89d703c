import { describe, expect, it } from 'vitest';
import { DiagnosticCode } from './diagnostic.js';
import { HttpException } from './http-exception.js';
import type { Outcome } from './outcome.js';
import { definePolicy, fastapiPolicy, restPolicy } from './policy.js';
import {
  defaultStatuses,
  type ResolveOptions,
  type ResolveState,
  type RoutePlan,
  resolve,
  statusFor,
} from './resolve.js';
import { type ExplicitResponse, json } from './response.js';
import { defineRoute } from './route.js';

const plan: RoutePlan = { id: 'POST /items', valueStatus: 201, emptyStatus: 204 };
const options: ResolveOptions = { errorFormat: 'detail', debug: false };
const none: ResolveState = { status: undefined, headers: undefined };
const decode = (b: unknown): string =>
  typeof b === 'string' ? b : new TextDecoder().decode(b as Uint8Array);

const value = (v: unknown): Outcome => ({ kind: 'value', value: v });
const response = (r: ExplicitResponse): Outcome => ({ kind: 'response', response: r });
const exception = (e: HttpException): Outcome => ({ kind: 'exception', exception: e });

describe('statusFor (precedence)', () => {
  const set: ResolveState = { status: 202, headers: undefined };

  it('exception beats everything', () => {
    expect(statusFor(plan, exception(new HttpException(409)), set)).toBe(409);
  });

  it('any other thrown value is 500', () => {
    expect(statusFor(plan, { kind: 'error', error: new Error('x') }, set)).toBe(500);
  });

  it('explicit response status beats setStatus', () => {
    expect(statusFor(plan, response(json(1, { status: 203 })), set)).toBe(203);
  });

  it('an explicit response without a status falls through to setStatus, then declared/policy', () => {
    expect(statusFor(plan, response(json(1)), set)).toBe(202);
    expect(statusFor(plan, response(json(1)))).toBe(201);
  });

  it('setStatus beats the declared or policy status', () => {
    expect(statusFor(plan, value({ a: 1 }), set)).toBe(202);
    expect(statusFor(plan, value(undefined), set)).toBe(202);
  });

  it('a value gets valueStatus, nothing (null or undefined) gets emptyStatus', () => {
    expect(statusFor(plan, value({ a: 1 }))).toBe(201);
    expect(statusFor(plan, value(0))).toBe(201);
    expect(statusFor(plan, value(''))).toBe(201);
    expect(statusFor(plan, value(null))).toBe(204);
    expect(statusFor(plan, value(undefined))).toBe(204);
  });
});

describe('defaultStatuses (levels 5 and 6)', () => {
  const post = (spec: object = {}) => defineRoute({ method: 'POST', path: '/x', ...spec }, () => 1);
  it('takes the policy for the route method, by whether a value was returned', () => {
    expect(defaultStatuses(post(), restPolicy)).toEqual({ valueStatus: 201, emptyStatus: 200 });
    expect(defaultStatuses(post(), fastapiPolicy)).toEqual({ valueStatus: 200, emptyStatus: 200 });
  });
  it('a declared status beats the policy for both', () => {
    expect(defaultStatuses(post({ status: 202 }), restPolicy)).toEqual({
      valueStatus: 202,
      emptyStatus: 202,
    });
  });
  it("the route's own policy beats the app's", () => {
    const teapot = definePolicy('teapot', () => 418);
    expect(defaultStatuses(post({ policy: teapot }), restPolicy)).toEqual({
      valueStatus: 418,
      emptyStatus: 418,
    });
    expect(defaultStatuses(post({ policy: 'fastapi' }), restPolicy).valueStatus).toBe(200);
  });
});

describe('resolve: values', () => {
  it('serialises a value as JSON with content-type and content-length', () => {
    const out = resolve(plan, 'POST', value({ id: 1, name: 'é' }), none, options);
    expect(out.status).toBe(201);
    expect(out.headers).toEqual([
      ['content-type', 'application/json'],
      ['content-length', '20'],
    ]);
    expect(decode(out.body)).toBe('{"id":1,"name":"é"}');
    expect(out.diagnostics).toBeUndefined();
  });

  it('sends nothing as JSON null when the status allows a body (FastAPI)', () => {
    const fastapi: RoutePlan = { id: 'DELETE /x', valueStatus: 200, emptyStatus: 200 };
    const out = resolve(fastapi, 'DELETE', value(undefined), none, options);
    expect(out.status).toBe(200);
    expect(decode(out.body)).toBe('null');
    expect(out.headers).toContainEqual(['content-length', '4']);
  });

  it('sends no body, content-type or content-length for an empty 204', () => {
    const out = resolve(plan, 'DELETE', value(undefined), none, options);
    expect(out).toEqual({ status: 204, headers: [], body: null, diagnostics: undefined });
  });

  it('drops a value on a 204 with a BODY_DROPPED diagnostic that names the route', () => {
    const out = resolve(plan, 'PUT', value({ a: 1 }), { status: 204, headers: undefined }, options);
    expect(out.status).toBe(204);
    expect(out.body).toBeNull();
    expect(out.headers).toEqual([]);
    expect(out.diagnostics).toEqual([
      {
        code: DiagnosticCode.BODY_DROPPED,
        route: 'POST /items',
        status: 204,
        message:
          "[statuskit] POST /items: a 204 response has no body; the handler's body was dropped.",
      },
    ]);
  });

  it('sends content-length 0 and no body for 205', () => {
    const out = resolve(plan, 'PUT', value({ a: 1 }), { status: 205, headers: undefined }, options);
    expect(out.status).toBe(205);
    expect(out.body).toBeNull();
    expect(out.headers).toEqual([['content-length', '0']]);
  });

  it('keeps setHeader headers, after removing framing headers the handler set', () => {
    const state: ResolveState = {
      status: undefined,
      headers: [
        ['x-a', '1'],
        ['content-length', '999'],
        ['transfer-encoding', 'chunked'],
      ],
    };
    const out = resolve(plan, 'POST', value([1]), state, options);
    expect(out.headers).toEqual([
      ['x-a', '1'],
      ['content-type', 'application/json'],
      ['content-length', '3'],
    ]);
  });

  it('lets a content-type set by the handler win', () => {
    const state: ResolveState = { status: undefined, headers: [['content-type', 'application/x']] };
    const out = resolve(plan, 'POST', value(1), state, options);
    expect(out.headers).toEqual([
      ['content-type', 'application/x'],
      ['content-length', '1'],
    ]);
  });

  it('answers 500 with a SERIALIZATION diagnostic when JSON cannot carry the value', () => {
    const out = resolve(plan, 'POST', value({ n: 1n }), none, options);
    expect(out.status).toBe(500);
    expect(decode(out.body)).toBe('{"detail":"Internal Server Error"}');
    expect(out.diagnostics).toHaveLength(1);
    expect(out.diagnostics?.[0]).toMatchObject({
      code: DiagnosticCode.SERIALIZATION,
      route: 'POST /items',
      status: 500,
    });
    expect(out.diagnostics?.[0]?.message).toContain('could not be serialised as JSON');
  });

  it('HEAD keeps the GET headers (same content-length) and sends no body', () => {
    const get = resolve(plan, 'GET', value({ a: 1 }), none, options);
    const head = resolve(plan, 'HEAD', value({ a: 1 }), none, options);
    expect(head.status).toBe(get.status);
    expect(head.headers).toEqual(get.headers);
    expect(head.body).toBeNull();
    expect(get.body).not.toBeNull();
  });
});
