// @ts-check
// Assertions that say what broke and show the output that proves it.
import { tail } from './log.mjs';

/** A failed expectation of the release test. */
export class CheckError extends Error {
  name = 'CheckError';
}

/**
 * @param {unknown} condition
 * @param {string} message
 * @returns {asserts condition}
 */
export function check(condition, message) {
  if (!condition) throw new CheckError(message);
}

/**
 * @param {import('./proc.mjs').RunResult} result
 * @param {number} code
 * @param {string} what
 */
export function expectExit(result, code, what) {
  if (result.timedOut) {
    throw new CheckError(`${what}: timed out (${result.command})\n${tail(result.output)}`);
  }
  if (result.code !== code) {
    throw new CheckError(
      `${what}: exit ${result.code ?? result.signal}, expected ${code} (${result.command})\n${tail(result.output)}`,
    );
  }
}
