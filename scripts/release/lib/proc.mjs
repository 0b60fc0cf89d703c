// @ts-check
// The release test's commands run through the repo's one process helper
// (tools/proc: process groups, deadlines, clean-up on exit); here each command
// line is logged and its output streamed with STATUSKIT_RELEASE_VERBOSE=1.
import * as proc from '@statuskit/proc';
import { log } from './log.mjs';

export { killAllSync, livePids, stopAll } from '@statuskit/proc';

/** @typedef {import('@statuskit/proc').RunResult} RunResult */
/** @typedef {import('@statuskit/proc').Service} Service */

/** @param {string} command @param {readonly string[]} args */
const line = (command, args) => [command, ...args].join(' ');

/**
 * Runs a command to completion or its deadline (default 120 s); never rejects for a
 * non-zero exit: callers assert on the result.
 * @param {string} command
 * @param {readonly string[]} args
 * @param {{ cwd: string, env?: NodeJS.ProcessEnv, timeoutMs?: number }} options
 * @returns {Promise<RunResult>}
 */
export async function run(command, args, options) {
  log.detail(`$ ${line(command, args)}  (in ${options.cwd})`);
  const result = await proc.run(command, args, { ...options, onOutput: log.stream });
  if (result.timedOut) log.detail(`timed out after ${(options.timeoutMs ?? 120_000) / 1000}s`);
  return result;
}

/**
 * Starts a long-running process (a registry, a server) and waits for `ready`.
 * @param {string} command
 * @param {readonly string[]} args
 * @param {{ cwd: string, env?: NodeJS.ProcessEnv, ready: RegExp, timeoutMs: number }} options
 * @returns {Promise<Service>}
 */
export function start(command, args, options) {
  log.detail(`$ ${line(command, args)} &  (in ${options.cwd})`);
  return proc.start(command, args, { ...options, onOutput: log.stream });
}
