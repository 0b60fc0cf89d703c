// @ts-check
// What the release test prints: one line per step and per command, with the
// elapsed time; children's output only with STATUSKIT_RELEASE_VERBOSE=1 (a
// failing check prints the tail of the output that broke it).

import { stripVTControlCharacters } from 'node:util';

const started = Date.now();

/**
 * Whether an opt-in switch of the release test is on (`NAME=1`).
 * @param {'VERBOSE' | 'KEEP' | 'ALLOW_MISSING'} name
 */
export function flag(name) {
  return process.env[`STATUSKIT_RELEASE_${name}`] === '1';
}

const verbose = flag('VERBOSE');

/** Seconds since the test started, e.g. `12.3s`. */
export function elapsed() {
  return `${((Date.now() - started) / 1000).toFixed(1)}s`;
}

/**
 * The last `lines` lines of a command's output, indented, for failure messages.
 * @param {string} text
 * @param {number} [lines]
 */
export function tail(text, lines = 40) {
  const all = stripVTControlCharacters(text).trimEnd().split('\n');
  const shown = all.slice(-lines).map((l) => `    | ${l}`);
  if (all.length > lines) shown.unshift(`    | ... (${all.length - lines} lines above)`);
  return shown.join('\n');
}

export const log = {
  /** @param {string} title */
  step(title) {
    console.log(`\n[release-e2e ${elapsed()}] ${title}`);
  },
  /** @param {string} message */
  info(message) {
    console.log(`  ${message}`);
  },
  /** @param {string} message */
  detail(message) {
    console.log(`    ${message}`);
  },
  /** @param {string} chunk */
  stream(chunk) {
    if (verbose) process.stdout.write(chunk.replace(/^/gm, '      > '));
  },
};
