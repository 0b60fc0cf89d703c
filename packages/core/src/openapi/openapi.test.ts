import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { definePolicy } from '../policy.js';
import { type AnyRoute, defineRoute } from '../route.js';
import { type OpenApiDocument, toOpenApi } from './index.js';

const Item = z.object({ name: z.string(), price: z.number().min(0) });
const Message = z.object({ detail: z.string() });
const ITEM_SCHEMA = {
  type: 'object',
  properties: { name: { type: 'string' }, price: { type: 'number', minimum: 0 } },
  required: ['name', 'price'],
  additionalProperties: false,
};
const VALIDATION_ERROR = {
  description: 'Validation Error',
  content: {
    'application/json': { schema: { $ref: '#/components/schemas/HTTPValidationError' } },
  },
};

type Operation = { responses: Record<string, Record<string, unknown>> } & Record<string, unknown>;

function operation(doc: OpenApiDocument, path: string, method: string): Operation {
  return doc.paths[path]?.[method] as Operation;
}

function statuses(routes: AnyRoute[], options = {}): string[][] {
  const doc = toOpenApi(routes, options);
  return routes.map((r) =>
    Object.keys(operation(doc, r.path, r.method.toLowerCase()).responses).sort(),
  );
}

// Every "$ref" in the document points at a schema that exists.
function danglingRefs(doc: OpenApiDocument): string[] {
  const out: string[] = [];
  const walk = (node: unknown, depth: number): void => {
    if (depth > 50 || node === null || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') {
        const name = value.replace('#/components/schemas/', '');
        if (!(name in doc.components.schemas)) out.push(value);
      } else walk(value, depth + 1);
    }
  };
  walk(doc, 0);
  return out;
}

describe('toOpenApi: the document', () => {
  it('is OpenAPI 3.1.0 with default or given info', () => {
    expect(toOpenApi([])).toMatchObject({
      openapi: '3.1.0',
      info: { title: 'statuskit app', version: '0.0.0' },
      paths: {},
    });
    expect(toOpenApi([], { info: { title: 'Items', version: '1.2.3' } }).info).toEqual({
      title: 'Items',
      version: '1.2.3',
    });
  });

  it('never has dangling $refs, whatever the error format', () => {
    const routes = [
      defineRoute({ method: 'GET', path: '/a', responses: { 404: 'x' } }, () => 1),
      defineRoute({ method: 'POST', path: '/b', request: { body: Item } }, () => 1),
    ];
    for (const errorFormat of ['detail', 'problem'] as const) {
      expect(danglingRefs(toOpenApi(routes, { errorFormat }))).toEqual([]);
      expect(danglingRefs(toOpenApi(routes.slice(0, 1), { errorFormat }))).toEqual([]);
    }
  });
});

