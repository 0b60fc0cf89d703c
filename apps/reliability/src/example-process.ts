import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The example app (apps/example) running in its own process. */
export interface ExampleProcess {
  readonly child: ChildProcess;
  readonly host: string;
  readonly port: number;
  /** Everything the process wrote to stderr so far. */
  stderr(): string;
  /** Resolves with the exit code (or the signal) when the process ends. */
  readonly exited: Promise<number | string>;
}

const EXAMPLE = fileURLToPath(new URL('../../example/', import.meta.url));

/**
 * Starts `apps/example` from its sources (tsx), so no build of the example is
 * needed, on a free port, and resolves once it prints `listening on ...`.
 */
export function startExample(framework: string, timeoutMs = 20_000): Promise<ExampleProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/main.ts', '--framework', framework, '--port', '0'],
    { cwd: EXAMPLE, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  child.stderr!.on('data', (c: Buffer) => {
    err += c.toString();
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`example (${framework}) did not start in ${timeoutMs} ms: ${out}${err}`));
    }, timeoutMs);
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /listening on http:\/\/([\d.]+):(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, host: m[1]!, port: Number(m[2]), stderr: () => err, exited });
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`example (${framework}) exited (${code}) before listening: ${err}`));
    });
  });
}
