import { ErrorCode, StatuskitError } from './errors.js';

/** What an adapter checks of the framework it runs on. */
export interface FrameworkCheck {
  /** The adapter package, named in the message: `@statuskit/express`. */
  readonly adapter: string;
  /** The framework package it needs: `express`, `@koa/router`. */
  readonly framework: string;
  /** The supported major version. */
  readonly major: number;
  /** The installed version as found (`5.1.0`); undefined, or anything not a string, when none was. */
  readonly found: unknown;
}

/**
 * Throws STATUSKIT_UNSUPPORTED_FRAMEWORK unless `found` is a version of the
 * supported major, so a missing or wrong framework fails at start-up with a
 * message that says what to install, never on a request.
 *
 * @example assertFrameworkVersion({ adapter: '@statuskit/fastify', framework: 'fastify', major: 5, found: app.version });
 */
export function assertFrameworkVersion(check: FrameworkCheck): void {
  const { adapter, framework, major, found } = check;
  const leading = typeof found === 'string' ? /^(\d+)(?:\.|$)/.exec(found) : null;
  if (leading !== null && Number(leading[1]) === major) return;
  const what = typeof found === 'string' ? `found ${found}` : 'not found';
  throw new StatuskitError(
    ErrorCode.UNSUPPORTED_FRAMEWORK,
    `${adapter} needs ${framework} ^${major} installed (${what}); run: npm install ${framework}@${major}`,
  );
}
