import type { StandardSchemaV1 } from '@standard-schema/spec';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isSchema, type SchemaResult, validate } from './schema.js';

const ZodItem = z.object({ name: z.string(), price: z.number().min(0), tags: z.array(z.string()) });
const ValibotItem = v.object({
  name: v.string(),
  price: v.pipe(v.number(), v.minValue(0)),
  tags: v.array(v.string()),
});

function sync(result: SchemaResult | Promise<SchemaResult>): SchemaResult {
  if (result instanceof Promise) throw new Error('expected a synchronous result');
  return result;
}

describe('validate with zod 4', () => {
  it('returns the parsed value, stripping unknown keys', () => {
    expect(sync(validate(ZodItem, { name: 'a', price: 1, tags: [], extra: 1 }, 'body'))).toEqual({
      ok: true,
      value: { name: 'a', price: 1, tags: [] },
    });
  });

  it('lists every problem with loc (prefixed, numbers kept), msg and the issue code as type', () => {
    const r = sync(validate(ZodItem, { name: 1, price: -1, tags: ['a', 2] }, 'body'));
    expect(r).toEqual({
      ok: false,
      issues: [
        {
          type: 'invalid_type',
          loc: ['body', 'name'],
          msg: 'Invalid input: expected string, received number',
        },
        { type: 'too_small', loc: ['body', 'price'], msg: 'Too small: expected number to be >=0' },
        {
          type: 'invalid_type',
          loc: ['body', 'tags', 1],
          msg: 'Invalid input: expected string, received number',
        },
      ],
    });
  });

  it('returns a promise for an async schema', async () => {
    const schema = z.object({ a: z.string() }).refine(async (x) => x.a === 'ok', 'not ok');
    const pending = validate(schema, { a: 'no' }, 'query');
    expect(pending).toBeInstanceOf(Promise);
    expect(await pending).toMatchObject({ ok: false, issues: [{ loc: ['query'], msg: 'not ok' }] });
    expect(await validate(schema, { a: 'ok' }, 'query')).toEqual({ ok: true, value: { a: 'ok' } });
  });
});

describe('validate with valibot 1', () => {
  it('returns the parsed value', () => {
    expect(sync(validate(ValibotItem, { name: 'a', price: 1, tags: ['x'] }, 'body'))).toEqual({
      ok: true,
      value: { name: 'a', price: 1, tags: ['x'] },
    });
  });

  it('lists every problem, reading keys from path objects and the input', () => {
    const r = sync(validate(ValibotItem, { name: 1, price: -1, tags: ['a', 2] }, 'body'));
    expect(r).toEqual({
      ok: false,
      issues: [
        {
          type: 'string',
          loc: ['body', 'name'],
          msg: 'Invalid type: Expected string but received 1',
          input: 1,
        },
        {
          type: 'min_value',
          loc: ['body', 'price'],
          msg: 'Invalid value: Expected >=0 but received -1',
          input: -1,
        },
        {
          type: 'string',
          loc: ['body', 'tags', 1],
          msg: 'Invalid type: Expected string but received 2',
          input: 2,
        },
      ],
    });
  });
});

describe('validate with a bare Standard Schema', () => {
  function schemaReturning(result: StandardSchemaV1.Result<unknown>): StandardSchemaV1 {
    return { '~standard': { version: 1, vendor: 'test', validate: () => result } };
  }

  it('falls back to value_error without a code or type, and stringifies symbol keys', () => {
    const key = Symbol('k');
    const r = sync(
      validate(
        schemaReturning({ issues: [{ message: 'bad', path: [key, { key: 0 }] }] }),
        1,
        'header',
      ),
    );
    expect(r).toEqual({
      ok: false,
      issues: [{ type: 'value_error', loc: ['header', 'Symbol(k)', 0], msg: 'bad' }],
    });
  });

  it('keeps a loc of just the place when the issue has no path', () => {
    const r = sync(validate(schemaReturning({ issues: [{ message: 'nope' }] }), 1, 'path'));
    expect(r).toEqual({ ok: false, issues: [{ type: 'value_error', loc: ['path'], msg: 'nope' }] });
  });

  it('passes the (possibly transformed) value through', () => {
    expect(sync(validate(schemaReturning({ value: 42 }), '42', 'query'))).toEqual({
      ok: true,
      value: 42,
    });
  });
});

describe('isSchema', () => {
  it('recognises zod and valibot schemas and function-shaped ones', () => {
    expect(isSchema(ZodItem)).toBe(true);
    expect(isSchema(ValibotItem)).toBe(true);
    const fn = Object.assign(() => 1, { '~standard': { validate: () => ({ value: 1 }) } });
    expect(isSchema(fn)).toBe(true);
  });

  it('refuses everything else', () => {
    expect(isSchema(null)).toBe(false);
    expect(isSchema({})).toBe(false);
    expect(isSchema({ '~standard': {} })).toBe(false);
    expect(isSchema({ '~standard': { validate: 1 } })).toBe(false);
    expect(isSchema('schema')).toBe(false);
  });
});
