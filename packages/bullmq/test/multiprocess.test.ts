import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Service, start } from '@statuskit/proc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { delay } from './fixture.js';
import { hasRedis, useRedis } from './redis.js';

// The deployment @statuskit/bullmq is for, as separate processes on one real
// Redis: an Express and a Fastify app instance, and worker processes started
// and stopped (or SIGKILLed) by PID. Operations start on one instance and are
// monitored and replayed on the other; workers die mid-job; Redis stops and
// comes back on the same socket. Every run of the work is written to its
// worker's file, so the last check counts runs without Redis: no operation
// lost, none run to its end twice.

const HERE = dirname(fileURLToPath(import.meta.url));
const PACKAGE = join(HERE, '..');
const MONITOR = /^\/operations\/([0-9a-f-]{36})$/;

interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly json: Record<string, unknown>;
}

/** One request; a hang fails the test (5 s). */
async function http(method: string, url: string, body?: unknown): Promise<Answer> {
  const response = await fetch(url, {
    method,
    signal: AbortSignal.timeout(5000),
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  const text = await response.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    /* not JSON: `text` shows it */
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** Polls `read` until `done` holds: at most `attempts` times, `ms` apart. */
async function until<T>(
  read: () => T | Promise<T>,
  done: (v: T) => boolean,
  attempts = 300,
  ms = 100,
) {
  let value = await read();
  for (let i = 0; i < attempts && !done(value); i++) {
    await delay(ms);
    value = await read();
  }
  expect(done(value), `gave up waiting; last: ${JSON.stringify(value)}`).toBe(true);
  return value;
}

describe.skipIf(!hasRedis)('two app instances and worker processes on one Redis', () => {
  const redis = useRedis({ persist: true });
  const queue = `mp-${process.pid}`;
  let dir: string;
  const apps: Record<'express' | 'fastify', { service: Service; url: string }> = {} as never;
  const workers = new Map<string, Service>();
  /** Every operation answered 202, with the final status it must reach. */
  const expected = new Map<string, 'succeeded' | 'failed'>();
  let serial = 0;

  const tsx = (file: string, args: string[], ready: RegExp) =>
    start(process.execPath, ['--import', 'tsx', join(HERE, 'processes', file), ...args], {
      cwd: PACKAGE,
      ready,
      timeoutMs: 30_000,
    });
  const startWorker = async (): Promise<string> => {
    const label = `w${++serial}`;
    const log = join(dir, `${label}.log`);
    workers.set(label, await tsx('worker.ts', [redis().url, queue, log], /worker ready/));
    return label;
  };
  /** `start <id>` / `end <id>` lines of every worker so far, as [event, id, pid]. */
  const runs = (): [string, string, number][] =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.log'))
      .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n'))
      .filter((line) => line !== '')
      .map((line) => {
        const [event, id, pid] = line.split(' ');
        return [event!, id!, Number(pid)];
      });
  const startsOf = (id: string) => runs().filter(([e, i]) => e === 'start' && i === id);
  const killRunner = async (id: string, nth: number): Promise<number> => {
    // Log files are read one worker after another, not in time order: the run to kill is the
    // one on a worker still alive (the earlier runs' workers were killed already).
    const live = (pid: number) => [...workers].find(([, s]) => s.pid === pid);
    const starts = await until(startsOf.bind(null, id), (s) => s.length >= nth);
    const [, , pid] = starts.find(([, , p]) => live(p) !== undefined)!;
    const [label, service] = live(pid)!;
    service.kill('SIGKILL');
    await service.exited;
    workers.delete(label);
    return pid;
  };
  const begin = async (on: 'express' | 'fastify', ms: number, ending: 'succeeded' | 'failed') => {
    const answer = await http('POST', `${apps[on].url}/mp`, { ms });
    expect(answer.status, answer.text).toBe(202);
    expect(answer.headers.get('retry-after')).toBe('1');
    const location = answer.headers.get('location') ?? '';
    const id = location.match(MONITOR)?.[1] ?? '';
    expect(answer.json).toMatchObject({ id, status: 'notStarted' });
    expected.set(id, ending);
    return id;
  };
  const monitor = (on: 'express' | 'fastify', id: string) =>
    http('GET', `${apps[on].url}/operations/${id}`);
  const ended = (on: 'express' | 'fastify', id: string) =>
    until(
      () => monitor(on, id),
      (a) =>
        a.status === 200 && ['succeeded', 'failed', 'canceled'].includes(String(a.json.status)),
    );

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'statuskit-mp-'));
    for (const framework of ['express', 'fastify'] as const) {
      const service = await tsx('app.ts', [framework, redis().url, queue], /listening on (\S+)/);
      apps[framework] = { service, url: service.match[1]! };
    }
    await startWorker();
    await startWorker();
  }, 90_000);

  afterAll(async () => {
    for (const service of [...workers.values(), ...Object.values(apps).map((a) => a.service)]) {
      await service.stop(5000);
    }
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('starts on one instance; the other monitors it and replays its 201', async () => {
    const ids: [string, 'express' | 'fastify'][] = [];
    for (let i = 0; i < 8; i++) {
      const on = i % 2 === 0 ? 'express' : 'fastify';
      ids.push([await begin(on, 100, 'succeeded'), on === 'express' ? 'fastify' : 'express']);
    }
    const workerPids = [...workers.values()].map((w) => w.pid);
    for (const [id, other] of ids) {
      expect((await ended(other, id)).json).toMatchObject({ id, status: 'succeeded' });
      const result = await http('GET', `${apps[other].url}/operations/${id}/result`);
      expect(result.status, result.text).toBe(201);
      expect(workerPids).toContain(result.json.pid);
      expect(result.json.ms).toBe(100);
    }
  });

  it('a worker SIGKILLed mid-job: the other one runs the job again and it succeeds', async () => {
    const id = await begin('express', 3000, 'succeeded');
    const killed = await killRunner(id, 1);
    await startWorker(); // the replacement joins; the survivor may recover the job first
    const done = await ended('fastify', id);
    expect(done.json.status).toBe('succeeded');
    const result = await http('GET', `${apps.fastify.url}/operations/${id}/result`);
    expect(result.status).toBe(201);
    expect(result.json.pid).not.toBe(killed);
  });

  it('killed on its recovered run too: failed with a 500 after maxStalledCount, never stuck running', async () => {
    const id = await begin('fastify', 3000, 'failed');
    await killRunner(id, 1);
    await killRunner(id, 2);
    await startWorker();
    await startWorker();
    const done = await ended('express', id);
    expect(done.json).toMatchObject({
      status: 'failed',
      error: { status: 500, detail: 'Internal Server Error' },
    });
    const result = await http('GET', `${apps.express.url}/operations/${id}/result`);
    expect(result.status).toBe(500);
    expect(result.json).toEqual({ detail: 'Internal Server Error' });
  });

  it('Redis stopped: start, monitor, result and cancel answer 503 with retry-after at once; back on the same socket, nothing is lost', async () => {
    const known = [...expected.keys()][0]!;
    await redis().down();
    for (const on of ['express', 'fastify'] as const) {
      const url = apps[on].url;
      for (const [method, path, body] of [
        ['POST', '/mp', { ms: 10 }],
        ['GET', `/operations/${known}`, undefined],
        ['GET', `/operations/${known}/result`, undefined],
        ['POST', `/operations/${known}/cancel`, undefined],
      ] as const) {
        const answer = await http(method, url + path, body);
        expect(answer.status, `${on} ${method} ${path}: ${answer.text}`).toBe(503);
        expect(answer.headers.get('retry-after')).toBe('1');
        expect(answer.json).toEqual({ detail: 'Service Unavailable' });
      }
    }
    await redis().up();
    for (const on of ['express', 'fastify'] as const) {
      const back = await until(
        () => monitor(on, known),
        (a) => a.status === 200,
      );
      expect(back.json).toMatchObject({ id: known, status: 'succeeded' });
    }
    const after = [
      await begin('express', 50, 'succeeded'),
      await begin('fastify', 50, 'succeeded'),
    ];
    for (const id of after) expect((await ended('express', id)).json.status).toBe('succeeded');
  });

  it('every operation ended as expected, and no work ran to its end twice', async () => {
    const lines = runs();
    const count = (event: string, id: string) =>
      lines.filter(([e, i]) => e === event && i === id).length;
    const summary = { operations: expected.size, starts: 0, ends: 0, recovered: 0, failed: 0 };
    for (const [id, ending] of expected) {
      const status = (await monitor('fastify', id)).json.status;
      expect(status, id).toBe(ending);
      expect(count('end', id), `${id} ran to its end more than once`).toBe(
        ending === 'succeeded' ? 1 : 0,
      );
      summary.starts += count('start', id);
      summary.ends += count('end', id);
      if (count('start', id) > 1) summary.recovered++;
      if (ending === 'failed') summary.failed++;
    }
    // 8 + 1 (killed once) + 1 (killed twice) + 2 after Redis came back.
    expect(summary).toEqual({ operations: 12, starts: 14, ends: 11, recovered: 2, failed: 1 });
    console.log(`multi-process run: ${JSON.stringify(summary)}`);
  });
});
