// @ts-check
// The repo's one way to run child processes (bench servers, the example app,
// Verdaccio, npm, git...). execa spawns, buffers and interleaves the output and
// carries IPC; this module adds what execa leaves out: every child leads its
// own process group (`detached`), so a deadline or a stop ends it together
// with what it spawned (npx -> sh -> node) by its own PID, and nothing else;
// every group still running when this process exits is killed.
// Plain JavaScript, so the release test runs it before anything is built.
import { execa, execaSync } from 'execa';

/**
 * @typedef {object} ProcOptions
 * @property {string} [cwd] default: this process's
 * @property {NodeJS.ProcessEnv} [env] merged over process.env
 * @property {(chunk: string) => void} [onOutput] sees stdout and stderr as they arrive
 */

/**
 * @typedef {object} RunResult
 * @property {number | null} code null when a signal ended it
 * @property {NodeJS.Signals | null} signal
 * @property {boolean} timedOut
 * @property {string} stdout
 * @property {string} stderr
 * @property {string} output stdout and stderr interleaved
 * @property {string} command the command line, for messages
 */

/**
 * @typedef {object} StartOptions
 * @property {RegExp} ready what the child prints (stdout or stderr) once it serves
 * @property {number} [timeoutMs] bound on the wait for `ready`; default 20 s
 * @property {boolean} [ipc] open a Node IPC channel (the child is Node, or execs it)
 */

/**
 * @typedef {object} Exit
 * @property {number | null} code
 * @property {NodeJS.Signals | null} signal
 */

/**
 * @typedef {object} Service
 * @property {number} pid the process group's leader
 * @property {RegExpMatchArray} match `ready`'s match
 * @property {string} command the command line, for messages
 * @property {() => string} output stdout and stderr so far, interleaved
 * @property {() => string} stderr stderr so far
 * @property {Promise<Exit>} exited settles when the leader exits
 * @property {(signal: NodeJS.Signals) => void} kill signals the whole group
 * @property {(message: import('node:child_process').Serializable, timeoutMs?: number) => Promise<unknown>} ask
 *   sends an IPC message (with `ipc`), resolves with the next message back
 * @property {(graceMs?: number) => Promise<void>} stop SIGTERM to the group, SIGKILL after `graceMs` (5 s)
 */

/** Process groups still running, by leader PID. @type {Set<number>} */
const live = new Set();
/** Set by stopAll: after it nothing new may start (the caller is cleaning up). */
let stopping = false;
let hooked = false;

/** @param {number} pid @param {NodeJS.Signals | 0} signal */
function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false; // already gone
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
function exitedWithin(child, ms) {
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
 * SIGTERM to the group, SIGKILL after `graceMs`, then a last SIGKILL for members the
 * leader left behind.
 * @param {import('node:child_process').ChildProcess} child
 * @param {number} graceMs
 */
async function stopGroup(child, graceMs) {
  const pid = child.pid;
  if (pid === undefined) return;
  signalGroup(pid, 'SIGTERM');
  if (!(await exitedWithin(child, graceMs))) {
    signalGroup(pid, 'SIGKILL');
    await exitedWithin(child, 2000);
  }
  signalGroup(pid, 'SIGKILL');
  live.delete(pid);
}

/**
 * @param {string} command
 * @param {readonly string[]} args
 * @param {ProcOptions & { ipc?: boolean }} options
 */
function spawnGroup(command, args, options) {
  if (stopping) throw new Error(`not starting ${describe(command, args)}: cleaning up`);
  if (!hooked) {
    hooked = true;
    process.once('exit', killAllSync);
  }
  const child = execa(command, args, {
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    env: options.env ?? {},
    stdin: 'ignore',
    all: true,
    reject: false,
    stripFinalNewline: false,
    detached: true,
    ipc: options.ipc === true,
  });
  // The PID stays in `live` until its group is swept, even after the leader exits.
  if (child.pid !== undefined) live.add(child.pid);
  const onOutput = options.onOutput;
  if (onOutput !== undefined) {
    child.stdout?.on('data', (d) => onOutput(String(d)));
    child.stderr?.on('data', (d) => onOutput(String(d)));
  }
  return child;
}

/**
 * Runs a command to completion, or to its deadline (then its group is stopped),
 * and returns what it printed. Rejects only when it cannot start; callers assert
 * on the exit code.
 * @param {string} command
 * @param {readonly string[]} args
 * @param {ProcOptions & { timeoutMs?: number }} [options] timeoutMs: default 120 s
 * @returns {Promise<RunResult>}
 */
export async function run(command, args, options = {}) {
  const text = describe(command, args);
  const child = spawnGroup(command, args, options);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    void stopGroup(child, 5000);
  }, options.timeoutMs ?? 120_000);
  const r = await child;
  clearTimeout(timer);
  if (child.pid !== undefined) {
    signalGroup(child.pid, 'SIGKILL');
    live.delete(child.pid);
  }
  if (r.exitCode === undefined && r.signal === undefined && !timedOut) {
    throw new Error(`cannot run ${text}: ${r.shortMessage}`);
  }
  return {
    code: r.exitCode ?? null,
    signal: /** @type {NodeJS.Signals | null} */ (r.signal ?? null),
    timedOut,
    stdout: r.stdout ?? '',
    stderr: r.stderr ?? '',
    output: r.all ?? '',
    command: text,
  };
}

