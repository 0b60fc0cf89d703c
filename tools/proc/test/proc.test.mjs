// @ts-check
import { describe, expect, it } from 'vitest';
import { livePids, run, runSync, start, stopAll } from '../src/index.mjs';

const node = process.execPath;

/** @param {number} pid */
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Polls until `pid` is gone, at most 5 s. @param {number} pid */
async function gone(pid) {
  for (let i = 0; i < 100 && alive(pid); i++) await new Promise((r) => setTimeout(r, 50));
  return !alive(pid);
}

describe('run', () => {
  it('returns the exit code and what the command printed, interleaved too', async () => {
    const r = await run(node, ['-e', 'console.log("out"); console.error("err"); process.exit(3)']);
    expect(r).toMatchObject({ code: 3, signal: null, timedOut: false, stdout: 'out\n' });
    expect(r.stderr).toBe('err\n');
    expect(r.output).toContain('out\n');
    expect(r.output).toContain('err\n');
    expect(r.command).toBe(
      `${node} -e "console.log(\\"out\\"); console.error(\\"err\\"); process.exit(3)"`,
    );
  });

  it('merges env over the parent environment and runs in cwd', async () => {
    const r = await run(
      node,
      ['-e', 'console.log(process.env.PROC_TEST, process.cwd(), !!process.env.PATH)'],
      {
        cwd: '/',
        env: { PROC_TEST: 'x' },
      },
    );
    expect(r.stdout).toBe('x / true\n');
  });

  it('rejects when the command cannot start', async () => {
    await expect(run('/nonexistent/statuskit-proc-test', [])).rejects.toThrow(
      /^cannot run \/nonexistent\/statuskit-proc-test/,
    );
  });

  it('stops the whole process group at the deadline, grandchildren included', async () => {
    const r = await run('sh', ['-c', 'sleep 30 & echo $!; wait'], { timeoutMs: 500 });
    expect(r.timedOut).toBe(true);
    expect(r.code === null || r.code > 128).toBe(true);
    expect(await gone(Number(r.stdout.trim()))).toBe(true);
    expect(livePids()).toEqual([]);
  });
});

describe('runSync', () => {
  it('returns stdout, or undefined when the command fails', () => {
    expect(runSync(node, ['-e', 'process.stdout.write("hi")'])).toBe('hi');
    expect(runSync(node, ['-e', 'process.exit(1)'])).toBeUndefined();
    expect(runSync('/nonexistent/statuskit-proc-test', [])).toBeUndefined();
  });
});

const SERVER = `
process.on('message', (m) => process.send({ echo: m }));
setInterval(() => {}, 1000);
console.log('READY ' + process.pid);
`;

describe('start', () => {
  it('resolves on the ready line, answers over IPC, and stops by PID', async () => {
    const s = await start(node, ['-e', SERVER], { ready: /READY (\d+)/, ipc: true });
    expect(Number(s.match[1])).toBe(s.pid);
    expect(await s.ask({ n: 1 })).toEqual({ echo: { n: 1 } });
    await s.stop();
    expect(await s.exited).toEqual({ code: null, signal: 'SIGTERM' });
    expect(alive(s.pid)).toBe(false);
  });

  it('rejects with the output when the process exits before it is ready', async () => {
    await expect(
      start(node, ['-e', 'console.error("no port for you"); process.exit(1)'], { ready: /READY/ }),
    ).rejects.toThrow(/exited before printing its ready line:\n[\s\S]*no port for you/);
  });

  it('rejects and stops the process when the ready line does not come in time', async () => {
    const p = start(node, ['-e', 'console.log(process.pid); setInterval(() => {}, 1000)'], {
      ready: /READY/,
      timeoutMs: 300,
    });
    await expect(p).rejects.toThrow(/printed no \/READY\/ within 0.3s/);
    expect(livePids()).toEqual([]);
  });
});

describe('stopAll', () => {
  it('ends every group still running and refuses to start more', async () => {
    const s = await start(node, ['-e', SERVER], { ready: /READY/ });
    expect(livePids()).toContain(s.pid);
    expect(await stopAll()).toEqual([]);
    expect(alive(s.pid)).toBe(false);
    await expect(run(node, ['-e', '0'])).rejects.toThrow(/cleaning up/);
  });
});
