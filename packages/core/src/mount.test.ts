import { describe, expect, it } from 'vitest';
import { ErrorCode, isStatuskitError } from './errors.js';
import { createStatuskit } from './kit.js';
import { isStatuskit, mountError } from './mount.js';

const USAGE = 'app.use(statuskit(kit))';

function messageFor(value: unknown): string {
  expect(isStatuskit(value)).toBe(false);
  const error = mountError(value, USAGE);
  expect(isStatuskitError(error, ErrorCode.INVALID_MOUNT)).toBe(true);
  return error.message;
}

describe('mountError: an adapter mounted without its app', () => {
  it('accepts a kit', () => {
    const kit = createStatuskit([]);
    expect(isStatuskit(kit)).toBe(true);
  });

  it('explains app.use(statuskit): a request arrived where the app belongs', () => {
    const req = { method: 'GET', url: '/', headers: {} };
    expect(messageFor(req)).toBe(
      '[statuskit] statuskit was mounted without its app: it was handed a request where the app belongs, and would never answer; write app.use(statuskit(kit)), with kit = createStatuskit(routes).',
    );
    // Koa hands its context.
    expect(messageFor({ req: {}, res: {}, app: {} })).toContain('mounted without its app');
  });

  it.each([
    [undefined, 'nothing'],
    [null, 'nothing'],
    [[], 'an array'],
    [() => undefined, 'a function'],
    [{ routes: [] }, 'an object that is not a statuskit app'],
    ['kit', 'a string'],
  ])('names what it was given instead: %j', (value, kind) => {
    expect(messageFor(value)).toBe(
      `[statuskit] statuskit needs the app from createStatuskit(routes), but was given ${kind}; write app.use(statuskit(kit)), with kit = createStatuskit(routes).`,
    );
  });
});
