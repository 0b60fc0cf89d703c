import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { createStatuskit, type StatuskitOptions } from '@statuskit/core';
import { describe, expect, it } from 'vitest';
import { send } from '../src/client.js';
import { seedApp } from '../src/fixture/index.js';
import { serveReference } from '../src/reference-adapter.js';

// The seed app's /openapi.json, as a client gets it over HTTP, checked by two tools that
// know nothing of statuskit: the OpenAPI 3.1 schema validator, and the redocly CLI itself.

const require = createRequire(import.meta.url);
const redoclyPackage = require.resolve('@redocly/cli/package.json');
const redoclyBin = path.join(path.dirname(redoclyPackage), 'bin', 'cli.js');

interface LintReport {
  totals: { errors: number; warnings: number };
  problems: { ruleId: string; severity: string; location: { pointer: string }[] }[];
}

/** Runs `redocly lint --extends=minimal --format=json` on a document in a fresh temp dir. */
async function redoclyLint(doc: unknown): Promise<{ code: number; report: LintReport }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'statuskit-openapi-'));
  try {
    const file = path.join(dir, 'openapi.json');
    await writeFile(file, JSON.stringify(doc));
    return await new Promise((resolve, reject) => {
      execFile(
        process.execPath,
        [redoclyBin, 'lint', file, '--extends=minimal', '--format=json'],
        {
          cwd: dir,
          timeout: 60_000,
          env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
        },
        (error, stdout) => {
          if (error !== null && typeof error.code !== 'number') return reject(error);
          try {
            resolve({ code: error === null ? 0 : Number(error.code), report: JSON.parse(stdout) });
          } catch (parseError) {
            reject(parseError);
          }
        },
      );
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function servedDocument(policy: 'rest' | 'fastapi', options: StatuskitOptions) {
  const app = seedApp({ policy, options });
  const server = await serveReference(createStatuskit(app.routes, app.options));
  try {
    const res = await send(server.url, { method: 'GET', path: '/openapi.json' });
    expect(res.status).toBe(200);
    return JSON.parse(new TextDecoder().decode(res.body)) as {
      paths: Record<string, Record<string, { responses: Record<string, { content?: object }> }>>;
      components: { schemas: Record<string, unknown> };
    };
  } finally {
    await server.close();
  }
}

describe("the seed app's /openapi.json", () => {
  for (const [policy, errorFormat] of [
    ['rest', 'detail'],
    ['fastapi', 'detail'],
    ['rest', 'problem'],
  ] as const) {
    it(`passes both validators (${policy}, ${errorFormat})`, async () => {
      const doc = await servedDocument(policy, { errorFormat, handlerTimeout: 30_000 });
      expect(await new Validator().validate(doc)).toEqual({ valid: true });
      const { code, report } = await redoclyLint(doc);
      expect(report.problems.filter((p) => p.severity === 'error')).toEqual([]);
      expect(report.totals.errors).toBe(0);
      expect(code).toBe(0);
      // The app's error format and handler timeout reach the document.
      const notFound = doc.paths['/items/{id}']?.get?.responses['404']?.content ?? {};
      expect(Object.keys(notFound)).toEqual([
        errorFormat === 'problem' ? 'application/problem+json' : 'application/json',
      ]);
      expect(doc.paths['/items/{id}']?.get?.responses['503']).toBeDefined();
    });
  }

  it('fails the redocly CLI when a reference dangles (the check can fail)', async () => {
    const doc = await servedDocument('rest', {});
    const broken = JSON.parse(
      JSON.stringify(doc).replace('"#/components/schemas/HTTPError"', '"#/$defs/HTTPError"'),
    );
    const { code, report } = await redoclyLint(broken);
    expect(report.problems.map((p) => p.ruleId)).toContain('no-unresolved-refs');
    expect(code).not.toBe(0);
    expect((await new Validator().validate(broken)).valid).toBe(false);
  });
});
