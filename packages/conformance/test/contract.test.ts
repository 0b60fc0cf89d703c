// Contract testing of a user's app, pointed at an app with planted defects
// (test/fixtures/contract-broken-kit.mjs): each one must be found, the sound
// route must pass, and the same seed must send the same requests.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createStatuskit, defineRoute } from '@statuskit/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadKit } from '../src/contract/cli.js';
import { operationsOf, resolverOf } from '../src/contract/operations.js';
import { planRequests } from '../src/contract/requests.js';
import { renderContract, runContract } from '../src/contract/run.js';
import { kitTarget, urlTarget } from '../src/contract/targets.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

async function runOn(kit: Parameters<typeof kitTarget>[0], requests = 120, seed = 42) {
  const target = await kitTarget(kit);
  try {
    return await runContract(target, { requests, seed });
  } finally {
    await target.close();
  }
}

describe('contract mode on a broken app', () => {
  it('finds each planted defect and passes the sound route', async () => {
    const kit = await loadKit('./fixtures/contract-broken-kit.mjs', here);
    const report = await runOn(kit);
    const found = report.failures.map((f) => [f.route, f.problem]);
    expect(found).toContainEqual([
      'GET /teapot',
      'answered 418, which GET /teapot does not declare',
    ]);
    expect(found).toContainEqual([
      'GET /price',
      'the 200 body breaks its model: price: Invalid input: expected number, received string',
    ]);
    expect(found).toContainEqual([
      'POST /halve',
      '500 is a server error the route does not declare',
    ]);
    expect(report.failures.filter((f) => f.route === 'GET /items/{id}')).toEqual([]);
    expect(report.passed + report.failed).toBe(120);
    expect(report.failed).toBeGreaterThan(0);
    // /teapot and /price fail every time; /halve about half the time, on even numbers.
    const halve = report.failures.find((f) => f.route === 'POST /halve')!;
    expect(halve.count).toBeGreaterThan(0);
    expect(halve.count).toBeLessThan(30);
    const { n } = JSON.parse(halve.example.replace(/^POST \/halve /, '')) as { n: number };
    expect(n % 2).toBe(0);
  });

  it('renders one line per problem and ends with "N passed, M failed"', async () => {
    const kit = await loadKit('./fixtures/contract-broken-kit.mjs', here);
    const report = await runOn(kit, 40, 7);
    const text = renderContract(report);
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe('statuskit contract: 4 routes, 40 requests, seed 7');
    expect(lines.at(-1)).toBe(`${report.passed} passed, ${report.failed} failed`);
    expect(lines.filter((l) => l.startsWith('FAIL GET /teapot: answered 418'))).toHaveLength(1);
  });

  it('sends the same requests for the same seed, and others for another', () => {
    const doc = {
      openapi: '3.1.0',
      paths: {
        '/a/{id}': {
          post: {
            parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
            requestBody: {
              required: true,
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: { s: { type: 'string' } },
                    required: ['s'],
                  },
                },
              },
            },
            responses: {},
          },
        },
      },
    };
    const plan = (seed: number) =>
      planRequests(operationsOf(doc), resolverOf(doc), 30, seed).map((r) => [r.target, r.body]);
    expect(plan(5)).toEqual(plan(5));
    expect(plan(5)).not.toEqual(plan(6));
    const mutated = planRequests(operationsOf(doc), resolverOf(doc), 300, 1).filter(
      (r) => r.mutation !== undefined,
    );
    expect(new Set(mutated.map((r) => r.mutation))).toEqual(
      new Set([
        'path id = "not a number"',
        'malformed JSON body',
        'body sent as text/plain',
        'body.s of the wrong type',
      ]),
    );
  });
});

describe('contract mode on a running app (--url)', () => {
  it('reads /openapi.json and finds an undeclared status and a broken body', async () => {
    const kit = await loadKit('./fixtures/contract-broken-kit.mjs', here);
    const withDoc = createStatuskit(
      [
        ...kit.routes,
        defineRoute({ method: 'GET', path: '/openapi.json' }, async () =>
          (await import('@statuskit/core')).toOpenApi({ routes: kit.routes, options: kit.options }),
        ),
      ],
      { contract: 'report', onError: () => {} },
    );
    const server = await kitTarget(withDoc);
    try {
      const target = await urlTarget(server.url, 5000);
      const report = await runContract(target, {
        requests: 50,
        seed: 3,
        exclude: ['GET /openapi.json'],
      });
      const found = report.failures.map((f) => [f.route, f.problem.replace(/:.*/, '')]);
      expect(found).toContainEqual([
        'GET /teapot',
        'answered 418, which GET /teapot does not document',
      ]);
      expect(found).toContainEqual(['GET /price', 'the 200 body breaks its model']);
      expect(found).toContainEqual([
        'POST /halve',
        '500 is a server error the route does not declare',
      ]);
      expect(report.failures.filter((f) => f.route === 'GET /items/{id}')).toEqual([]);
    } finally {
      await server.close();
    }
  });
});

describe('statuskit-conformance contract', () => {
  const bin = path.join(root, 'bin', 'statuskit-conformance.js');
  const run = (args: string[]) =>
    promisify(execFile)(process.execPath, [bin, 'contract', ...args], {
      cwd: root,
      timeout: 120_000,
    }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );

  it('exits 1 on the broken app, with progress lines and the final line', async () => {
    const { code, stdout, stderr } = await run([
      '--kit',
      './test/fixtures/contract-broken-kit.mjs',
      '--requests',
      '40',
      '--seed',
      '9',
    ]);
    expect(code).toBe(1);
    expect(stderr).toContain('contract: 40/40 requests, ');
    expect(stdout).toContain('FAIL GET /teapot: answered 418, which GET /teapot does not declare');
    expect(stdout.trimEnd().split('\n').at(-1)).toMatch(/^\d+ passed, [1-9]\d* failed$/);
  });

  it('exits 0 when every answer keeps the contract, and 2 on a wrong command line', async () => {
    const sound = await run([
      '--kit',
      './test/fixtures/contract-broken-kit.mjs',
      '--exclude',
      'GET /teapot',
      '--exclude',
      'GET /price',
      '--exclude',
      'POST /halve',
      '--requests',
      '20',
    ]);
    expect([sound.code, sound.stdout.trimEnd().split('\n').at(-1)]).toEqual([
      0,
      '20 passed, 0 failed',
    ]);
    const wrong = await run(['--requests', '5']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('give either --kit <module> or --url <url>');
  });
});

it('loads routes and options exported by a module, or a kit', async () => {
  const kit = await loadKit('./fixtures/contract-broken-kit.mjs', here);
  expect(kit.routes.map((r) => r.id)).toEqual([
    'GET /teapot',
    'GET /price',
    'POST /halve',
    'GET /items/{id}',
  ]);
  expect(kit.options.contract).toBe('report');
  await expect(loadKit('./fixtures/cli-adapter.mjs', here)).rejects.toThrow(
    'exports no kit or routes as kit, default, routes',
  );
  const made = createStatuskit([
    defineRoute({ method: 'GET', path: '/z', request: { query: z.object({}) } }, () => 1),
  ]);
  expect(made.routes).toHaveLength(1);
});
