import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadAdapter } from '../src/load-adapter.js';

const here = path.dirname(fileURLToPath(import.meta.url));

describe('loadAdapter', () => {
  it('imports the adapter of a path, relative to cwd or absolute', async () => {
    const a = await loadAdapter('./fixtures/cli-adapter.mjs', here);
    expect(a?.name).toBe('cli-node');
    expect(typeof a?.start).toBe('function');
    expect(await loadAdapter(path.join(here, 'fixtures/cli-adapter.mjs'), '/')).toBe(a);
  });

  it('is undefined for a module that is not installed or a file that does not exist', async () => {
    expect(await loadAdapter('@statuskit/not-an-adapter/testing', here)).toBeUndefined();
    expect(await loadAdapter('./fixtures/missing.mjs', here)).toBeUndefined();
  });

  it('resolves a package from cwd and throws, naming it, when it exports no adapter', async () => {
    await expect(loadAdapter('@statuskit/conformance/reference', here)).rejects.toThrow(
      '[statuskit] @statuskit/conformance/reference does not export `adapter: AdapterUnderTest`',
    );
  });
});
