// The core runs on Node >= 20.19 but must not depend on @types/node (it stays
// framework- and runtime-agnostic), so it declares the few web globals it uses.
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean });
  decode(input?: Uint8Array): string;
}
declare class URLSearchParams {
  constructor(init?: string);
  forEach(callback: (value: string, key: string) => void): void;
}
/** Decodes base64 to a binary string (one character per byte); throws on bad input. */
declare function atob(data: string): string;
declare const console: {
  error(...data: unknown[]): void;
  warn(...data: unknown[]): void;
};
declare function setTimeout(callback: () => void, ms: number): unknown;
declare function clearTimeout(handle: unknown): void;
declare class AbortSignal {
  readonly aborted: boolean;
  readonly reason: unknown;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
  throwIfAborted(): void;
}
declare class AbortController {
  readonly signal: AbortSignal;
  abort(reason?: unknown): void;
}
declare const crypto: {
  randomUUID(): string;
  readonly subtle: { digest(algorithm: 'SHA-256', data: Uint8Array): Promise<ArrayBuffer> };
};
