import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { createStatuskit } from '@statuskit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleApp } from '../src/app.js';
import type { Policy } from '../src/routes.js';
import { type ExampleServer, serve } from '../src/serve.js';

// The example's /openapi.json, as a client gets it over HTTP (@statuskit/docs
// serves it), checked by two tools that know nothing of statuskit: the
// OpenAPI 3.1 schema validator and the redocly CLI (no error under `minimal`).

const require = createRequire(import.meta.url);
const redoclyBin = path.join(
  path.dirname(require.resolve('@redocly/cli/package.json')),
  'bin',
  'cli.js',
);

interface LintReport {
  totals: { errors: number; warnings: number };
  problems: { ruleId: string; severity: string; message: string }[];
}

/** Runs `redocly lint --extends=minimal --format=json` on a document in a fresh temp dir. */
async function redoclyLint(doc: unknown): Promise<{ code: number; report: LintReport }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'statuskit-example-openapi-'));
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

type Doc = {
  paths: Record<string, Record<string, { security?: unknown; responses: Record<string, unknown> }>>;
  components: { securitySchemes?: Record<string, unknown>; schemas: Record<string, unknown> };
};

for (const policy of ['rest', 'fastapi'] as const satisfies readonly Policy[]) {
  describe(`the example's /openapi.json (${policy})`, () => {
    let server: ExampleServer;
    let doc: Doc;
    beforeAll(async () => {
      const app = exampleApp(policy, () => {});
      server = await serve('fastify', createStatuskit(app.routes, app.options), 0, '127.0.0.1');
      const res = await fetch(`http://127.0.0.1:${server.port}/openapi.json`);
      expect(res.status).toBe(200);
      doc = (await res.json()) as Doc;
    });
    afterAll(() => server.close());

    it('passes @seriousme/openapi-schema-validator', async () => {
      expect(await new Validator().validate(doc as never)).toEqual({ valid: true });
    });

    it('passes redocly lint --extends=minimal with no error', async () => {
      const { code, report } = await redoclyLint(doc);
      expect(report.problems.filter((p) => p.severity === 'error')).toEqual([]);
      expect([code, report.totals.errors]).toEqual([0, 0]);
    });

    it('documents the guarded route: its scheme, its requirement, 401 and 403', () => {
      expect(doc.components.securitySchemes).toEqual({
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description: 'Try `admin-token` (or `staff-token`: 403).',
        },
      });
      const stats = doc.paths['/admin/stats']?.get;
      expect(stats?.security).toEqual([{ bearerAuth: [] }]);
      expect(Object.keys(stats?.responses ?? {})).toEqual(['200', '401', '403']);
      expect(Object.keys(doc.components.schemas)).toContain('Item');
      expect(doc.paths['/docs']).toBeUndefined();
    });
  });
}
