/**
 * A request body as a recipe, so a 1 MiB or 10,000-level body stays a short
 * line in a failure report and in the regression file.
 */
export type BodySpec =
  | { readonly utf8: string }
  /** One character per byte (0-255): how invalid UTF-8 is written down. */
  | { readonly latin1: string }
  | {
      readonly repeat: string;
      readonly times: number;
      readonly prefix?: string;
      readonly suffix?: string;
    };

/**
 * How the body is framed on the wire: `exact` content-length, `chunked`,
 * `none` (no framing header: the bytes become a second, garbage request),
 * `delta` (content-length off by `delta`; a longer claim half-closes the
 * socket so the server sees the body end early), `stall` (content-length
 * `missing` bytes longer than the body, and the client just waits: the
 * server's body timeout must answer), `raw` (content-length headers from a
 * pattern in which `N` is the body's length and `|` separates headers:
 * `abc`, `N, N+1`, `N|N`).
 */
export type Framing =
  | { readonly kind: 'exact' }
  | { readonly kind: 'chunked' }
  | { readonly kind: 'none' }
  | { readonly kind: 'delta'; readonly delta: number }
  | { readonly kind: 'stall'; readonly missing: number }
  | { readonly kind: 'raw'; readonly pattern: string };

/**
 * A request exactly as it goes on the wire. Method, target and headers are
 * byte strings (one character per byte, latin1): raw UTF-8 in a path is
 * written as its bytes, so anything a hostile client can send is expressible.
 */
export interface FuzzRequest {
  readonly method: string;
  readonly target: string;
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly body: BodySpec;
  readonly framing: Framing;
}

/** Host header every copy of a request carries, so all servers see the same bytes. */
export const FUZZ_HOST = 'fuzz.invalid';

/** The bytes of a body recipe. */
export function bodyBytes(body: BodySpec): Buffer {
  if ('utf8' in body) return Buffer.from(body.utf8, 'utf8');
  if ('latin1' in body) return Buffer.from(body.latin1, 'latin1');
  const unit = Buffer.from(body.repeat, 'utf8');
  const prefix = Buffer.from(body.prefix ?? '', 'utf8');
  const suffix = Buffer.from(body.suffix ?? '', 'utf8');
  const out = Buffer.allocUnsafe(prefix.length + unit.length * body.times + suffix.length);
  prefix.copy(out, 0);
  let at = prefix.length;
  for (let i = 0; i < body.times; i++) at += unit.copy(out, at);
  suffix.copy(out, at);
  return out;
}

/** Raw UTF-8 bytes of a string, as a byte string (for paths with unicode). */
export function utf8Bytes(text: string): string {
  return Buffer.from(text, 'utf8').toString('latin1');
}

/** What to write and how to end the write side. */
export interface Encoded {
  readonly bytes: Buffer;
  readonly halfClose: boolean;
}

/** Serialises a request: request line, host, `connection: close`, headers, framing, body. */
export function encodeRequest(request: FuzzRequest): Encoded {
  const body = bodyBytes(request.body);
  const lines = [
    `${request.method} ${request.target} HTTP/1.1`,
    `host: ${FUZZ_HOST}`,
    'connection: close',
  ];
  for (const [name, value] of request.headers) lines.push(`${name}: ${value}`);
  let payload = body;
  let halfClose = false;
  const framing = request.framing;
  switch (framing.kind) {
    case 'exact':
      if (body.length > 0) lines.push(`content-length: ${body.length}`);
      break;
    case 'chunked': {
      lines.push('transfer-encoding: chunked');
      const cut = Math.floor(body.length / 2);
      const parts = [body.subarray(0, cut), body.subarray(cut)].filter((p) => p.length > 0);
      const framed: Buffer[] = [];
      for (const p of parts)
        framed.push(Buffer.from(`${p.length.toString(16)}\r\n`), p, Buffer.from('\r\n'));
      framed.push(Buffer.from('0\r\n\r\n'));
      payload = Buffer.concat(framed);
      break;
    }
    case 'none':
      break;
    case 'delta':
      lines.push(`content-length: ${Math.max(0, body.length + framing.delta)}`);
      halfClose = framing.delta > 0;
      break;
    case 'stall':
      lines.push(`content-length: ${body.length + framing.missing}`);
      break;
    case 'raw': {
      const n = body.length;
      const value = framing.pattern.replace('N+1', String(n + 1)).replaceAll('N', String(n));
      // "N, N" is one header holding a list; "N|N" is two content-length headers.
      for (const v of value.split('|')) lines.push(`content-length: ${v}`);
      break;
    }
  }
  const head = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
  return { bytes: Buffer.concat([head, payload]), halfClose };
}

// A string literal in which long runs of one character become `.repeat()`, so
// a 20 KB path is still one readable line (and valid TypeScript).
function literal(text: string): string {
  const parts: string[] = [];
  let plain = '';
  for (let i = 0; i < text.length; ) {
    let j = i + 1;
    while (j < text.length && text[j] === text[i]) j++;
    if (j - i >= 40) {
      if (plain !== '') parts.push(JSON.stringify(plain));
      plain = '';
      parts.push(`${JSON.stringify(text[i])}.repeat(${j - i})`);
    } else plain += text.slice(i, j);
    i = j;
  }
  if (plain !== '' || parts.length === 0) parts.push(JSON.stringify(plain));
  return parts.join(' + ');
}

function bodyLiteral(body: BodySpec): string {
  if ('utf8' in body) return `{ utf8: ${literal(body.utf8)} }`;
  if ('latin1' in body) return `{ latin1: ${literal(body.latin1)} }`;
  const parts = [`repeat: ${literal(body.repeat)}`, `times: ${body.times}`];
  if (body.prefix !== undefined) parts.push(`prefix: ${literal(body.prefix)}`);
  if (body.suffix !== undefined) parts.push(`suffix: ${literal(body.suffix)}`);
  return `{ ${parts.join(', ')} }`;
}

/** The request as a TypeScript literal, ready to paste into test/regressions.ts. */
export function requestLiteral(request: FuzzRequest): string {
  const headers = request.headers.map(([n, v]) => `[${literal(n)}, ${literal(v)}]`).join(', ');
  return `{ method: ${literal(request.method)}, target: ${literal(request.target)}, headers: [${headers}], body: ${bodyLiteral(request.body)}, framing: ${JSON.stringify(request.framing)} }`;
}

/** The first bytes of the wire form, escaped, for a failure report. */
export function wirePreview(request: FuzzRequest, max = 600): string {
  const { bytes, halfClose } = encodeRequest(request);
  const shown = bytes.subarray(0, max).toString('latin1');
  const more = bytes.length > max ? ` ... (${bytes.length} bytes in all)` : '';
  return `${JSON.stringify(shown)}${more}${halfClose ? ' then half-close' : ''}`;
}
