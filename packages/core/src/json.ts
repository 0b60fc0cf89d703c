/** Any value JSON can carry. */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | { [key: string]: JsonValue | undefined };

const encoder = new TextEncoder();

/** UTF-8 bytes of a string. */
export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/**
 * Serialises a handler's value as JSON. `undefined` (and functions or symbols,
 * which JSON.stringify drops) become `null`, as FastAPI sends `None`.
 */
export function toJsonText(value: unknown): string {
  return JSON.stringify(value) ?? 'null';
}
