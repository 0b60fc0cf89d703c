/** Any value JSON can carry. */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | { [key: string]: JsonValue | undefined };

const encoder = new TextEncoder();

/**
 * The UTF-8 byte length of a string, without encoding it: what content-length
 * must say when the adapter writes the string itself (Node encodes it on the
 * way out, faster than a TextEncoder copy would).
 */
export function utf8Length(text: string): number {
  let length = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) length += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      // A surrogate pair is 2 UTF-16 units and 4 UTF-8 bytes; a lone surrogate becomes U+FFFD (3 bytes).
      if (next >= 0xdc00 && next <= 0xdfff) {
        length += 2;
        i++;
      } else length += 2;
    } else length += 2;
  }
  return length;
}

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
