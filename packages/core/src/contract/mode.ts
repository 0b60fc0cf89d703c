// The `contract` option: what an answer outside its route's status contract
// costs (see check.ts), and its default.
import { ErrorCode, StatuskitError } from '../errors.js';

/** What an answer outside its route's status contract costs: nothing, a diagnostic, or a 500 and one. */
export type ContractMode = 'off' | 'report' | 'enforce';

const MODES: readonly ContractMode[] = ['off', 'report', 'enforce'];

// The core has no Node types: `process` is read only where it exists (not in browsers).
type MaybeNode = { readonly process?: { readonly env?: Record<string, unknown> } };

/**
 * The mode in force: the option, else `report` unless NODE_ENV is
 * `production` (then `off`: production answers are never changed or slowed
 * by a check nobody asked for). Throws STATUSKIT_INVALID_OPTION for others.
 */
export function contractMode(option: ContractMode | undefined): ContractMode {
  if (option === undefined) {
    const env = (globalThis as MaybeNode).process?.env;
    return env?.NODE_ENV === 'production' ? 'off' : 'report';
  }
  if (!MODES.includes(option)) {
    throw new StatuskitError(
      ErrorCode.INVALID_OPTION,
      `contract must be 'off', 'report' or 'enforce', got ${String(option)}.`,
    );
  }
  return option;
}
