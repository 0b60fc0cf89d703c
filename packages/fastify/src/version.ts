import { ErrorCode, StatuskitError } from '@statuskit/core';

/**
 * Throws STATUSKIT_UNSUPPORTED_FRAMEWORK unless `version` (the instance's
 * `fastify.version`) is a Fastify 5, so a wrong major fails at register
 * time with our message instead of misbehaving on requests.
 */
export function assertFastifyVersion(version: unknown): void {
  const major = typeof version === 'string' ? Number(version.split('.')[0]) : Number.NaN;
  if (major !== 5) {
    const found = typeof version === 'string' ? `found ${version}` : 'not found';
    throw new StatuskitError(
      ErrorCode.UNSUPPORTED_FRAMEWORK,
      `@statuskit/fastify needs fastify ^5 installed (${found}); run: npm install fastify@5`,
    );
  }
}
