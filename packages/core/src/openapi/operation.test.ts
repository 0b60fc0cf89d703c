import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineRoute } from '../route.js';
import { type OpenApiDocument, toOpenApi } from './index.js';

// The operation entries of the document: parameters, metadata and where each JSON Schema comes from.
const Item = z.object({ name: z.string(), price: z.number().min(0) });

type Operation = { responses: Record<string, Record<string, unknown>> } & Record<string, unknown>;

function operation(doc: OpenApiDocument, path: string, method: string): Operation {
  return doc.paths[path]?.[method] as Operation;
}

describe('toOpenApi: operations', () => {
  it('documents path, query and header parameters from the schemas', () => {
    const route = defineRoute(
      {
        method: 'GET',
        path: '/items/{id}/{slug}',
        request: {
          params: z.object({ id: z.coerce.number().int(), slug: z.string() }),
          query: z.object({ limit: z.number().optional(), q: z.string() }),
          headers: z.object({ 'x-token': z.string() }),
        },
      },
      () => 1,
    );
    expect(operation(toOpenApi([route]), '/items/{id}/{slug}', 'get').parameters).toEqual([
      {
        name: 'id',
        in: 'path',
        required: true,
        schema: { type: 'integer', minimum: -9007199254740991, maximum: 9007199254740991 },
      },
      { name: 'slug', in: 'path', required: true, schema: { type: 'string' } },
      { name: 'limit', in: 'query', required: false, schema: { type: 'number' } },
      { name: 'q', in: 'query', required: true, schema: { type: 'string' } },
      { name: 'x-token', in: 'header', required: true, schema: { type: 'string' } },
    ]);
  });

  it('carries summary, description, tags, deprecated and operationId', () => {
    const route = defineRoute(
      {
        method: 'GET',
        path: '/a',
        summary: 'S',
        description: 'D',
        tags: ['t'],
        deprecated: true,
        operationId: 'readA',
      },
      () => 1,
    );
    expect(operation(toOpenApi([route]), '/a', 'get')).toMatchObject({
      operationId: 'readA',
      summary: 'S',
      description: 'D',
      tags: ['t'],
      deprecated: true,
    });
  });

  it('derives an operationId from method and path', () => {
    const doc = toOpenApi([
      defineRoute({ method: 'GET', path: '/items/{id}/tags' }, () => 1),
      defineRoute({ method: 'GET', path: '/' }, () => 1),
    ]);
    expect(operation(doc, '/items/{id}/tags', 'get').operationId).toBe('get_items_id_tags');
    expect(operation(doc, '/', 'get').operationId).toBe('get_root');
    expect(operation(doc, '/', 'get').parameters).toBeUndefined();
    expect(operation(doc, '/', 'get').deprecated).toBeUndefined();
  });

  it('groups methods of one path', () => {
    const doc = toOpenApi([
      defineRoute({ method: 'GET', path: '/a' }, () => 1),
      defineRoute({ method: 'DELETE', path: '/a' }, () => 1),
    ]);
    expect(Object.keys(doc.paths['/a'] ?? {})).toEqual(['get', 'delete']);
  });
});

describe('toOpenApi: JSON Schema sources', () => {
  const ValibotItem = v.object({ name: v.string() });

  it('falls back to the jsonSchema option for a schema without Standard JSON Schema (valibot)', () => {
    const route = defineRoute(
      {
        method: 'POST',
        path: '/v',
        status: 201,
        request: { body: ValibotItem },
        response: ValibotItem,
      },
      ({ body }) => body,
    );
    const calls: string[] = [];
    const doc = toOpenApi([route], {
      jsonSchema: (schema, io) => {
        calls.push(io);
        return schema === ValibotItem ? { type: 'object', title: io } : undefined;
      },
    });
    const op = operation(doc, '/v', 'post');
    expect(op.responses['201']).toEqual({
      description: 'Successful Response',
      content: { 'application/json': { schema: { type: 'object', title: 'output' } } },
    });
    expect(op.requestBody).toEqual({
      required: true,
      content: { 'application/json': { schema: { type: 'object', title: 'input' } } },
    });
    expect(calls.sort()).toEqual(['input', 'output']);
  });

  it('uses an open schema without either', () => {
    const route = defineRoute(
      { method: 'POST', path: '/v', status: 201, response: ValibotItem },
      () => ({ name: 'x' }),
    );
    expect(operation(toOpenApi([route]), '/v', 'post').responses['201']).toEqual({
      description: 'Successful Response',
      content: { 'application/json': { schema: {} } },
    });
  });

  it('falls back when the schema cannot express itself (a zod transform as output)', () => {
    const Transformed = z.string().transform((s) => s.length);
    const route = defineRoute({ method: 'GET', path: '/t', response: Transformed }, () => 'abc');
    const doc = toOpenApi([route], { jsonSchema: () => ({ type: 'integer' }) });
    expect(operation(doc, '/t', 'get').responses['200']).toEqual({
      description: 'Successful Response',
      content: { 'application/json': { schema: { type: 'integer' } } },
    });
  });

  it('works with z.toJSONSchema through the option', () => {
    const route = defineRoute({ method: 'GET', path: '/z', response: Item }, () => ({
      name: 'a',
      price: 1,
    }));
    const hidden = { '~standard': { ...Item['~standard'], jsonSchema: undefined } };
    const bare = { ...route, spec: { ...route.spec, response: hidden as never } };
    const doc = toOpenApi([bare], {
      jsonSchema: (schema) => (schema === (hidden as never) ? z.toJSONSchema(Item) : undefined),
    });
    const schema = (
      operation(doc, '/z', 'get').responses['200']!.content as Record<string, { schema: unknown }>
    )['application/json']?.schema;
    expect(schema).toMatchObject({ type: 'object', required: ['name', 'price'] });
  });
});
