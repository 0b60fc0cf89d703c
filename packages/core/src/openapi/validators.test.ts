import { createConfig, lintFromString } from '@redocly/openapi-core';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createOperations } from '../operations/operations.js';
import { defineRoute } from '../route.js';
import { type OpenApiDocument, toOpenApi } from './index.js';
import { shopOptions, shopRoutes } from './shop.fixture.js';

// The document is checked by two tools from npm that know nothing of statuskit: the
// OpenAPI 3.1 JSON Schema validator, and Redocly's linter under its `minimal` ruleset.

async function schemaValidation(doc: unknown): Promise<{ valid: boolean; errors?: unknown }> {
  return new Validator().validate(JSON.parse(JSON.stringify(doc)) as Record<string, unknown>);
}

async function redocly(
  doc: unknown,
  ruleset: 'minimal' | 'recommended' = 'minimal',
): Promise<{ errors: string[]; warnings: string[] }> {
  const config = await createConfig({ extends: [ruleset] });
  const problems = await lintFromString({
    source: JSON.stringify(doc),
    absoluteRef: '/openapi.json',
    config,
  });
  const text = (p: (typeof problems)[number]): string =>
    `${p.ruleId} ${p.location[0]?.pointer ?? ''}: ${p.message}`;
  return {
    errors: problems.filter((p) => p.severity === 'error').map(text),
    warnings: problems.filter((p) => p.severity === 'warn').map(text),
  };
}

// Every local $ref resolves as a JSON pointer from the document root; none is `#` alone
// and no `$defs` survives (each would resolve against the document, not the schema).
function refProblems(doc: OpenApiDocument): string[] {
  const out: string[] = [];
  const resolve = (ref: string): unknown => {
    let node: unknown = doc;
    for (const raw of ref.slice(2).split('/')) {
      const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      node = (node as Record<string, unknown> | undefined)?.[key];
    }
    return node;
  };
  const walk = (node: unknown, depth: number): void => {
    if (depth > 100 || node === null || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === '$defs' || key === 'definitions') out.push(`${key} left in place`);
      if (key === '$ref' && typeof value === 'string') {
        if (!value.startsWith('#/') || resolve(value) === undefined) out.push(value);
      } else walk(value, depth + 1);
    }
  };
  walk(doc, 0);
  return out;
}

describe('the shop fixture document', () => {
  for (const errorFormat of ['detail', 'problem'] as const) {
    const doc = toOpenApi(shopRoutes(), { ...shopOptions, errorFormat });

    it(`passes @seriousme/openapi-schema-validator (${errorFormat})`, async () => {
      expect(await schemaValidation(doc)).toEqual({ valid: true });
    });

    it(`passes redocly lint --extends=minimal with no error (${errorFormat})`, async () => {
      expect(await redocly(doc)).toEqual({
        errors: [],
        // The tag a route uses without a description in `tags`: appended by name.
        warnings: [
          'tag-description #/tags/2/description: Tag object should contain `description` field.',
        ],
      });
    });

    it(`passes redocly lint's recommended ruleset too, with no error (${errorFormat})`, async () => {
      expect((await redocly(doc, 'recommended')).errors).toEqual([]);
    });

    it(`has only resolvable references (${errorFormat})`, () => {
      expect(refProblems(doc)).toEqual([]);
    });
  }

  it('puts named, recursive and split models in components, and only those used', () => {
    const detail = toOpenApi(shopRoutes(), shopOptions);
    expect(Object.keys(detail.components.schemas)).toEqual([
      'Cat',
      'Cat-Input',
      'Category',
      'ErrorDetail',
      'GetCommentsResponse',
      'GetFoldersResponse',
      'GetTreesResponse',
      'HTTPError',
      'HTTPValidationError',
      'LineItem',
      'LineItem-Input',
      'Order',
      'Order-Input',
      'Owner',
      'Pet',
      'Pet-Input',
      'Shape',
      'ValidationError',
    ]);
    const problem = toOpenApi(shopRoutes(), { ...shopOptions, errorFormat: 'problem' });
    expect(Object.keys(problem.components.schemas)).not.toContain('HTTPError');
    expect(Object.keys(problem.components.schemas)).toContain('ProblemDetails');
  });

  it('documents the app-level parts as given', () => {
    const doc = toOpenApi(shopRoutes(), shopOptions);
    expect(doc.info).toEqual(shopOptions.info);
    expect(doc.servers).toEqual(shopOptions.servers);
    expect(doc.externalDocs).toEqual(shopOptions.externalDocs);
    expect(doc.security).toEqual([{ bearer: [] }]);
    expect(doc.tags).toEqual([...(shopOptions.tags ?? []), { name: 'people' }]);
    expect(Object.keys(doc.components.securitySchemes ?? {})).toEqual([
      'bearer',
      'basic',
      'apiKey',
      'queryKey',
      'session',
      'oauth',
      'oidc',
    ]);
  });
});

