import { createConfig, lintFromString } from '@redocly/openapi-core';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../errors.js';
import { toOpenApi } from '../openapi/index.js';
import { defineRoute } from '../route.js';
import { defineSecurity } from './define.js';

// A guard documents itself: its scheme in components.securitySchemes, the
// route's requirement (with scopes), and the 401 with the challenge it sends.

const bearer = defineSecurity({
  name: 'bearerAuth',
  scheme: { type: 'http', scheme: 'bearer', bearerFormat: 'opaque' },
  verify: (token) => (token === 't' ? { id: 1 } : undefined),
});
const key = defineSecurity({
  name: 'apiKey',
  scheme: { type: 'apiKey', in: 'header', name: 'x-api-key' },
  verify: (k) => k === 'k',
});
const routes = [
  defineRoute({ method: 'GET', path: '/me', summary: 'Me', security: bearer }, () => 1),
  defineRoute(
    { method: 'DELETE', path: '/items', summary: 'All', security: bearer.withScopes('admin') },
    () => undefined,
  ),
  defineRoute({ method: 'GET', path: '/any', summary: 'Any', security: [bearer, key] }, () => 1),
  defineRoute({ method: 'GET', path: '/open', summary: 'Open', security: [] }, () => 1),
];
type Op = {
  security?: unknown;
  responses: Record<string, { headers?: Record<string, { example?: string }> }>;
};
const op = (doc: ReturnType<typeof toOpenApi>, path: string, method = 'get') =>
  doc.paths[path]?.[method] as Op;

describe('toOpenApi with guards', () => {
  const doc = toOpenApi(routes, {
    info: { title: 't', version: '1', license: { name: 'MIT', identifier: 'MIT' } },
    servers: [{ url: 'http://127.0.0.1' }],
  });

  it('defines each guard scheme once, and each route requires its guards', () => {
    expect(doc.components.securitySchemes).toEqual({
      bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'opaque' },
      apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' },
    });
    expect(op(doc, '/me').security).toEqual([{ bearerAuth: [] }]);
    expect(op(doc, '/items', 'delete').security).toEqual([{ bearerAuth: ['admin'] }]);
    expect(op(doc, '/any').security).toEqual([{ bearerAuth: [] }, { apiKey: [] }]);
    expect(op(doc, '/open').security).toEqual([]);
  });

  it('documents 401 with the challenge, and 403 where scopes are required', () => {
    expect(op(doc, '/me').responses['401']?.headers?.['www-authenticate']?.example).toBe('Bearer');
    expect(Object.keys(op(doc, '/me').responses)).toEqual(['200', '401']);
    expect(Object.keys(op(doc, '/items', 'delete').responses)).toEqual(['204', '401', '403']);
    expect(Object.keys(op(doc, '/open').responses)).toEqual(['200']);
  });

  it('keeps the schemes given to toOpenApi, and refuses another scheme under a guard name', () => {
    const both = toOpenApi(routes, {
      securitySchemes: { basic: { type: 'http', scheme: 'basic' } },
    });
    expect(Object.keys(both.components.securitySchemes ?? {})).toEqual([
      'basic',
      'bearerAuth',
      'apiKey',
    ]);
    expect(() =>
      toOpenApi(routes, { securitySchemes: { bearerAuth: { type: 'http', scheme: 'basic' } } }),
    ).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_OPTION }));
  });

  it('passes @seriousme/openapi-schema-validator and redocly lint (recommended, no error)', async () => {
    const source = JSON.stringify(doc);
    expect(await new Validator().validate(JSON.parse(source))).toEqual({ valid: true });
    const problems = await lintFromString({
      source,
      absoluteRef: '/openapi.json',
      config: await createConfig({ extends: ['recommended'] }),
    });
    const errors = problems.filter((p) => p.severity === 'error');
    expect(errors.map((p) => `${p.ruleId}: ${p.message}`)).toEqual([]);
  });
});
