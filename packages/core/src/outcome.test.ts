import { describe, expect, it } from 'vitest';
import { ErrorCode, isStatuskitError } from './errors.js';
import { HttpException } from './http-exception.js';
import {
  invalidRequest,
  methodNotAllowed,
  modelMismatch,
  type Outcome,
  rejected,
  slashRedirect,
  thrown,
  timedOut,
  unroutable,
  upstreamRefusal,
} from './outcome.js';

function exceptionOf(outcome: Outcome): HttpException {
  if (outcome.kind !== 'exception') throw new Error(`expected an exception, got ${outcome.kind}`);
  return outcome.exception;
}

describe('shared outcomes', () => {
  it('rejected() caches per status and closes the connection for 408 and 413 only', () => {
    expect(rejected(404)).toBe(rejected(404));
    const headersOf = (status: number) =>
      rejected(status).kind === 'exception'
        ? (rejected(status) as { exception: HttpException }).exception.headers
        : undefined;
    expect(headersOf(404)).toEqual([]);
    expect(headersOf(408)).toEqual([['connection', 'close']]);
    expect(headersOf(413)).toEqual([['connection', 'close']]);
  });

  it('methodNotAllowed() carries the allow header and is shared per list', () => {
    const outcome = methodNotAllowed('GET, HEAD');
    expect(outcome).toBe(methodNotAllowed('GET, HEAD'));
    expect((outcome as { exception: HttpException }).exception.headers).toEqual([
      ['allow', 'GET, HEAD'],
    ]);
  });

  it('slashRedirect() is a 307 to the location', () => {
    const outcome = slashRedirect('/a?b=1');
    expect(outcome.kind).toBe('response');
    expect((outcome as { response: { status: number; headers: unknown } }).response).toMatchObject({
      status: 307,
      headers: [['location', '/a?b=1']],
    });
  });

  it('methodNotAllowed() stops caching after 1,000 allow lists, and still answers', () => {
    for (let i = 0; i < 1_100; i++) methodNotAllowed(`GET, X-${i}`);
    const late = methodNotAllowed('GET, X-1099');
    expect(exceptionOf(late).headers).toEqual([['allow', 'GET, X-1099']]);
    expect(methodNotAllowed('GET, X-1099')).not.toBe(late);
    expect(methodNotAllowed('GET, X-0')).toBe(methodNotAllowed('GET, X-0'));
  });

  it('timedOut() is a 503 with retry-after in seconds', () => {
    const e = exceptionOf(timedOut(7));
    expect([e.status, e.headers]).toEqual([503, [['retry-after', '7']]]);
  });

  it('thrown() keeps an HttpException and makes anything else a 500 error', () => {
    const e = new HttpException(409);
    expect(thrown(e)).toEqual({ kind: 'exception', exception: e });
    expect(thrown('nope')).toEqual({ kind: 'error', error: 'nope' });
  });

  it('invalidRequest() is 422, or the malformed-JSON status when a json_invalid issue is among them', () => {
    const missing = { type: 'missing', loc: ['body'], msg: 'Field required' };
    const broken = { type: 'json_invalid', loc: ['body', 1], msg: 'JSON decode error' };
    expect(exceptionOf(invalidRequest([missing], 400)).status).toBe(422);
    expect(exceptionOf(invalidRequest([missing, broken], 400)).status).toBe(400);
    expect(exceptionOf(invalidRequest([broken], 422)).detail).toEqual([broken]);
  });

  it('modelMismatch() and unroutable() are 500s whose errors name the route', () => {
    const model = modelMismatch('GET /x', 201, ['issue']);
    const none = unroutable('GET /y');
    expect(
      model.kind === 'error' && isStatuskitError(model.error, ErrorCode.RESPONSE_VALIDATION),
    ).toBe(true);
    expect(model.kind === 'error' && (model.error as Error).message).toContain('GET /x');
    expect(none.kind === 'error' && isStatuskitError(none.error, ErrorCode.INVALID_ROUTE)).toBe(
      true,
    );
    expect(none.kind === 'error' && (none.error as Error).message).toContain('GET /y');
  });

  it('upstreamRefusal() is a plain exception of the status, without connection: close', () => {
    const e = upstreamRefusal(413);
    expect([e.status, e.detail, e.headers]).toEqual([413, 'Content Too Large', []]);
  });
});
