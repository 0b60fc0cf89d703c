import { describe, expect, it } from 'vitest';
import { renderError } from './error-format.js';

describe("renderError('detail')", () => {
  it('wraps any detail in {"detail": ...} as application/json', () => {
    expect(renderError('detail', 404, 'Item not found')).toEqual({
      contentType: 'application/json',
      text: '{"detail":"Item not found"}',
    });
    expect(renderError('detail', 418, { reason: 'x' }).text).toBe('{"detail":{"reason":"x"}}');
    expect(renderError('detail', 400, ['a', 1]).text).toBe('{"detail":["a",1]}');
    expect(renderError('detail', 400, null).text).toBe('{"detail":null}');
  });

  it('adds debug info only when given', () => {
    const debug = { name: 'Error', message: 'secret', stack: undefined };
    expect(JSON.parse(renderError('detail', 500, 'Internal Server Error', debug).text)).toEqual({
      detail: 'Internal Server Error',
      debug: { name: 'Error', message: 'secret' },
    });
  });
});

describe("renderError('problem') (RFC 9457)", () => {
  it('puts a string detail in detail, with type, title and status', () => {
    const out = renderError('problem', 404, 'Item not found');
    expect(out.contentType).toBe('application/problem+json');
    expect(JSON.parse(out.text)).toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: 'Item not found',
    });
  });

  it('puts an array (validation issues) in errors', () => {
    const issues = [{ type: 'missing', loc: ['body'], msg: 'Field required' }];
    expect(JSON.parse(renderError('problem', 422, issues).text)).toEqual({
      type: 'about:blank',
      title: 'Unprocessable Content',
      status: 422,
      errors: issues,
    });
  });

  it('spreads an object detail as extension members without overriding the standard ones', () => {
    expect(
      JSON.parse(renderError('problem', 418, { reason: 'stout', status: 200, title: 'x' }).text),
    ).toEqual({ type: 'about:blank', title: "I'm a Teapot", status: 418, reason: 'stout' });
  });

  it('keeps a scalar non-string detail in detail', () => {
    expect(JSON.parse(renderError('problem', 400, 42).text)).toMatchObject({ detail: 42 });
    expect(JSON.parse(renderError('problem', 400, null).text)).toMatchObject({ detail: null });
  });

  it('uses the class name as title for unregistered codes and adds debug info', () => {
    const debug = { name: 'TypeError', message: 'm', stack: 's' };
    expect(JSON.parse(renderError('problem', 599, 'x', debug).text)).toEqual({
      type: 'about:blank',
      title: 'Server Error',
      status: 599,
      detail: 'x',
      debug,
    });
  });
});

describe('renderError memo', () => {
  it('renders a repeated string detail once, and keeps formats and statuses apart', () => {
    const a = renderError('detail', 404, 'Gone fishing');
    expect(renderError('detail', 404, 'Gone fishing')).toBe(a);
    expect(renderError('detail', 410, 'Gone fishing')).toEqual(a);
    const p404 = renderError('problem', 404, 'Gone fishing');
    const p410 = renderError('problem', 410, 'Gone fishing');
    expect(JSON.parse(p404.text)).toMatchObject({ status: 404, detail: 'Gone fishing' });
    expect(JSON.parse(p410.text)).toMatchObject({ status: 410, detail: 'Gone fishing' });
  });

  it('still renders every detail right once the memo is full', () => {
    for (let i = 0; i < 2000; i++) {
      expect(renderError('detail', 404, `item ${i} not found`).text).toBe(
        `{"detail":"item ${i} not found"}`,
      );
    }
  });
});
