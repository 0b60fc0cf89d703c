import { addGlobalDefs, toStandardJsonSchema } from '@valibot/to-json-schema';
import { scope } from 'arktype';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ErrorCode, StatuskitError } from '../errors.js';
import { defineRoute } from '../route.js';
import { toOpenApi } from './index.js';
import { bodySchema, fake, get, ref, responseSchema } from './models.fixture.js';

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
