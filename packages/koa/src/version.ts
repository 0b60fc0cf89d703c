import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { assertFrameworkVersion } from '@statuskit/core';

/** The packages this adapter checks, with the major version it supports. */
const SUPPORTED = { koa: 3, '@koa/router': 15 } as const;

const found = new Map<keyof typeof SUPPORTED, string | undefined>();

// @koa/router does not export ./package.json: walk up from its entry point.
function readVersion(name: string): string | undefined {
  try {
    let dir = dirname(createRequire(import.meta.url).resolve(name));
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

/** The installed version of `name` as this adapter resolves it; undefined when missing. */
export function installedVersion(name: keyof typeof SUPPORTED): string | undefined {
  if (!found.has(name)) found.set(name, readVersion(name));
  return found.get(name);
}

/** Throws STATUSKIT_UNSUPPORTED_FRAMEWORK unless `name` is installed with its supported major. */
export function assertInstalled(name: keyof typeof SUPPORTED): void {
  assertFrameworkVersion({
    adapter: '@statuskit/koa',
    framework: name,
    major: SUPPORTED[name],
    found: installedVersion(name),
  });
}
