import type { Schema } from '@statuskit/core';
import type { z } from 'zod';

// zod and pydantic find the same problems in a request but word them
// differently. A FastAPI client reads pydantic 2's words in a 422: its `type`
// (`string_too_short`, `missing`, ...), its `msg`, and `input`, the value at
// the problem's place (for a missing field, the object it is missing from).
// fastapiErrors() keeps the zod model as it is and rewrites only its issues;
// leave it out if your clients do not care how a 422 is worded.

/** One issue in pydantic's words: statuskit turns it into `{type, loc, msg, input}`. */
interface Worded {
  readonly type: string;
  readonly message: string;
  readonly input: unknown;
}

type Issue = z.core.$ZodIssue;

function isObject(value: unknown): value is Record<PropertyKey, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The value at `path` in `root`, and whether it is there at all. */
function at(root: unknown, path: readonly PropertyKey[]): { found: boolean; value: unknown } {
  let value = root;
  for (const key of path) {
    if (!isObject(value) || !(key in value)) return { found: false, value: undefined };
    value = value[key];
  }
  return { found: true, value };
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

function numberType(int: boolean, input: unknown): Omit<Worded, 'input'> {
  if (typeof input === 'string') {
    return int
      ? {
          type: 'int_parsing',
          message: 'Input should be a valid integer, unable to parse string as an integer',
        }
      : {
          type: 'float_parsing',
          message: 'Input should be a valid number, unable to parse string as a number',
        };
  }
  if (typeof input === 'number' && !Number.isFinite(input)) {
    return { type: 'finite_number', message: 'Input should be a finite number' };
  }
  if (int && typeof input === 'number') {
    return {
      type: 'int_from_float',
      message: 'Input should be a valid integer, got a number with a fractional part',
    };
  }
  return int
    ? { type: 'int_type', message: 'Input should be a valid integer' }
    : { type: 'float_type', message: 'Input should be a valid number' };
}

function bound(issue: Issue & { code: 'too_small' | 'too_big' }): Omit<Worded, 'input'> | null {
  const small = issue.code === 'too_small';
  const limit = Number(small ? issue.minimum : issue.maximum);
  if (issue.origin === 'string') {
    return small
      ? {
          type: 'string_too_short',
          message: `String should have at least ${plural(limit, 'character')}`,
        }
      : {
          type: 'string_too_long',
          message: `String should have at most ${plural(limit, 'character')}`,
        };
  }
  if (issue.origin !== 'number' && issue.origin !== 'int') return null;
  const name = `${small ? 'greater' : 'less'}_than${issue.inclusive ? '_equal' : ''}`;
  const words = `${small ? 'greater' : 'less'} than${issue.inclusive ? ' or equal to' : ''}`;
  return { type: name, message: `Input should be ${words} ${limit}` };
}

/** pydantic's words for one zod issue; `integer` says whether the field is declared an integer. */
function word(issue: Issue, root: unknown, integer: boolean): Worded {
  const here = at(root, issue.path);
  if (issue.code === 'invalid_type') {
    if (!here.found && issue.path.length > 0) {
      return {
        type: 'missing',
        message: 'Field required',
        input: at(root, issue.path.slice(0, -1)).value,
      };
    }
    const input = here.value;
    if (issue.expected === 'object') {
      return {
        type: 'model_attributes_type',
        message: 'Input should be a valid dictionary or object to extract fields from',
        input,
      };
    }
    if (issue.expected === 'string') {
      return { type: 'string_type', message: 'Input should be a valid string', input };
    }
    if (issue.expected === 'number' || issue.expected === 'int') {
      return { ...numberType(integer || issue.expected === 'int', input), input };
    }
  }
  if (issue.code === 'too_small' || issue.code === 'too_big') {
    const worded = bound(issue);
    if (worded !== null) return { ...worded, input: here.value };
  }
  return { type: 'value_error', message: issue.message, input: here.value };
}

interface JsonSchemaHost {
  readonly jsonSchema?: { input?(options: { target: string }): unknown };
}

// pydantic words a string it could not read as a number by the field's type
// (`int_parsing` or `float_parsing`); zod's issue says only "expected number".
/** Whether the field at `path` is declared `type: integer` in the model's JSON Schema. */
function declaresInteger(jsonSchema: unknown, path: readonly PropertyKey[]): boolean {
  const defs = isObject(jsonSchema) && isObject(jsonSchema.$defs) ? jsonSchema.$defs : {};
  // A named model (zod's `.meta({ id })`) is a `$ref` into `$defs`.
  const deref = (node: unknown): unknown => {
    const ref = isObject(node) ? node.$ref : undefined;
    return typeof ref === 'string' && ref.startsWith('#/$defs/') ? defs[ref.slice(8)] : node;
  };
  let node = deref(jsonSchema);
  for (const key of path) {
    const properties = isObject(node) ? node.properties : undefined;
    node = deref(isObject(properties) ? properties[key] : undefined);
  }
  return isObject(node) && node.type === 'integer';
}

/**
 * The zod model `schema`, with every issue of a failed validation worded as
 * FastAPI (pydantic 2) words it, so a 422 body reads the same as FastAPI's.
 * Types, defaults and the JSON Schema OpenAPI shows stay zod's.
 */
export function fastapiErrors<S extends z.ZodType>(schema: S): Schema<z.input<S>, z.output<S>> {
  const host = schema['~standard'] as JsonSchemaHost;
  let inputSchema: unknown; // written on the first failed validation
  const props = {
    version: 1 as const,
    vendor: 'zod',
    jsonSchema: host.jsonSchema,
    validate(value: unknown) {
      const result = schema.safeParse(value);
      if (result.success) return { value: result.data as z.output<S> };
      const issues = result.error.issues.map((issue) => {
        inputSchema ??= host.jsonSchema?.input?.({ target: 'draft-2020-12' }) ?? null;
        const worded = word(issue, value, declaresInteger(inputSchema, issue.path));
        return { ...worded, path: issue.path };
      });
      return { issues };
    },
  };
  return { '~standard': props };
}
