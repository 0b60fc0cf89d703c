import { createRequire } from 'node:module';
import { ErrorCode, StatuskitError } from '@statuskit/core';

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

/** Throws STATUSKIT_UNSUPPORTED_FRAMEWORK unless `version` (undefined: not installed) is Express 5. */
export function checkExpressVersion(version: string | undefined): void {
  if (version !== undefined && /^5\.\d/.test(version)) return;
  const found = version === undefined ? 'not found' : `found ${version}`;
  throw new StatuskitError(
    ErrorCode.UNSUPPORTED_FRAMEWORK,
    `@statuskit/express needs express ^5 installed (${found}); run: npm install express@5`,
  );
}
