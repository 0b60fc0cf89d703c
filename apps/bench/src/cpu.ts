import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** How server CPU time is read: per-thread nanoseconds, or clock ticks. */
export type CpuSource = 'schedstat' | 'stat';

function clockTicks(): number {
  try {
    const n = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return Number.isInteger(n) && n > 0 ? n : 100;
  } catch {
    return 100;
  }
}

const TICKS = clockTicks();

// /proc/<pid>/stat: fields after "(comm)"; comm may hold spaces and parens.
function statNs(pid: number): number {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of the whole line, 12 and 13 here (0-based 11, 12).
  return ((Number(fields[11]) + Number(fields[12])) * 1e9) / TICKS;
}

// Sum of every thread's on-CPU nanoseconds (main, libuv pool, V8 GC/JIT).
function schedstatNs(pid: number): number {
  let total = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      total += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // a thread that ended between readdir and read
    }
  }
  return total;
}

function detect(): CpuSource {
  try {
    // Our own process has run for a while: a zero here means schedstat is off.
    return schedstatNs(process.pid) > 0 ? 'schedstat' : 'stat';
  } catch {
    return 'stat';
  }
}

/** The source in use on this machine. */
export const CPU_SOURCE: CpuSource = detect();

/** Clock ticks per second (`getconf CLK_TCK`), the resolution of the `stat` source. */
export const CLOCK_TICKS: number = TICKS;

/**
 * CPU time a process has used so far (user + system, all threads), in ns,
 * read from outside through /proc so the measurement costs the server nothing.
 */
export function processCpuNs(pid: number): number {
  return CPU_SOURCE === 'schedstat' ? schedstatNs(pid) : statNs(pid);
}

/** The coarse tick-based figure, kept as a cross-check of the schedstat one. */
export function processStatNs(pid: number): number {
  return statNs(pid);
}
