import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const found = new Map<string, string | undefined>();

/**
 * The version of package `name` as a module at `from` (its `import.meta.url`)
 * resolves it; undefined when it is not installed. For an adapter's
 * start-up check (core's assertFrameworkVersion). Packages that do not export
 * their package.json (@koa/router) are found from their entry point up.
 *
 * @example installedVersion('express', import.meta.url) // '5.1.0'
 */
export function installedVersion(name: string, from: string): string | undefined {
  const key = `${from}\n${name}`;
  if (!found.has(key)) found.set(key, readVersion(name, from));
  return found.get(key);
}

function readVersion(name: string, from: string): string | undefined {
  try {
    let dir = dirname(createRequire(from).resolve(name));
    // Bounded: a package's entry point is never deeper than this below its package.json.
    for (let i = 0; i < 8; i++, dir = dirname(dir)) {
      const file = join(dir, 'package.json');
      const pkg = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
      if (pkg?.name === name && typeof pkg.version === 'string') return pkg.version;
    }
  } catch {
    /* not installed, or an unreadable package.json */
  }
  return undefined;
}
