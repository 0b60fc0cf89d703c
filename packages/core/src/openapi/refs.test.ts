import { describe, expect, it } from 'vitest';
import { defineRoute } from '../route.js';
import type { Schema } from '../schema.js';
import { toOpenApi } from './index.js';
import { bodySchema, fake, get, ref, responseSchema } from './models.fixture.js';

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
