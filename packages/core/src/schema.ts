import type { StandardSchemaV1 } from '@standard-schema/spec';

/** One problem found while validating input, in FastAPI's shape. */
export interface ValidationIssue {
  type: string;
  loc: Array<string | number>;
  msg: string;
  input?: unknown;
}

/** Any schema that speaks Standard Schema v1 (zod, valibot, arktype, ...). */
export type Schema<Input = unknown, Output = Input> = StandardSchemaV1<Input, Output>;

/** The outcome of a validation: the (possibly transformed) value, or its issues. */
export type SchemaResult = { ok: true; value: unknown } | { ok: false; issues: ValidationIssue[] };

function toIssues(issues: ReadonlyArray<StandardSchemaV1.Issue>, where: string): ValidationIssue[] {
  return issues.map((issue) => {
    const loc: Array<string | number> = [where];
    for (const segment of issue.path ?? []) {
      const key = typeof segment === 'object' ? segment.key : segment;
      loc.push(typeof key === 'number' ? key : String(key));
    }
    const extra = issue as StandardSchemaV1.Issue & {
      code?: unknown;
      type?: unknown;
      input?: unknown;
    };
    const type =
      typeof extra.type === 'string'
        ? extra.type
        : typeof extra.code === 'string'
          ? extra.code
          : 'value_error';
    const out: ValidationIssue = { type, loc, msg: issue.message };
    if ('input' in extra && extra.input !== undefined) out.input = extra.input;
    return out;
  });
}

function toSchemaResult(result: StandardSchemaV1.Result<unknown>, where: string): SchemaResult {
  return result.issues === undefined
    ? { ok: true, value: result.value }
    : { ok: false, issues: toIssues(result.issues, where) };
}

/**
 * Validates `value` against a Standard Schema. Synchronous schemas stay
 * synchronous; `where` becomes the first `loc` entry ("body", "query", ...).
 */
export function validate(
  schema: Schema,
  value: unknown,
  where: string,
): SchemaResult | Promise<SchemaResult> {
  const result = schema['~standard'].validate(value);
  return result instanceof Promise
    ? result.then((r) => toSchemaResult(r, where))
    : toSchemaResult(result, where);
}

/** True when `value` looks like a Standard Schema. */
export function isSchema(value: unknown): value is Schema {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { '~standard'?: { validate?: unknown } })['~standard']?.validate === 'function'
  );
}
