import { ErrorCode, StatuskitError } from './errors.js';
import type { Statuskit } from './kit.js';

/** True for the app made by createStatuskit (what every adapter mounts). */
export function isStatuskit(value: unknown): value is Statuskit {
  const kit = value as Partial<Record<keyof Statuskit, unknown>> | null | undefined;
  return (
    typeof kit === 'object' &&
    kit !== null &&
    typeof kit.dispatch === 'function' &&
    typeof kit.claim === 'function' &&
    Array.isArray(kit.routes)
  );
}

// A request or a framework context: what `app.use(statuskit)` hands the adapter function.
function isRequestLike(value: object): boolean {
  return ('method' in value && 'headers' in value) || ('req' in value && 'res' in value);
}

function kindOf(value: unknown): string {
  if (value === undefined || value === null) return 'nothing';
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object that is not a statuskit app';
  return `a ${typeof value}`;
}

/**
 * The STATUSKIT_INVALID_MOUNT error for an adapter given `value` where a kit
 * belongs. `usage` is how the adapter is meant to be mounted
 * (`app.use(statuskit(kit))`); the message says what went wrong (mounted
 * without calling it, so a request came in where the kit belongs, or
 * something else passed as the kit) and that line.
 *
 * @example if (!isStatuskit(kit)) throw mountError(kit, 'app.use(statuskit(kit))');
 */
export function mountError(value: unknown, usage: string): StatuskitError {
  const cause =
    typeof value === 'object' && value !== null && isRequestLike(value)
      ? 'was mounted without its app: it was handed a request where the app belongs, and would never answer'
      : `needs the app from createStatuskit(routes), but was given ${kindOf(value)}`;
  return new StatuskitError(
    ErrorCode.INVALID_MOUNT,
    `statuskit ${cause}; write ${usage}, with kit = createStatuskit(routes).`,
  );
}