describe('toOpenApi: every status a route can answer', () => {
  it('documents a declared status with the response model (zod via Standard JSON Schema)', () => {
    const route = defineRoute(
      { method: 'POST', path: '/items', status: 201, request: { body: Item }, response: Item },
      ({ body }) => body,
    );
    const op = operation(toOpenApi([route]), '/items', 'post');
    expect(op.responses).toEqual({
      201: {
        description: 'Successful Response',
        content: { 'application/json': { schema: ITEM_SCHEMA } },
      },
      422: VALIDATION_ERROR,
    });
    expect(op.requestBody).toEqual({
      required: true,
      content: {
        'application/json': {
          schema: { ...ITEM_SCHEMA, additionalProperties: undefined },
        },
      },
    });
  });

  it('documents one success status per undeclared route, as the policy and the model decide', () => {
    const routes = [
      defineRoute({ method: 'GET', path: '/a' }, () => 1),
      defineRoute({ method: 'POST', path: '/a' }, () => 1),
      defineRoute({ method: 'DELETE', path: '/a' }, () => 1),
      defineRoute({ method: 'PUT', path: '/a' }, () => 1),
      defineRoute({ method: 'POST', path: '/m', response: Item }, () => ({ name: 'a', price: 1 })),
      defineRoute({ method: 'DELETE', path: '/m', response: Item }, () => ({
        name: 'a',
        price: 1,
      })),
    ];
    // rest: a returned value is 201 for POST, nothing is 204 for DELETE/PUT/PATCH; without a
    // response model the bodiless one is documented, with one the value's.
    expect(statuses(routes)).toEqual([['200'], ['201'], ['204'], ['204'], ['201'], ['200']]);
    expect(statuses(routes, { policy: 'fastapi' })).toEqual([
      ['200'],
      ['200'],
      ['200'],
      ['200'],
      ['200'],
      ['200'],
    ]);
    const custom = definePolicy('c', (m, value) => (m === 'GET' ? 203 : value ? 202 : 205));
    expect(statuses(routes, { policy: custom })).toEqual([
      ['203'],
      ['205'],
      ['205'],
      ['205'],
      ['202'],
      ['202'],
    ]);
    const doc = toOpenApi(routes);
    expect(operation(doc, '/a', 'delete').responses).toEqual({
      204: { description: 'Successful Response' },
    });
  });

  it('uses the route policy over the option', () => {
    const route = defineRoute({ method: 'POST', path: '/a', policy: 'fastapi' }, () => 1);
    expect(statuses([route], { policy: 'rest' })).toEqual([['200']]);
  });

  it('documents a 204 without content', () => {
    const route = defineRoute({ method: 'DELETE', path: '/a/{id}', status: 204 }, () => undefined);
    expect(operation(toOpenApi([route]), '/a/{id}', 'delete').responses).toEqual({
      204: { description: 'Successful Response' },
    });
  });

  it('documents responses: models, descriptions, ranges and default, merged with the success entry', () => {
    const route = defineRoute(
      {
        method: 'GET',
        path: '/items/{id}',
        responses: {
          200: { description: 'The item' },
          404: { description: 'Item not found', model: Message },
          409: {},
          418: "I'm a teapot",
          499: {},
          '5XX': {},
          '3XX': 'Moved',
          default: { description: 'Anything else' },
        },
      },
      () => 1,
    );
    const responses = operation(toOpenApi([route]), '/items/{id}', 'get').responses;
    const httpError = {
      'application/json': { schema: { $ref: '#/components/schemas/HTTPError' } },
    };
    expect(responses).toEqual({
      200: { description: 'The item', content: { 'application/json': { schema: {} } } },
      404: {
        description: 'Item not found',
        content: {
          'application/json': {
            schema: {
              type: 'object',
              properties: { detail: { type: 'string' } },
              required: ['detail'],
              additionalProperties: false,
            },
          },
        },
      },
      409: { description: 'Conflict', content: httpError },
      418: { description: "I'm a teapot", content: httpError },
      499: { description: 'Client Error', content: httpError },
      '5XX': { description: 'Server Error', content: httpError },
      '3XX': { description: 'Moved' },
      default: { description: 'Anything else' },
    });
  });

  it('documents a model with its own content type', () => {
    const route = defineRoute(
      {
        method: 'GET',
        path: '/csv',
        responses: { 200: { model: z.string(), contentType: 'text/csv' } },
      },
      () => 'a,b',
    );
    expect(operation(toOpenApi([route]), '/csv', 'get').responses['200']).toEqual({
      description: 'Successful Response',
      content: { 'text/csv': { schema: { type: 'string' } } },
    });
  });

  it('adds 422 when the route validates any input', () => {
    const withQuery = defineRoute(
      { method: 'GET', path: '/q', request: { query: z.object({ q: z.string() }) } },
      () => 1,
    );
    const withHeaders = defineRoute(
      { method: 'GET', path: '/h', request: { headers: z.object({ 'x-a': z.string() }) } },
      () => 1,
    );
    const withParams = defineRoute(
      { method: 'GET', path: '/p/{id}', request: { params: z.object({ id: z.string() }) } },
      () => 1,
    );
    const none = defineRoute({ method: 'GET', path: '/n', request: {} }, () => 1);
    expect(statuses([withQuery, withHeaders, withParams, none])).toEqual([
      ['200', '422'],
      ['200', '422'],
      ['200', '422'],
      ['200'],
    ]);
  });

  it.each([422, '4XX', 'default'])('does not add 422 when responses has %s', (key) => {
    const route = defineRoute(
      {
        method: 'POST',
        path: '/a',
        status: 201,
        request: { body: Item },
        responses: { [key]: 'documented' },
      },
      () => 1,
    );
    const doc = toOpenApi([route]);
    expect(Object.keys(operation(doc, '/a', 'post').responses).sort()).toEqual(
      ['201', String(key)].sort(),
    );
    expect(doc.components.schemas.HTTPValidationError).toBeUndefined();
  });

  it('uses problem+json error content with the problem format', () => {
    const route = defineRoute(
      { method: 'POST', path: '/a', request: { body: Item }, responses: { 404: 'nf' } },
      () => 1,
    );
    const responses = operation(
      toOpenApi([route], { errorFormat: 'problem' }),
      '/a',
      'post',
    ).responses;
    const problem = {
      'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetails' } },
    };
    expect(responses['404']).toEqual({ description: 'nf', content: problem });
    expect(responses['422']).toEqual({ description: 'Validation Error', content: problem });
  });
});