describe('the validators catch what the document used to get wrong', () => {
  // Negative controls: what statuskit emitted before models went to components.
  const Order = z.object({ id: z.number() }).meta({ id: 'OrderControl' });
  const route = defineRoute({ method: 'GET', path: '/o', response: Order }, () => ({ id: 1 }));
  const broken = JSON.parse(
    JSON.stringify(toOpenApi([route])).replace(
      '"#/components/schemas/OrderControl"',
      '"#/$defs/OrderControl"',
    ),
  ) as OpenApiDocument;

  it('a #/$defs reference fails both', async () => {
    expect((await schemaValidation(broken)).valid).toBe(false);
    expect((await redocly(broken)).errors.join('\n')).toContain('no-unresolved-refs');
    expect(refProblems(broken)).toEqual(['#/$defs/OrderControl']);
  });

  it('an undefined security scheme fails redocly (a warning under minimal)', async () => {
    const doc = { ...toOpenApi([route]), security: [{ nope: [] }] };
    expect((await redocly(doc)).warnings.join('\n')).toContain('security-defined');
    expect((await redocly(doc, 'recommended')).errors.join('\n')).toContain('security-defined');
  });
});

describe('a document with long-running operations', () => {
  const ops = createOperations();
  ops.define(
    {
      method: 'POST',
      path: '/reports',
      status: 201,
      request: { body: z.object({ name: z.string() }) },
      response: z.object({ id: z.int(), name: z.string() }).meta({ id: 'Report' }),
      responses: { 409: 'Report exists' },
    },
    () => ({ id: 1, name: 'x' }),
  );
  for (const errorFormat of ['detail', 'problem'] as const) {
    const doc = toOpenApi(ops.routes, { errorFormat });

    it(`passes both validators, with only resolvable references (${errorFormat})`, async () => {
      expect(await schemaValidation(doc)).toEqual({ valid: true });
      // The rest of the document (servers, security, summaries) is the app's to give.
      expect((await redocly(doc)).errors).toEqual([]);
      expect((await redocly(doc)).warnings.join('\n')).not.toMatch(/link|operationId|header/i);
      expect(refProblems(doc)).toEqual([]);
    });
  }

  it("links the start's 202 (location, retry-after, the monitor) to the monitor, result and cancel", () => {
    const doc = toOpenApi(ops.routes);
    const post = doc.paths['/reports']!.post as { responses: Record<string, unknown> };
    const start = post.responses;
    expect(Object.keys(start)).toEqual(['202', '400', '422', '503']);
    expect(start['202']).toMatchObject({
      headers: { location: { required: true }, 'retry-after': { required: true } },
      content: {
        'application/json': { schema: { $ref: '#/components/schemas/OperationMonitor' } },
      },
      links: {
        monitor: { operationId: 'get_operations_id', parameters: { id: '$response.body#/id' } },
        result: { operationId: 'get_operations_id_result' },
        cancel: { operationId: 'post_operations_id_cancel' },
      },
    });
    const result = doc.paths['/operations/{id}/result']?.get as {
      responses: Record<string, unknown>;
    };
    expect(Object.keys(result.responses).sort()).toEqual(['201', '202', '404', '409', '503']);
    expect(result.responses['201']).toMatchObject({
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Report' } } },
    });
    expect(doc.paths['/operations/{id}']?.get).toMatchObject({
      operationId: 'get_operations_id',
      responses: { '200': { links: { result: {}, cancel: {} } }, '404': {} },
    });
    expect(doc.paths['/operations/{id}/cancel']?.post).toMatchObject({
      responses: { '200': {}, '404': {}, '409': {} },
    });
  });
});
