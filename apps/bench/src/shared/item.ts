import type { Schema, ValidationIssue } from '@statuskit/core';

/** The request model of `POST /items`. */
export interface NewItem {
  readonly name: string;
  readonly price: number;
}

/** The result of {@link checkItem}: the value, or the problems found. */
export type ItemCheck =
  | { readonly ok: true; readonly value: NewItem }
  | { readonly ok: false; readonly issues: ValidationIssue[] };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Hand-written validation shared by the bare servers and (through
 * {@link ItemSchema}) the statuskit servers, so both sides do the same work
 * and the ratio measures the layer, not a schema library.
 */
export function checkItem(value: unknown): ItemCheck {
  if (!isRecord(value)) {
    return {
      ok: false,
      issues: [{ type: 'model_attributes_type', loc: ['body'], msg: 'Input should be an object' }],
    };
  }
  const issues: ValidationIssue[] = [];
  if (typeof value.name !== 'string' || value.name.length === 0) {
    issues.push({ type: 'string_type', loc: ['body', 'name'], msg: 'Input should be a string' });
  }
  if (typeof value.price !== 'number' || !Number.isFinite(value.price) || value.price < 0) {
    issues.push({ type: 'float_type', loc: ['body', 'price'], msg: 'Input should be a number' });
  }
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: { name: value.name as string, price: value.price as number } };
}

/** {@link checkItem} as a Standard Schema, the form statuskit's request models take. */
export const ItemSchema: Schema<unknown, NewItem> = {
  '~standard': {
    version: 1,
    vendor: 'statuskit-bench',
    validate(value: unknown) {
      const r = checkItem(value);
      if (r.ok) return { value: r.value };
      return {
        issues: r.issues.map((i) => ({ message: i.msg, path: i.loc.slice(1), type: i.type })),
      };
    },
  },
};
