import { Agent, request as httpRequest } from 'node:http';
import { fileURLToPath } from 'node:url';
import { type Service, start } from '@statuskit/proc';
import { checkStep, createdId, MIX, type MixStep } from './mix.js';
import type { MemorySample, SoakCommand } from './soak-server.js';

/** Options of one soak run against one adapter. */
export interface SoakOptions {
  readonly adapter: string;
  /** Requests to send in all (each step of a scenario is one). */
  readonly requests: number;
  /** Requests before the first memory sample. */
  readonly warmup: number;
  /** Keep-alive connections working at once. */
  readonly concurrency: number;
  /** Memory samples between warm-up and the end (besides those two). */
  readonly samples?: number;
  /** Progress lines go here (default: nowhere). */
  readonly log?: (line: string) => void;
}

/** Figures of one soak run. */
export interface SoakReport {
  readonly adapter: string;
  readonly requests: number;
  readonly ms: number;
  readonly perSecond: number;
  /** Answers by step name. */
  readonly byStep: Record<string, number>;
  /** Wrong answers (at most the first 20 kept) and how many there were. */
  readonly wrong: string[];
  readonly wrongCount: number;
  readonly warm: MemorySample;
  readonly end: MemorySample;
  readonly between: MemorySample[];
  /** (end - warm) / warm, in percent. */
  readonly heapGrowth: number;
  readonly rssGrowth: number;
  /**
   * RSS growth late in the run, floor to floor, in percent: the lowest sample of
   * the last third against the lowest of the middle third. The
   * allocator keeps pages after warm-up, so RSS settles later than the heap, and
   * it swings by 10 % from sample to sample (Express); a leak lifts the floor, a
   * plateau or a swing does not.
   */
  readonly rssLateGrowth: number;
}

/** Growth, in percent, from the lowest sample of the middle third to the lowest of the last third. */
export function lateFloorGrowth(samples: readonly number[]): number {
  const n = samples.length;
  const middle = samples.slice(Math.floor(n / 3), Math.floor((2 * n) / 3));
  const last = samples.slice(Math.floor((2 * n) / 3));
  if (middle.length === 0 || last.length === 0) return 0;
  return growth(Math.min(...middle), Math.min(...last));
}

const SERVER = fileURLToPath(new URL('./soak-server.ts', import.meta.url));
const APP = fileURLToPath(new URL('..', import.meta.url));

interface Reply {
  status: number;
  headers: Record<string, unknown>;
  body: string;
}

function send(agent: Agent, port: number, step: MixStep, path: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {};
    if (step.body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(step.body));
    }
    const req = httpRequest(
      { host: '127.0.0.1', port, method: step.method, path, agent, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(10_000, () =>
      req.destroy(new Error(`${step.method} ${path}: no answer in 10 s`)),
    );
    req.on('error', reject);
    req.end(step.body);
  });
}

// The server runs in its own process so its memory is measured without the load generator's.
async function startServer(adapter: string): Promise<{ port: number; service: Service }> {
  const service = await start(process.execPath, ['--import', 'tsx', SERVER, adapter], {
    cwd: APP,
    ready: /^PORT (\d+)$/m,
    ipc: true,
    timeoutMs: 30_000,
    onOutput: (chunk) => process.stderr.write(chunk),
  });
  return { port: Number(service.match[1]), service };
}

async function sample(service: Service): Promise<MemorySample> {
  return (await service.ask({ type: 'sample' } satisfies SoakCommand)) as MemorySample;
}

function growth(from: number, to: number): number {
  return Math.round(((to - from) / from) * 10_000) / 100;
}

/**
 * Sends a mixed workload to one adapter in a child process over keep-alive
 * connections, checks every answer, and samples the server's memory after a
 * full GC at warm-up, in between and at the end.
 */
export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const log = options.log ?? (() => {});
  const server = await startServer(options.adapter);
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const byStep: Record<string, number> = {};
  const wrong: string[] = [];
  let wrongCount = 0;
  let sent = 0;
  let scenario = 0;
  const worker = async (limit: number): Promise<void> => {
    while (sent < limit) {
      const steps = MIX[scenario++ % MIX.length]!;
      let id = '1';
      for (const step of steps) {
        sent++;
        const path = step.path.replace('{id}', id);
        let problem: string | undefined;
        try {
          const r = await send(agent, server.port, step, path);
          problem = checkStep(step, r.status, r.headers, r.body);
          if (step.status === 201) id = createdId(r.body);
        } catch (error) {
          problem = `${step.name}: ${(error as Error).message}`;
        }
        byStep[step.name] = (byStep[step.name] ?? 0) + 1;
        if (problem !== undefined) {
          wrongCount++;
          if (wrong.length < 20) wrong.push(problem);
        }
      }
    }
  };
  const phase = (limit: number) =>
    Promise.all(Array.from({ length: options.concurrency }, () => worker(limit)));
  const started = Date.now();
  try {
    await phase(options.warmup);
    const warm = await sample(server.service);
    log(`${options.adapter}: warm after ${sent}: heap ${mb(warm.heapUsed)}, rss ${mb(warm.rss)}`);
    const between: MemorySample[] = [];
    const parts = (options.samples ?? 0) + 1;
    const start = sent;
    const rest = options.requests - start;
    for (let i = 1; i <= parts; i++) {
      await phase(start + Math.ceil((rest * i) / parts));
      if (i < parts) {
        const s = await sample(server.service);
        between.push(s);
        log(`${options.adapter}: ${sent} sent: heap ${mb(s.heapUsed)}, rss ${mb(s.rss)}`);
      }
    }
    const end = await sample(server.service);
    const ms = Date.now() - started;
    log(
      `${options.adapter}: end after ${sent}: heap ${mb(end.heapUsed)}, rss ${mb(end.rss)}, ${ms} ms`,
    );
    return {
      adapter: options.adapter,
      requests: sent,
      ms,
      perSecond: Math.round((sent / ms) * 1000),
      byStep,
      wrong,
      wrongCount,
      warm,
      end,
      between,
      heapGrowth: growth(warm.heapUsed, end.heapUsed),
      rssGrowth: growth(warm.rss, end.rss),
      rssLateGrowth: lateFloorGrowth([...between, end].map((m) => m.rss)),
    };
  } finally {
    agent.destroy();
    await server.service.stop();
  }
}

/** Bytes as megabytes with one decimal. */
export function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
