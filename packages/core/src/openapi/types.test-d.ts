import { expectTypeOf, test } from 'vitest';
import { createStatuskit } from '../kit.js';
import { defineRoute } from '../route.js';
import { type OpenApiDocument, toOpenApi } from './index.js';

test('toOpenApi takes an app or its routes', () => {
  const kit = createStatuskit([]);
  expectTypeOf(toOpenApi(kit)).toEqualTypeOf<OpenApiDocument>();
  expectTypeOf(toOpenApi(kit.routes, { errorFormat: 'problem' })).toEqualTypeOf<OpenApiDocument>();
});

test('security requirements, schemes and response headers are typed as OpenAPI writes them', () => {
  defineRoute(
    {
      method: 'GET',
      path: '/',
      security: [{ bearer: [] }, { oauth: ['read'] }],
      responses: { 201: { headers: { location: 'x', 'x-n': { schema: { type: 'integer' } } } } },
    },
    () => 1,
  );
  // @ts-expect-error scopes are strings
  defineRoute({ method: 'GET', path: '/', security: [{ bearer: [1] }] }, () => 1);
  // @ts-expect-error an http scheme names its scheme
  toOpenApi([], { securitySchemes: { a: { type: 'http' } } });
  // @ts-expect-error an apiKey lives in a header, a query or a cookie
  toOpenApi([], { securitySchemes: { a: { type: 'apiKey', name: 'k', in: 'body' } } });
});
