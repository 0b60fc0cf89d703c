import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { send } from '@statuskit/conformance';
import { describe, expect, it } from 'vitest';

// `pnpm example` is `node dist/main.js`; here the same main.ts runs from source
// (tsx), as a user starts it: flags in, one line out, SIGTERM ends it with 0.

const ROOT = fileURLToPath(new URL('..', import.meta.url));

interface Run {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  readonly exit: Promise<number | null>;
}

function run(args: string[]): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (c: Buffer) => {
    out += c.toString();
  });
  child.stderr?.on('data', (c: Buffer) => {
    err += c.toString();
  });
  const exit = once(child, 'exit').then(([code]) => code as number | null);
  return { child, stdout: () => out, stderr: () => err, exit };
}

async function listening(r: Run, timeoutMs = 20_000): Promise<string> {
  for (let waited = 0; waited < timeoutMs; waited += 50) {
    const match = /^listening on (http:\/\/127\.0\.0\.1:\d+)\n$/.exec(r.stdout());
    if (match) return match[1]!;
    if (r.child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`not listening: ${r.stdout()}${r.stderr()}`);
}

describe('the command line', () => {
  it('refuses an unknown framework, policy, port or flag with the usage and exit code 2', async () => {
    const runs = [
      ['--framework', 'hapi'],
      ['--policy', 'nest'],
      ['--port', 'http'],
      ['--frame', 'koa'],
      ['--operations', 'kafka'],
    ].map((args) => ({ args, r: run(args) }));
    try {
      for (const { args, r } of runs) {
        expect(await r.exit, args.join(' ')).toBe(2);
        expect(r.stderr(), args.join(' ')).toContain('usage: pnpm example [--framework');
        expect(r.stdout()).toBe('');
      }
    } finally {
      for (const { r } of runs) r.child.kill('SIGKILL');
    }
  });

  it('starts koa under fastapi on a free port, prints one line, and exits 0 on SIGTERM', async () => {
    // The leading `--` is what `pnpm example -- ...` passes on.
    const r = run(['--', '--framework', 'koa', '--policy', 'fastapi', '--port', '0']);
    try {
      const url = await listening(r);
      const deleted = await send(url, { method: 'DELETE', path: '/items/1' });
      expect([deleted.status, new TextDecoder().decode(deleted.body)]).toEqual([200, 'null']);
      r.child.kill('SIGTERM');
      expect(await r.exit).toBe(0);
      expect(r.stderr()).toContain('SIGTERM: closing');
    } finally {
      r.child.kill('SIGKILL');
    }
  });
});
