import { describe, expect, it } from 'vitest';
import { ErrorCode, isStatuskitError } from './errors.js';
import { resolveOptions } from './options.js';
import { thrownBy } from './test-helpers.js';

describe('resolveOptions', () => {
  it('fills in the defaults', () => {
    const o = resolveOptions();
    expect(o).toMatchObject({
      errorFormat: 'detail',
      debug: false,
      bodyLimit: 1024 * 1024,
      maxJsonDepth: 128,
      bodyTimeout: 30_000,
      handlerTimeout: undefined,
      retryAfter: 1,
      malformedJsonStatus: 422,
      redirectSlashes: true,
      backgroundOnError: false,
    });
    expect(o.policy.name).toBe('rest');
  });

  it('turns debug on only for true', () => {
    expect(resolveOptions({ debug: 'yes' as unknown as boolean }).debug).toBe(false);
    expect(resolveOptions({ debug: true }).debug).toBe(true);
  });

  it.each([
    [{ errorFormat: 'xml' }, "errorFormat must be 'detail' or 'problem'"],
    [{ malformedJsonStatus: 500 }, 'malformedJsonStatus must be 400 or 422'],
    [{ bodyLimit: 0 }, 'option bodyLimit must be a positive integer, got 0.'],
    [{ bodyLimit: 1.5 }, 'option bodyLimit must be a positive integer'],
    [{ maxJsonDepth: -1 }, 'option maxJsonDepth must be a positive integer'],
    [{ bodyTimeout: Number.NaN }, 'option bodyTimeout must be a positive integer'],
    [{ handlerTimeout: 0 }, 'option handlerTimeout must be a positive integer'],
    [{ retryAfter: 0.5 }, 'option retryAfter must be a positive integer'],
    [{ policy: 'nest' }, 'policy nest is unknown'],
  ])('refuses %j with STATUSKIT_INVALID_OPTION', (options, message) => {
    const error = thrownBy(() => resolveOptions(options as never));
    expect(isStatuskitError(error, ErrorCode.INVALID_OPTION)).toBe(true);
    expect((error as Error).message).toContain(message);
  });
});
