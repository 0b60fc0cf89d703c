import { addGlobalDefs, toStandardJsonSchema } from '@valibot/to-json-schema';
import { scope } from 'arktype';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ErrorCode, StatuskitError } from '../errors.js';
import { type AnyRoute, defineRoute } from '../route.js';
import type { Schema } from '../schema.js';
import { type OpenApiDocument, toOpenApi } from './index.js';

type Content = { content: Record<string, { schema: unknown }> };

function responseSchema(doc: OpenApiDocument, path: string, method = 'get', status = '200') {
  const op = doc.paths[path]?.[method] as { responses: Record<string, Content> };
  return op.responses[status]?.content['application/json']?.schema;
}

function bodySchema(doc: OpenApiDocument, path: string, method = 'post') {
  const op = doc.paths[path]?.[method] as { requestBody: Content };
  return op.requestBody.content['application/json']?.schema;
}

const get = (path: string, response: Schema): AnyRoute =>
  defineRoute({ method: 'GET', path, response }, () => null as never);

// A schema with hand-written JSON Schema per side, as any Standard JSON Schema library gives.
function fake(input: unknown, output: unknown = input, vendor = 'test'): Schema {
  return {
    '~standard': {
      version: 1,
      vendor,
      validate: (value: unknown) => ({ value }),
      jsonSchema: { input: () => input, output: () => output },
    },
  } as unknown as Schema;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

describe('toOpenApi: zod models', () => {
  const Order = z.object({ id: z.number() }).meta({ id: 'Order' });

  it('puts a named model in components.schemas, once, however often it is used', () => {
    const doc = toOpenApi([
      get('/a', Order),
      get('/b', z.array(Order)),
      get('/c', Order.nullable()),
    ]);
    expect(responseSchema(doc, '/a')).toEqual(ref('Order'));
    expect(responseSchema(doc, '/b')).toEqual({ type: 'array', items: ref('Order') });
    expect(responseSchema(doc, '/c')).toEqual({ anyOf: [ref('Order'), { type: 'null' }] });
    expect(doc.components.schemas.Order).toEqual({
      type: 'object',
      properties: { id: { type: 'number' } },
      required: ['id'],
      additionalProperties: false,
    });
  });

  it('names the input side Name-Input when it differs from the output side', () => {
    const Item = z.object({ n: z.number().default(1) }).meta({ id: 'Item' });
    const doc = toOpenApi([
      defineRoute({ method: 'POST', path: '/i', request: { body: Item }, response: Item }, () => ({
        n: 1,
      })),
    ]);
    expect(bodySchema(doc, '/i')).toEqual(ref('Item-Input'));
    expect(responseSchema(doc, '/i', 'post', '201')).toEqual(ref('Item'));
    expect(doc.components.schemas['Item-Input']).toEqual({
      type: 'object',
      properties: { n: { default: 1, type: 'number' } },
    });
  });

  it('keeps one name when both sides are equal', () => {
    const Named = fake({ $ref: '#/$defs/Same', $defs: { Same: { type: 'string' } } });
    const doc = toOpenApi([
      defineRoute(
        { method: 'POST', path: '/s', request: { body: Named }, response: Named },
        () => 's',
      ),
    ]);
    expect(bodySchema(doc, '/s')).toEqual(ref('Same'));
    expect(Object.keys(doc.components.schemas)).toEqual([
      'HTTPValidationError',
      'Same',
      'ValidationError',
    ]);
  });

  it('gives a recursive named model a reference to itself, never "#"', () => {
    const Category = z
      .object({
        name: z.string(),
        get children() {
          return z.array(Category);
        },
      })
      .meta({ id: 'Category' });
    const doc = toOpenApi([get('/c', Category)]);
    expect(responseSchema(doc, '/c')).toEqual(ref('Category'));
    expect(doc.components.schemas.Category).toMatchObject({
      properties: { children: { type: 'array', items: ref('Category') } },
    });
  });

  it('names an anonymous recursive model after the operation, shared by every use', () => {
    const Node = z.object({
      name: z.string(),
      get children() {
        return z.array(Node);
      },
    });
    const doc = toOpenApi([
      get('/tree', Node),
      get('/pair', z.object({ left: Node, right: Node })),
      defineRoute({ method: 'POST', path: '/tree', request: { body: Node } }, () => null),
    ]);
    expect(responseSchema(doc, '/tree')).toEqual(ref('GetTreeResponse'));
    expect(responseSchema(doc, '/pair')).toMatchObject({
      properties: { left: ref('GetTreeResponse'), right: ref('GetTreeResponse') },
    });
    // The input side has no additionalProperties: false, so it is another component.
    expect(bodySchema(doc, '/tree')).toEqual(ref('PostTreeBody'));
    expect(doc.components.schemas.GetTreeResponse).toMatchObject({
      properties: { children: { items: ref('GetTreeResponse') } },
    });
  });

  it('refuses two different models under one name, naming where each was met', () => {
    const a = z.object({ a: z.string() }).meta({ id: 'Twin' });
    const b = z.object({ b: z.string() }).meta({ id: 'Twin' });
    const run = () => toOpenApi([get('/a', a), get('/b', b)]);
    expect(run).toThrow(StatuskitError);
    expect(run).toThrow(
      'toOpenApi: two different models are named "Twin" (GET /a response; GET /b response); give each model its own id.',
    );
    try {
      run();
    } catch (error) {
      expect((error as StatuskitError).code).toBe(ErrorCode.INVALID_OPTION);
    }
  });

  it('writes ids that OpenAPI forbids in component names with underscores', () => {
    const odd = z.object({ n: z.string() }).meta({ id: 'My Order/v2' });
    const doc = toOpenApi([get('/o', z.object({ o: odd }))]);
    expect(responseSchema(doc, '/o')).toMatchObject({ properties: { o: ref('My_Order_v2') } });
    expect(Object.keys(doc.components.schemas)).toEqual(['My_Order_v2']);
  });

  it('reads query parameters through a named model without emitting it', () => {
    const Query = z.object({ q: z.string().describe('What to find') }).meta({ id: 'Query' });
    const doc = toOpenApi([
      defineRoute({ method: 'GET', path: '/s', request: { query: Query } }, () => 1),
    ]);
    const op = doc.paths['/s']?.get as { parameters: unknown[] };
    expect(op.parameters).toEqual([
      {
        name: 'q',
        in: 'query',
        required: true,
        description: 'What to find',
        schema: { type: 'string', description: 'What to find' },
      },
    ]);
    expect(doc.components.schemas.Query).toBeUndefined();
  });
});

describe('toOpenApi: valibot and arktype models', () => {
  it('names valibot global definitions and drops the unused ones', () => {
    const Pet = v.object({ name: v.string() });
    addGlobalDefs({ Pet, NeverUsed: v.object({ x: v.number() }) });
    const doc = toOpenApi([
      get('/p', toStandardJsonSchema(v.array(Pet))),
      get('/n', toStandardJsonSchema(v.nullable(Pet))),
    ]);
    expect(responseSchema(doc, '/p')).toEqual({ type: 'array', items: ref('Pet') });
    expect(responseSchema(doc, '/n')).toEqual({ anyOf: [ref('Pet'), { type: 'null' }] });
    expect(Object.keys(doc.components.schemas)).toEqual(['Pet']);
  });

  it('turns a lazy recursive valibot schema into one named component', () => {
    type Dir = { name: string; dirs: Dir[] };
    const Dir: v.GenericSchema<Dir> = v.object({
      name: v.string(),
      dirs: v.array(v.lazy(() => Dir)),
    });
    const doc = toOpenApi([get('/dirs', toStandardJsonSchema(Dir))]);
    expect(responseSchema(doc, '/dirs')).toEqual(ref('GetDirsResponse'));
    expect(doc.components.schemas).toEqual({
      GetDirsResponse: {
        type: 'object',
        properties: {
          name: { type: 'string' },
          dirs: { type: 'array', items: ref('GetDirsResponse') },
        },
        required: ['name', 'dirs'],
      },
    });
  });

  it("names an arktype cycle after the operation, never after arktype's node ids", () => {
    const types = scope({ Tree: { v: 'number', kids: 'Tree[]' }, Box: { tree: 'Tree' } }).export();
    const doc = toOpenApi([get('/box', types.Box)]);
    expect(responseSchema(doc, '/box')).toEqual({
      type: 'object',
      properties: { tree: ref('GetBoxResponse') },
      required: ['tree'],
    });
    expect(doc.components.schemas).toEqual({
      GetBoxResponse: {
        type: 'object',
        properties: {
          kids: { type: 'array', items: ref('GetBoxResponse') },
          v: { type: 'number' },
        },
        required: ['kids', 'v'],
      },
    });
  });
});

describe('toOpenApi: JSON Schema references from any converter', () => {
  it('splits a named model whose reference to a split model differs', () => {
    const schema = (inner: unknown) => ({
      $ref: '#/$defs/Outer',
      $defs: { Outer: { type: 'array', items: { $ref: '#/$defs/Inner' } }, Inner: inner },
    });
    const model = fake(schema({ type: 'string' }), schema({ type: 'string', minLength: 1 }));
    const doc = toOpenApi([
      defineRoute(
        { method: 'POST', path: '/x', request: { body: model }, response: model },
        () => [],
      ),
    ]);
    expect(bodySchema(doc, '/x')).toEqual(ref('Outer-Input'));
    expect(doc.components.schemas['Outer-Input']).toEqual({
      type: 'array',
      items: ref('Inner-Input'),
    });
    expect(doc.components.schemas.Outer).toEqual({ type: 'array', items: ref('Inner') });
  });

  it('refuses a model named like the input side of a split one', () => {
    const split = fake(
      { $ref: '#/$defs/A', $defs: { A: { type: 'string' } } },
      { $ref: '#/$defs/A', $defs: { A: { type: 'integer' } } },
    );
    const clash = fake({ $ref: '#/$defs/A-Input', $defs: { 'A-Input': { type: 'null' } } });
    const routes = [
      defineRoute(
        { method: 'POST', path: '/a', request: { body: split }, response: split },
        () => 1,
      ),
      get('/b', clash),
    ];
    expect(() => toOpenApi(routes)).toThrow(
      'toOpenApi: a model is named "A-Input", the name statuskit gives the input side of model "A"; rename it.',
    );
  });

  it('rewrites pointers into a definition or the root, and keeps data and remote refs', () => {
    const model = fake({
      type: 'object',
      properties: {
        a: { $ref: '#/$defs/0/properties/name' },
        b: { $ref: '#/properties/c' },
        c: { type: 'integer', default: { $ref: '#/$defs/0' }, examples: [{ $ref: '#' }] },
        d: { $ref: 'https://example.com/schema.json' },
        e: { $ref: '#/$defs/1', description: 'with a sibling' },
        f: { $ref: '#/$defs/1' },
      },
      $defs: {
        0: { type: 'object', properties: { name: { type: 'string' } } },
        1: { type: 'boolean' },
      },
    });
    const doc = toOpenApi([get('/m', model)]);
    expect(responseSchema(doc, '/m')).toEqual(ref('GetMResponse'));
    expect(doc.components.schemas.GetMResponse).toEqual({
      type: 'object',
      properties: {
        a: { $ref: '#/components/schemas/GetMResponse2/properties/name' },
        b: { $ref: '#/components/schemas/GetMResponse/properties/c' },
        c: { type: 'integer', default: { $ref: '#/$defs/0' }, examples: [{ $ref: '#' }] },
        d: { $ref: 'https://example.com/schema.json' },
        e: { $ref: '#/components/schemas/GetMResponse3', description: 'with a sibling' },
        f: ref('GetMResponse3'),
      },
    });
    expect(doc.components.schemas.GetMResponse3).toEqual({ type: 'boolean' });
  });

  it('resolves percent-encoded pointers and leaves a pointer to nothing as it is', () => {
    const model = fake({
      type: 'object',
      properties: {
        a: { $ref: '#/$defs/My%20Model' },
        b: { $ref: '#/$defs/100%' },
        c: { $ref: '#/$defs/missing' },
      },
      $defs: { 'My Model': { type: 'string' }, '100%': { type: 'integer' } },
    });
    expect(responseSchema(toOpenApi([get('/p', model)]), '/p')).toEqual({
      type: 'object',
      properties: { a: ref('My_Model'), b: ref('100_'), c: { $ref: '#/$defs/missing' } },
    });
  });

  it('reads parameters from a recursive query model', () => {
    const query = fake({
      type: 'object',
      properties: { q: { type: 'string' }, again: { $ref: '#' } },
      required: ['q'],
    });
    const doc = toOpenApi([
      defineRoute({ method: 'GET', path: '/q', request: { query } }, () => 1),
    ]);
    const op = doc.paths['/q']?.get as { parameters: unknown[] };
    expect(op.parameters).toEqual([
      { name: 'q', in: 'query', required: true, schema: { type: 'string' } },
      { name: 'again', in: 'query', required: false, schema: ref('GetQQuery') },
    ]);
    expect(Object.keys(doc.components.schemas)).toContain('GetQQuery');
  });

  it('inlines definitions nobody named when they are used once and not recursive', () => {
    const model = fake({
      type: 'array',
      items: { $ref: '#/definitions/__schema0' },
      definitions: { __schema0: { type: 'string' } },
    });
    const doc = toOpenApi([get('/l', model)]);
    expect(responseSchema(doc, '/l')).toEqual({ type: 'array', items: { type: 'string' } });
    expect(doc.components.schemas).toEqual({});
  });

  it('passes boolean schemas through, and a failing converter gives an open schema', () => {
    const failing = {
      '~standard': {
        version: 1,
        vendor: 'test',
        validate: (value: unknown) => ({ value }),
        jsonSchema: {
          input: () => {
            throw new Error('cannot');
          },
          output: () => {
            throw new Error('cannot');
          },
        },
      },
    } as unknown as Schema;
    const doc = toOpenApi([get('/t', fake(true)), get('/f', failing)]);
    expect(responseSchema(doc, '/t')).toBe(true);
    expect(responseSchema(doc, '/f')).toEqual({});
  });
});
