import { describe, expect, it } from 'vitest';
import { ErrorCode, isStatuskitError } from './errors.js';
import { assertFrameworkVersion } from './framework.js';

function refusal(found: unknown, framework = 'express', major = 5): unknown {
  try {
    assertFrameworkVersion({ adapter: `@statuskit/${framework}`, framework, major, found });
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('assertFrameworkVersion', () => {
  it.each(['5.0.0', '5.12.8', '5.1.0-beta.1', '5'])('accepts %s for major 5', (found) => {
    expect(refusal(found)).toBeUndefined();
  });

  it.each([
    ['4.21.2', 'found 4.21.2'],
    ['6.0.0', 'found 6.0.0'],
    ['55.0.0', 'found 55.0.0'],
    [undefined, 'not found'],
    [5, 'not found'],
  ])('refuses %s with STATUSKIT_UNSUPPORTED_FRAMEWORK, saying what to install', (found, what) => {
    const error = refusal(found);
    expect(isStatuskitError(error, ErrorCode.UNSUPPORTED_FRAMEWORK)).toBe(true);
    expect((error as Error).message).toBe(
      `[statuskit] @statuskit/express needs express ^5 installed (${what}); run: npm install express@5`,
    );
  });

  it('names a scoped framework and its major as the adapters did', () => {
    const error = refusal(undefined, '@koa/router', 15) as Error;
    expect(error.message).toBe(
      '[statuskit] @statuskit/@koa/router needs @koa/router ^15 installed (not found); run: npm install @koa/router@15',
    );
    expect(refusal('15.0.1', '@koa/router', 15)).toBeUndefined();
  });
});
