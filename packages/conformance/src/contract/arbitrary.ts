// Values from JSON Schemas (OpenAPI 3.1, draft 2020-12), as fast-check
// arbitraries: the keywords validators generate (types, enums, ranges,
// lengths, patterns, formats, properties, items, anyOf/oneOf/allOf, $ref).
// An unknown keyword is ignored: the value may then miss the schema, and the
// app's answer (a 422) is still checked against its contract.
import fc from 'fast-check';

type Json = Record<string, unknown>;

/** Resolves a `$ref` of the document (`#/components/schemas/Item`). */
export type Resolve = (ref: string) => unknown;

// Bounds that keep requests small and recursion finite.
const MAX_ITEMS = 4;
const MAX_DEPTH = 4;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function stringArbitrary(schema: Json): fc.Arbitrary<string> {
  const minLength = num(schema.minLength) ?? 0;
  const maxLength = Math.max(minLength, Math.min(num(schema.maxLength) ?? minLength + 12, 64));
  switch (schema.format) {
    case 'email':
      return fc.emailAddress();
    case 'uuid':
      return fc.uuid();
    case 'date-time':
      return fc
        .date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true })
        .map((d) => d.toISOString());
    case 'date':
      return fc
        .date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10));
    case 'uri':
    case 'url':
      return fc.webUrl();
  }
  if (typeof schema.pattern === 'string') {
    try {
      const pattern = new RegExp(schema.pattern, 'u');
      return fc
        .stringMatching(pattern)
        .filter((s) => s.length >= minLength && s.length <= Math.max(maxLength, minLength));
    } catch {
      /* a pattern JavaScript cannot read: plain strings */
    }
  }
  return fc.string({ minLength, maxLength, unit: 'grapheme-ascii' });
}

function numberArbitrary(schema: Json, integer: boolean): fc.Arbitrary<number> {
  const exclusiveMin = num(schema.exclusiveMinimum);
  const exclusiveMax = num(schema.exclusiveMaximum);
  const step = integer ? 1 : 1e-6;
  const min = num(schema.minimum) ?? (exclusiveMin === undefined ? -1e6 : exclusiveMin + step);
  const max = num(schema.maximum) ?? (exclusiveMax === undefined ? 1e6 : exclusiveMax - step);
  if (integer) {
    // Within 32 bits where the schema allows: past 2^53 a range loses its low bits (and its
    // odd and even numbers), and requests are about their meaning, not their size.
    let lo = Math.ceil(Math.max(min, -(2 ** 31)));
    let hi = Math.floor(Math.min(max, 2 ** 31 - 1));
    if (lo > hi) {
      lo = Math.ceil(min);
      hi = Math.floor(Math.min(max, min + 2 ** 31));
    }
    return fc.integer({ min: lo, max: hi });
  }
  const multipleOf = num(schema.multipleOf);
  if (multipleOf !== undefined && multipleOf > 0) {
    return fc
      .integer({ min: Math.ceil(min / multipleOf), max: Math.floor(max / multipleOf) })
      .map((n) => n * multipleOf);
  }
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

function objectArbitrary(schema: Json, resolve: Resolve, depth: number): fc.Arbitrary<unknown> {
  const properties = isObject(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [key, property] of Object.entries(properties)) {
    model[key] = arbitraryOf(property, resolve, depth + 1);
  }
  for (const key of required) model[key] ??= fc.jsonValue({ maxDepth: 1 });
  return fc.record(model, { requiredKeys: required.filter((key) => key in model) });
}

function merged(parts: readonly unknown[], resolve: Resolve): Json {
  const out: Json = {};
  const properties: Json = {};
  const required: string[] = [];
  for (const raw of parts) {
    const part = isObject(raw) && typeof raw.$ref === 'string' ? resolve(raw.$ref) : raw;
    if (!isObject(part)) continue;
    Object.assign(out, part);
    if (isObject(part.properties)) Object.assign(properties, part.properties);
    if (Array.isArray(part.required)) required.push(...(part.required as string[]));
  }
  delete out.allOf;
  if (Object.keys(properties).length > 0) out.properties = properties;
  if (required.length > 0) out.required = [...new Set(required)];
  return out;
}

/** An arbitrary of the values `schema` accepts (as far as the keywords above go). */
export function arbitraryOf(schema: unknown, resolve: Resolve, depth = 0): fc.Arbitrary<unknown> {
  if (schema === false) return fc.constant(null);
  if (!isObject(schema)) return fc.jsonValue({ maxDepth: 2 });
  if (depth > MAX_DEPTH) return fc.constant(schema.type === 'array' ? [] : null);
  if (typeof schema.$ref === 'string') return arbitraryOf(resolve(schema.$ref), resolve, depth + 1);
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return fc.constantFrom(...schema.enum);
  const choices = Array.isArray(schema.anyOf) ? schema.anyOf : schema.oneOf;
  if (Array.isArray(choices) && choices.length > 0) {
    return fc.oneof(...choices.map((c) => arbitraryOf(c, resolve, depth + 1)));
  }
  if (Array.isArray(schema.allOf)) {
    return arbitraryOf(merged([schema, ...schema.allOf], resolve), resolve, depth + 1);
  }
  if (Array.isArray(schema.type)) {
    return fc.oneof(...schema.type.map((type) => arbitraryOf({ ...schema, type }, resolve, depth)));
  }
  switch (schema.type) {
    case 'string':
      return stringArbitrary(schema);
    case 'integer':
      return numberArbitrary(schema, true);
    case 'number':
      return numberArbitrary(schema, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const minLength = num(schema.minItems) ?? 0;
      const maxLength = Math.max(minLength, Math.min(num(schema.maxItems) ?? MAX_ITEMS, MAX_ITEMS));
      return fc.array(arbitraryOf(schema.items, resolve, depth + 1), { minLength, maxLength });
    }
    case 'object':
      return objectArbitrary(schema, resolve, depth);
  }
  if (isObject(schema.properties)) return objectArbitrary(schema, resolve, depth);
  return fc.jsonValue({ maxDepth: 2 });
}

/** A value of the wrong type for `schema`: what a validator must refuse. */
export function wrongValueFor(schema: unknown, resolve: Resolve): unknown {
  const resolved =
    isObject(schema) && typeof schema.$ref === 'string' ? resolve(schema.$ref) : schema;
  const type = isObject(resolved) ? resolved.type : undefined;
  if (type === 'string') return { not: 'a string' };
  if (type === 'integer' || type === 'number') return 'not a number';
  if (type === 'boolean') return 'not a boolean';
  if (type === 'array') return 'not an array';
  if (type === 'object') return ['not', 'an', 'object'];
  return undefined;
}