/**
 * Runs a short command synchronously (no group, no deadline beyond `timeoutMs`);
 * its stdout, or undefined when it failed or is missing.
 * @param {string} command
 * @param {readonly string[]} args
 * @param {{ timeoutMs?: number }} [options] default 10 s
 * @returns {string | undefined}
 */
export function runSync(command, args, options = {}) {
  const r = execaSync(command, args, {
    reject: false,
    stdin: 'ignore',
    timeout: options.timeoutMs ?? 10_000,
  });
  return r.failed ? undefined : String(r.stdout);
}

/**
 * Starts a long-running process (a server, a registry) and resolves once its output
 * matches `ready`; rejects, with the group stopped and the output in the message, when
 * it exits first or prints nothing matching within `timeoutMs`.
 * @param {string} command
 * @param {readonly string[]} args
 * @param {ProcOptions & StartOptions} options
 * @returns {Promise<Service>}
 */
export function start(command, args, options) {
  const text = describe(command, args);
  const child = spawnGroup(command, args, options);
  const pid = child.pid;
  let output = '';
  let stderr = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
    stderr += d;
  });
  // Settles on the leader's exit; execa's own promise also waits for every pipe to close.
  /** @type {Promise<Exit>} */
  const exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  child.catch(() => {}); // the result is not used; a spawn failure shows as `exit`/`error`
  /** @type {Service['stop']} */
  const stop = (graceMs = 5000) => stopGroup(child, graceMs);
  return new Promise((resolve, reject) => {
    /** @param {string} why */
    const fail = (why) => {
      cleanup();
      void stop(0).then(() => reject(new Error(`${text} ${why}:\n${output}`)));
    };
    const check = () => {
      const match = output.match(options.ready);
      if (match === null || pid === undefined) return;
      cleanup();
      resolve({
        pid,
        match,
        command: text,
        output: () => output,
        stderr: () => stderr,
        exited,
        kill: (signal) => signalGroup(pid, signal),
        ask: (message, timeoutMs = 10_000) =>
          new Promise((res, rej) => {
            const t = setTimeout(() => rej(new Error(`${text}: no IPC answer`)), timeoutMs);
            child.once('message', (answer) => {
              clearTimeout(t);
              res(answer);
            });
            child.send(message);
          }),
        stop,
      });
    };
    const onExit = () => fail('exited before printing its ready line');
    const onError = (/** @type {Error} */ e) => fail(`could not start (${e.message})`);
    const timer = setTimeout(
      () => fail(`printed no ${options.ready} within ${(options.timeoutMs ?? 20_000) / 1000}s`),
      options.timeoutMs ?? 20_000,
    );
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout?.off('data', check);
      child.stderr?.off('data', check);
      child.off('exit', onExit);
      child.off('error', onError);
    };
    child.stdout?.on('data', check);
    child.stderr?.on('data', check);
    child.once('exit', onExit);
    child.once('error', onError);
  });
}

/** PIDs of the process groups still tracked. */
export function livePids() {
  return [...live];
}

/**
 * Ends every tracked process group and waits until they are gone (SIGTERM, SIGKILL
 * after 5 s); nothing new starts afterwards. Resolves with the PIDs still alive.
 * @returns {Promise<number[]>}
 */
export async function stopAll() {
  stopping = true;
  const pids = [...live];
  const alive = (/** @type {number} */ pid) => signalGroup(pid, 0);
  for (const pid of pids) signalGroup(pid, 'SIGTERM');
  for (const [signal, ms] of /** @type {const} */ ([
    ['SIGKILL', 5000],
    [null, 2000],
  ])) {
    const deadline = Date.now() + ms;
    while (pids.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    if (signal) for (const pid of pids.filter(alive)) signalGroup(pid, signal);
  }
  for (const pid of pids) live.delete(pid);
  return pids.filter(alive);
}

/** Last resort for an exiting process, which cannot wait: SIGKILL to every group. */
export function killAllSync() {
  for (const pid of live) signalGroup(pid, 'SIGKILL');
  live.clear();
}
