import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { AdapterUnderTest, RunningServer } from '@statuskit/conformance';
import { seedApp } from '@statuskit/conformance/fixture';
import { createStatuskit } from '@statuskit/core';
import { adapter as expressAdapter } from '@statuskit/express/testing';
import { adapter as fastifyAdapter } from '@statuskit/fastify/testing';
import { adapter as koaAdapter } from '@statuskit/koa/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// A differential test against FastAPI itself (Debian's python3-fastapi 0.92 on
// uvicorn): the seed app under `--policy fastapi` must answer like the same app
// written in FastAPI, except where we deliberately differ (README: "Where we
// differ from FastAPI"). .ci/run installs the Debian packages.

const PYTHON = '/usr/bin/python3';
const hasFastapi =
  spawnSync(PYTHON, ['-c', 'import fastapi, uvicorn'], { stdio: 'ignore' }).status === 0;

interface Answer {
  status: number;
  contentType: string | undefined;
  location: string | undefined;
  body: string;
}

function send(base: string, method: string, path: string, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${base}${path}`,
      {
        method,
        agent: false,
        timeout: 10_000,
        headers:
          body === undefined
            ? {}
            : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: res.headers['content-type'],
            location: res.headers.location,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${path} timed out`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** What is compared for one request: everything, or (where we deliberately differ) less. */
type Compare = 'all' | 'status+body' | 'status';

// The seed rows, in an order that leaves each one's state as the table expects.
const rows: ReadonlyArray<
  readonly [row: string, method: string, path: string, body: string | undefined, compare: Compare]
> = [
  ['S01', 'GET', '/items/1', undefined, 'all'],
  ['S02', 'GET', '/items/999', undefined, 'all'],
  // A fractional price: Python prints the float 3 as 3.0, JavaScript as 3.
  ['S03', 'POST', '/items', '{"name":"Saw","price":3.25}', 'all'],
  ['S04', 'POST', '/items/declared', '{"name":"Drill","price":42.5,"extra":true}', 'all'],
  // pydantic 1 words its errors differently from the pydantic 2 wording we follow.
  ['S05', 'POST', '/items', '{"name":"","price":-1}', 'status'],
  ['S06', 'POST', '/items', '{"name": ', 'status'],
  ['S08', 'DELETE', '/items/999', undefined, 'all'],
  // FastAPI sends content-type: application/json on a 204 (FASTAPI-BEHAVIOUR #47); we send none.
  ['S09', 'PUT', '/items/2/touch', undefined, 'status+body'],
  ['S10', 'GET', '/status', undefined, 'all'],
  ['S11', 'GET', '/status/number', undefined, 'all'],
  ['S12', 'GET', '/accepted', undefined, 'all'],
  ['S13', 'GET', '/text', undefined, 'all'],
  ['S14', 'GET', '/old-items/1', undefined, 'all'],
  ['S15', 'GET', '/moved', undefined, 'all'],
  ['S16', 'GET', '/override', undefined, 'all'],
  ['S17', 'GET', '/override/raise', undefined, 'all'],
  ['S18', 'GET', '/teapot', undefined, 'all'],
  // FastAPI answers 500 in text/plain; we answer {"detail":"Internal Server Error"}.
  ['S19', 'GET', '/boom', undefined, 'status'],
  ['S20', 'POST', '/process', undefined, 'all'],
  ['S23a', 'GET', '/items/1/maybe', undefined, 'all'],
  ['S23b', 'GET', '/items/999/maybe', undefined, 'all'],
  ['S24', 'GET', '/auth', undefined, 'all'],
  ['S26', 'GET', '/nope', undefined, 'all'],
  // FastAPI's allow lacks HEAD and its order comes from a set; the status and body agree.
  ['S27', 'PATCH', '/items/1/maybe', undefined, 'status+body'],
  ['S07', 'DELETE', '/items/1', undefined, 'all'],
];

function project(answer: Answer, compare: Compare): Partial<Answer> {
  if (compare === 'status') return { status: answer.status };
  if (compare === 'status+body') return { status: answer.status, body: answer.body };
  return answer;
}

describe.skipIf(!hasFastapi)('the fastapi policy answers like FastAPI (python3-fastapi)', () => {
  let python: ChildProcess;
  const reference = new Map<string, Answer>();

  beforeAll(async () => {
    const script = fileURLToPath(new URL('../fastapi/run.py', import.meta.url));
    python = spawn(PYTHON, [script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const base = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('uvicorn did not start within 20 s')),
        20_000,
      );
      python.stdout?.on('data', (chunk: Buffer) => {
        const match = /listening on (http:\/\/\S+)/.exec(chunk.toString());
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
      python.once('exit', (code) => reject(new Error(`uvicorn exited with ${code}`)));
    });
    for (const [row, method, path, body] of rows)
      reference.set(row, await send(base, method, path, body));
  });

  afterAll(() => {
    python?.kill('SIGTERM');
  });

  const adapters: AdapterUnderTest[] = [expressAdapter, koaAdapter, fastifyAdapter];
  for (const adapter of adapters) {
    it(`${adapter.name}: every seed row compares equal to FastAPI`, async () => {
      const app = seedApp({ policy: 'fastapi' });
      const server: RunningServer = await adapter.start(createStatuskit(app.routes, app.options));
      try {
        for (const [row, method, path, body, compare] of rows) {
          const ours = await send(server.url, method, path, body);
          expect(project(ours, compare), `${row} ${method} ${path}`).toEqual(
            project(reference.get(row)!, compare),
          );
        }
      } finally {
        await server.close();
      }
    });
  }
});
