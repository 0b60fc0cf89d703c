import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fastapiErrors } from '../src/fastapi-errors.js';
import { ItemIn, ItemPath } from '../src/models.js';

// pydantic 2's words for zod's issues, as FastAPI's 422 bodies show them
// (type, msg, input; statuskit adds `loc`). The seed rows check a few of them
// over HTTP (test/conformance.test.ts); these pin the rest of the table.

function issues(model: z.ZodType, value: unknown) {
  const result = fastapiErrors(model)['~standard'].validate(value);
  if (result instanceof Promise)
    throw new Error('a zod model without async checks validates synchronously');
  return result.issues?.map(({ path, message, ...rest }) => ({ path, message, ...rest }));
}

describe('fastapiErrors', () => {
  it('passes a valid value through, typed and stripped of unknown keys', () => {
    expect(fastapiErrors(ItemIn)['~standard'].validate({ name: 'Saw', price: 1, x: 1 })).toEqual({
      value: { name: 'Saw', price: 1 },
    });
  });

  it('words missing fields (input: the object they are missing from) and wrong types', () => {
    expect(issues(ItemIn, { name: 1 })).toEqual([
      { path: ['name'], message: 'Input should be a valid string', type: 'string_type', input: 1 },
      { path: ['price'], message: 'Field required', type: 'missing', input: { name: 1 } },
    ]);
    expect(issues(ItemIn, [])).toEqual([
      {
        path: [],
        message: 'Input should be a valid dictionary or object to extract fields from',
        type: 'model_attributes_type',
        input: [],
      },
    ]);
  });

  it('words bounds: string lengths and numeric limits', () => {
    expect(issues(ItemIn, { name: 'x'.repeat(101), price: -0.5 })).toEqual([
      {
        path: ['name'],
        message: 'String should have at most 100 characters',
        type: 'string_too_long',
        input: 'x'.repeat(101),
      },
      {
        path: ['price'],
        message: 'Input should be greater than or equal to 0',
        type: 'greater_than_equal',
        input: -0.5,
      },
    ]);
    expect(issues(z.object({ n: z.number().lt(3) }), { n: 3 })).toEqual([
      { path: ['n'], message: 'Input should be less than 3', type: 'less_than', input: 3 },
    ]);
  });

  it('words numbers: unparsable strings by the declared type, non-finite and fractional values', () => {
    expect(issues(ItemPath, { id: 'abc' })).toEqual([
      {
        path: ['id'],
        message: 'Input should be a valid integer, unable to parse string as an integer',
        type: 'int_parsing',
        input: 'abc',
      },
    ]);
    // Through a named model too: its JSON Schema is a $ref into $defs.
    const named = z.object({ n: z.coerce.number().int() }).meta({ id: 'Named' });
    expect(issues(named, { n: 'x' })?.[0]).toMatchObject({ type: 'int_parsing', input: 'x' });
    expect(issues(ItemIn, { name: 'Saw', price: 'abc' })?.[0]).toMatchObject({
      type: 'float_parsing',
      message: 'Input should be a valid number, unable to parse string as a number',
    });
    expect(issues(ItemIn, { name: 'Saw', price: Number.POSITIVE_INFINITY })?.[0]).toMatchObject({
      type: 'finite_number',
      message: 'Input should be a finite number',
    });
    expect(issues(z.object({ id: z.int() }), { id: 1.5 })?.[0]).toMatchObject({
      type: 'int_from_float',
      message: 'Input should be a valid integer, got a number with a fractional part',
      input: 1.5,
    });
  });

  it("keeps zod's message for what pydantic has no word for", () => {
    expect(issues(z.object({ e: z.email() }), { e: 'nope' })?.[0]).toMatchObject({
      type: 'value_error',
      message: 'Invalid email address',
      input: 'nope',
    });
  });

  it("keeps the zod model's JSON Schema for OpenAPI", () => {
    const host = fastapiErrors(ItemIn)['~standard'] as {
      jsonSchema?: { input(o: object): unknown };
    };
    expect(host.jsonSchema?.input({ target: 'draft-2020-12' })).toMatchObject({
      $ref: '#/$defs/ItemIn',
      $defs: { ItemIn: { type: 'object', required: ['name', 'price'] } },
    });
  });
});
