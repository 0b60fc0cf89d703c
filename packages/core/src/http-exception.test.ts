import { describe, expect, it } from 'vitest';
import { ErrorCode, isStatuskitError } from './errors.js';
import { HttpException, isHttpException } from './http-exception.js';
import { thrownBy } from './test-helpers.js';

describe('HttpException', () => {
  it('carries status, a string detail and is an Error', () => {
    const e = new HttpException(404, 'Item not found');
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('HttpException');
    expect(e.status).toBe(404);
    expect(e.detail).toBe('Item not found');
    expect(e.message).toBe('Item not found');
    expect(e.headers).toEqual([]);
  });

  it('keeps an object or array detail as is and uses the phrase as message', () => {
    const obj = new HttpException(418, { reason: 'short and stout' });
    expect(obj.detail).toEqual({ reason: 'short and stout' });
    expect(obj.message).toBe("I'm a Teapot");
    const list = new HttpException(400, ['a', 1]);
    expect(list.detail).toEqual(['a', 1]);
  });

  it('uses the reason phrase when the detail is omitted', () => {
    expect(new HttpException(403).detail).toBe('Forbidden');
    expect(new HttpException(499).detail).toBe('Client Error');
  });

  it('keeps null and "" details (only undefined means omitted)', () => {
    expect(new HttpException(400, null).detail).toBeNull();
    expect(new HttpException(400, '').detail).toBe('');
  });

  it('validates and lower-cases headers', () => {
    const e = new HttpException(401, 'no', { headers: { 'WWW-Authenticate': 'Bearer' } });
    expect(e.headers).toEqual([['www-authenticate', 'Bearer']]);
  });

  it('refuses a header with CR/LF, naming the exception', () => {
    const error = thrownBy(() => new HttpException(401, 'x', { headers: { 'x-a': 'a\r\nb' } }));
    expect(isStatuskitError(error, ErrorCode.INVALID_HEADER)).toBe(true);
    expect((error as Error).message).toContain('HttpException(401)');
  });

  it('keeps the cause for logs', () => {
    const cause = new Error('db down');
    expect(new HttpException(503, 'later', { cause }).cause).toBe(cause);
  });

  it.each([
    [99, '99'],
    [600, '600'],
    [200.5, '200.5'],
    ['201', '"201"'],
    [Number.NaN, 'NaN'],
    [-1, '-1'],
  ])('refuses the status %s with STATUSKIT_INVALID_STATUS', (status, shown) => {
    const error = thrownBy(() => new HttpException(status as number));
    expect(isStatuskitError(error, ErrorCode.INVALID_STATUS)).toBe(true);
    expect((error as Error).message).toContain(`HttpException: status ${shown} `);
  });

  it.each([100, 101, 103])('refuses the interim status %i', (status) => {
    const error = thrownBy(() => new HttpException(status));
    expect(isStatuskitError(error, ErrorCode.INVALID_STATUS)).toBe(true);
    expect((error as Error).message).toContain('interim (1xx)');
  });

  it('is an Error to every consumer, with a one-line stack and no capture', () => {
    const e = new HttpException(404, 'Item not found');
    expect(e).toBeInstanceOf(Error);
    expect(e).toBeInstanceOf(HttpException);
    expect(e.name).toBe('HttpException');
    expect(e.message).toBe('Item not found');
    expect(String(e)).toBe('HttpException: Item not found');
    expect(e.stack).toBe('HttpException: Item not found');
    expect(Object.keys(e).sort()).toEqual(['detail', 'headers', 'message', 'status']);
    expect(new HttpException(418, { why: 'teapot' }).message).toBe("I'm a Teapot");
  });

  it('sets cause only when one is given, and lets a logger rewrite the stack', () => {
    expect('cause' in new HttpException(404)).toBe(false);
    expect(new HttpException(404, 'x', { cause: undefined })).toHaveProperty('cause', undefined);
    const e = new HttpException(409);
    e.stack = 'rewritten';
    expect(e.stack).toBe('rewritten');
    expect(new HttpException(409).stack).toBe('HttpException: Conflict');
  });

  it('can be subclassed', () => {
    class NotFound extends HttpException {
      constructor(what: string) {
        super(404, `${what} not found`);
      }
    }
    const e = new NotFound('Item');
    expect(e).toBeInstanceOf(HttpException);
    expect(e).toBeInstanceOf(Error);
    expect(isHttpException(e)).toBe(true);
    expect([e.status, e.message]).toEqual([404, 'Item not found']);
  });
});

describe('isHttpException', () => {
  it('recognises instances and branded copies from another module instance', () => {
    expect(isHttpException(new HttpException(404))).toBe(true);
    const foreign = Object.create({ [Symbol.for('statuskit.http-exception')]: true });
    expect(isHttpException(foreign)).toBe(true);
  });

  it('refuses look-alikes', () => {
    expect(isHttpException({ status: 404, detail: 'x' })).toBe(false);
    expect(isHttpException(new Error('x'))).toBe(false);
    expect(isHttpException(null)).toBe(false);
    expect(isHttpException('HttpException')).toBe(false);
  });
});
