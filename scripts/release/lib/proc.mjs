// @ts-check
// Child processes with a deadline. Every child leads its own process group
// (`detached`), so a timeout or the final clean-up can end it together with
// what it spawned (npx -> sh -> node) by its own PID, and nothing else.
import { spawn } from 'node:child_process';
import { log } from './log.mjs';

/**
 * @typedef {object} RunOptions
 * @property {string} cwd
 * @property {NodeJS.ProcessEnv} [env] merged over process.env
 * @property {number} [timeoutMs] default 120 s
 */

/**
 * @typedef {object} RunResult
 * @property {number | null} code
 * @property {NodeJS.Signals | null} signal
 * @property {boolean} timedOut
 * @property {string} stdout
 * @property {string} stderr
 * @property {string} output stdout and stderr interleaved
 * @property {string} command
 */

/** Process groups still running, by leader PID. */
const live = new Set();
/** Set by stopAll: after it, nothing new may start (the temp folder is going away). */
let stopping = false;

/** @param {number} pid @param {NodeJS.Signals} signal */
function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/** @param {string} command @param {readonly string[]} args */
function describe(command, args) {
  return [command, ...args].map((a) => (/\s/.test(a) ? JSON.stringify(a) : a)).join(' ');
}

/**
 * @param {import('node:child_process').ChildProcess} child
 * @param {number} ms
 * @returns {Promise<boolean>} whether it exited in time
 */
function exited(child, ms) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/**
 * Ends a child's process group: SIGTERM, then SIGKILL after `graceMs`.
 * @param {import('node:child_process').ChildProcess} child
 * @param {number} [graceMs]
 */
export async function stopChild(child, graceMs = 5000) {
  const pid = child.pid;
  if (pid === undefined) return;
  killGroup(pid, 'SIGTERM');
  if (!(await exited(child, graceMs))) {
    killGroup(pid, 'SIGKILL');
    await exited(child, 2000);
  }
  // The leader may have exited before its group; sweep the rest.
  killGroup(pid, 'SIGKILL');
  live.delete(pid);
}

/**
 * @param {string} command
 * @param {readonly string[]} args
 * @param {RunOptions} options
 */
function spawnTracked(command, args, options) {
  if (stopping) throw new Error(`not starting ${describe(command, args)}: cleaning up`);
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  // The PID stays in `live` until its group is swept, even after the leader exits.
  if (child.pid !== undefined) live.add(child.pid);
  return child;
}

/**
 * Runs a command to completion (or its deadline) and returns what it printed.
 * Never rejects for a non-zero exit: callers assert on the result.
 * @param {string} command
 * @param {readonly string[]} args
 * @param {RunOptions} options
 * @returns {Promise<RunResult>}
 */
export function run(command, args, options) {
  const timeoutMs = options.timeoutMs ?? 120_000;
  const text = describe(command, args);
  log.detail(`$ ${text}  (in ${options.cwd})`);
  return new Promise((resolve, reject) => {
    const child = spawnTracked(command, args, options);
    let stdout = '';
    let stderr = '';
    let output = '';
    let timedOut = false;
    child.stdout?.setEncoding('utf8').on('data', (d) => {
      stdout += d;
      output += d;
      log.stream(d);
    });
    child.stderr?.setEncoding('utf8').on('data', (d) => {
      stderr += d;
      output += d;
      log.stream(d);
    });
    const timer = setTimeout(() => {
      timedOut = true;
      log.detail(`timed out after ${timeoutMs / 1000}s, stopping: ${text}`);
      void stopChild(child);
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      if (child.pid !== undefined) live.delete(child.pid);
      reject(new Error(`cannot run ${text}: ${error.message}`));
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (child.pid !== undefined) {
        killGroup(child.pid, 'SIGKILL');
        live.delete(child.pid);
      }
      resolve({ code, signal, timedOut, stdout, stderr, output, command: text });
    });
  });
}

/**
 * @typedef {object} Service
 * @property {number} pid
 * @property {() => string} output
 * @property {(pattern: RegExp, timeoutMs: number) => Promise<RegExpMatchArray>} waitFor
 * @property {() => Promise<void>} stop
 */

/**
 * Starts a long-running process (a registry, a server) that the caller stops.
 * @param {string} command
 * @param {readonly string[]} args
 * @param {RunOptions} options
 * @returns {Service}
 */
export function startService(command, args, options) {
  const text = describe(command, args);
  log.detail(`$ ${text} &  (in ${options.cwd})`);
  const child = spawnTracked(command, args, options);
  let output = '';
  /** @type {Set<() => void>} */
  const watchers = new Set();
  /** @param {string} d */
  const onData = (d) => {
    output += d;
    log.stream(d);
    for (const watcher of watchers) watcher();
  };
  child.stdout?.setEncoding('utf8').on('data', onData);
  child.stderr?.setEncoding('utf8').on('data', onData);
  child.once('exit', () => {
    for (const watcher of watchers) watcher();
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`cannot start ${text}`);
  return {
    pid,
    output: () => output,
    waitFor(pattern, timeoutMs) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = output.match(pattern);
          if (match) return done(() => resolve(match));
          if (child.exitCode !== null || child.signalCode !== null) {
            done(() =>
              reject(
                new Error(
                  `${text} exited (${child.exitCode ?? child.signalCode}) before printing ${pattern}:\n${output}`,
                ),
              ),
            );
          }
        };
        const timer = setTimeout(
          () =>
            done(() =>
              reject(
                new Error(`${text} printed no ${pattern} within ${timeoutMs / 1000}s:\n${output}`),
              ),
            ),
          timeoutMs,
        );
        /** @param {() => void} settle */
        const done = (settle) => {
          clearTimeout(timer);
          watchers.delete(check);
          settle();
        };
        watchers.add(check);
        check();
      });
    },
    stop: () => stopChild(child),
  };
}

/** PIDs of the process groups that are still tracked. */
export function livePids() {
  return [...live];
}

/** @param {number} pid */
function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Ends every tracked process group and waits until they are gone, so nothing
 * writes into the temp folder while it is removed.
 */
export async function stopAll() {
  stopping = true;
  const pids = [...live];
  for (const pid of pids) killGroup(pid, 'SIGTERM');
  for (const [signal, ms] of /** @type {const} */ ([
    ['SIGKILL', 5000],
    [null, 2000],
  ])) {
    const deadline = Date.now() + ms;
    while (pids.some(groupAlive) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    if (signal) for (const pid of pids.filter(groupAlive)) killGroup(pid, signal);
  }
  for (const pid of pids) live.delete(pid);
  return pids.filter(groupAlive);
}

/** Last-resort clean-up for `exit` handlers, which cannot wait. */
export function killAllSync() {
  for (const pid of live) killGroup(pid, 'SIGKILL');
  live.clear();
}
