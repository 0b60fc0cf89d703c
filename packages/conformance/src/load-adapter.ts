import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AdapterUnderTest } from './adapter.js';

// Adapters are imported at run time, resolved from a directory the caller names:
// a static import would make conformance depend on the adapters, which depend on it.

function locate(specifier: string, cwd: string): string | undefined {
  if (specifier.startsWith('.') || path.isAbsolute(specifier)) {
    const file = path.resolve(cwd, specifier);
    return existsSync(file) ? pathToFileURL(file).href : undefined;
  }
  try {
    return pathToFileURL(createRequire(path.join(cwd, 'package.json')).resolve(specifier)).href;
  } catch {
    return undefined;
  }
}

function isAdapter(value: unknown): value is AdapterUnderTest {
  const a = value as Partial<AdapterUnderTest> | undefined;
  return typeof a?.name === 'string' && typeof a.start === 'function';
}

/**
 * Imports the `adapter` an adapter module exports (`@statuskit/express/testing`, or a
 * path), resolved from `cwd`; undefined when it is not installed (or not built).
 * Throws when the module loads but exports no `adapter: AdapterUnderTest`.
 */
export async function loadAdapter(
  specifier: string,
  cwd: string = process.cwd(),
): Promise<AdapterUnderTest | undefined> {
  const url = locate(specifier, cwd);
  if (url === undefined) return undefined;
  const mod = (await import(url)) as { adapter?: unknown };
  if (!isAdapter(mod.adapter)) {
    throw new Error(
      `[statuskit] ${specifier} does not export \`adapter: AdapterUnderTest\` ({ name, start(kit, options) }); export one from your adapter's testing entry.`,
    );
  }
  return mod.adapter;
}
