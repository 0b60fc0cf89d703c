import { createRequire } from 'node:module';
import { assertFrameworkVersion } from '@statuskit/core';

let installed: string | null | undefined;

/** The version of the express package this adapter resolves, or undefined when none is installed. */
export function installedExpressVersion(): string | undefined {
  if (installed === undefined) {
    try {
      const require = createRequire(import.meta.url);
      installed = (require('express/package.json') as { version: string }).version;
    } catch {
      installed = null;
    }
  }
  return installed ?? undefined;
}

/** Throws STATUSKIT_UNSUPPORTED_FRAMEWORK unless Express 5 is installed. */
export function assertExpress(): void {
  assertFrameworkVersion({
    adapter: '@statuskit/express',
    framework: 'express',
    major: 5,
    found: installedExpressVersion(),
  });
}
