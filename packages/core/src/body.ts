import { ErrorCode, StatuskitError } from './errors.js';
import { jsonErrorOffset } from './json-offset.js';
import type { ValidationIssue } from './schema.js';

/**
 * The request body as an adapter hands it over: absent, a stream the core
 * reads (a Node IncomingMessage is one), bytes already read, a value a body
 * parser the app installed has already parsed, the text such a parser decoded
 * (its `rawBody`, or the text it could not parse), or a body the parser
 * refused as too large (the core answers 413 where it would read it, after
 * its own 404 and 405).
 */
export type RequestBody =
  | { readonly kind: 'none' }
  | { readonly kind: 'stream'; readonly stream: AsyncIterable<Uint8Array> }
  | { readonly kind: 'bytes'; readonly bytes: Uint8Array }
  | { readonly kind: 'parsed'; readonly value: unknown }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'refused'; readonly reason: 'too-large' };

/** Why a body could not be read. */
export type BodyReadFailure = 'too-large' | 'timeout' | 'aborted';

/** Thrown while reading a body; `reason` says which 4xx it becomes. */
export class BodyReadError extends StatuskitError {
  /** `too-large` answers 413, `timeout` 408; `aborted` means the client went away. */
  readonly reason: BodyReadFailure;

  constructor(reason: BodyReadFailure, message: string) {
    super(ErrorCode.BODY_READ, message);
    this.name = 'BodyReadError';
    this.reason = reason;
  }
}

const TIMED_OUT: unique symbol = Symbol('timed out');

/**
 * A body stream that also emits Node's stream events (an IncomingMessage, or
 * a stream a Fastify preParsing hook wrapped around one). Read through its
 * events, a one-chunk JSON body costs a fraction of an async iteration.
 */
interface EventedStream {
  on(event: string, listener: (...args: never[]) => void): unknown;
  removeListener(event: string, listener: (...args: never[]) => void): unknown;
  readonly readableEnded?: boolean;
  readonly destroyed?: boolean;
}

function isEvented(stream: object): stream is EventedStream {
  const s = stream as Partial<EventedStream>;
  return typeof s.on === 'function' && typeof s.removeListener === 'function';
}

const EMPTY = new Uint8Array(0);

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  if (chunks.length === 0) return EMPTY;
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

function tooLarge(limit: number): BodyReadError {
  return new BodyReadError('too-large', `the request body is larger than ${limit} bytes.`);
}

function timedOut(timeoutMs: number): BodyReadError {
  return new BodyReadError('timeout', `the request body did not arrive within ${timeoutMs} ms.`);
}

// One promise, one timer and four listeners per body, whatever its chunk count.
function readEvents(stream: EventedStream, limit: number, timeoutMs: number): Promise<Uint8Array> {
  if (stream.readableEnded === true) return Promise.resolve(EMPTY);
  if (stream.destroyed === true) {
    return Promise.reject(new BodyReadError('aborted', 'the client closed the request body.'));
  }
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const cleanup = (): void => {
      stream.removeListener('data', onData);
      stream.removeListener('end', onEnd);
      stream.removeListener('error', onError);
      stream.removeListener('close', onClose);
      if (timer !== undefined) clearTimeout(timer);
    };
    const onData = (chunk: Uint8Array): void => {
      size += chunk.byteLength;
      if (size > limit) {
        cleanup();
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(concat(chunks, size));
    };
    const onError = (error: unknown): void => {
      cleanup();
      reject(error);
    };
    // 'close' before 'end' is a client that went away mid-body.
    const onClose = (): void => {
      cleanup();
      reject(new BodyReadError('aborted', 'the client closed the request body.'));
    };
    if (Number.isFinite(timeoutMs)) {
      timer = setTimeout(() => {
        cleanup();
        reject(timedOut(timeoutMs));
      }, timeoutMs);
    }
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onError);
    stream.on('close', onClose);
  });
}

async function readIterator(
  stream: AsyncIterable<Uint8Array>,
  limit: number,
  timeoutMs: number,
): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const iterator = stream[Symbol.asyncIterator]();
  const deadline = Date.now() + timeoutMs;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // One timer for the whole body, not one per chunk.
  const expired = Number.isFinite(timeoutMs)
    ? new Promise<typeof TIMED_OUT>((resolve) => {
        timer = setTimeout(() => resolve(TIMED_OUT), timeoutMs);
      })
    : undefined;
  try {
    for (;;) {
      const step =
        expired === undefined
          ? await iterator.next()
          : await Promise.race([iterator.next(), expired]);
      if (step === TIMED_OUT) throw timedOut(timeoutMs);
      if (step.done) break;
      const chunk = step.value;
      size += chunk.byteLength;
      if (size > limit) throw tooLarge(limit);
      // A source that yields without ever letting the timer run still meets the deadline.
      if (Date.now() > deadline) throw timedOut(timeoutMs);
      chunks.push(chunk);
    }
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
  return concat(chunks, size);
}

/**
 * Reads a body stream into bytes, stopping as soon as it passes `limit`
 * bytes (so an oversized upload costs at most one chunk past the limit) or
 * when the whole body has not arrived within `timeoutMs` (a trickling client
 * cannot hold a handler hostage). A stream with Node's `on`/`removeListener`
 * is read through its events, any other through async iteration.
 */
export function readBody(
  stream: AsyncIterable<Uint8Array>,
  limit: number,
  timeoutMs: number = Number.POSITIVE_INFINITY,
): Promise<Uint8Array> {
  if (timeoutMs <= 0) return Promise.reject(timedOut(timeoutMs));
  return isEvented(stream)
    ? readEvents(stream, limit, timeoutMs)
    : readIterator(stream, limit, timeoutMs);
}

/** True for `application/json` and any `+json` media type. */
export function isJsonContentType(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const semi = contentType.indexOf(';');
  const type = (semi === -1 ? contentType : contentType.slice(0, semi)).trim().toLowerCase();
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}

/** The outcome of parsing a JSON body. */
export type JsonParse = { ok: true; value: unknown } | { ok: false; issue: ValidationIssue };

const decoder = new TextDecoder('utf-8', { fatal: true });

function jsonInvalid(position: number, msg: string): JsonParse {
  return { ok: false, issue: { type: 'json_invalid', loc: ['body', position], msg, input: {} } };
}

/**
 * The nesting depth past which a body is refused. Deep enough for any real
 * document, shallow enough that validators and serialisers never overflow
 * the stack on hostile input.
 */
export const MAX_JSON_DEPTH = 128;

// Returns the offset where nesting first passes maxDepth, or -1. Only bodies
// long enough to nest that deep are scanned, so small bodies pay nothing.
function depthViolation(text: string, maxDepth: number): number {
  if (text.length <= maxDepth * 2) return -1;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > maxDepth) return i;
    } else if (c === 125 || c === 93) depth--;
  }
  return -1;
}

function isPlainContainer(value: unknown): value is object {
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return true;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * True when a value a framework's body parser already built nests deeper than
 * `maxDepth` (arrays and plain objects only, counted like brackets in the
 * text). Iterative, and it stops as soon as the limit is passed.
 */
export function nestsDeeperThan(value: unknown, maxDepth: number): boolean {
  const stack: Array<readonly [object, number]> = [];
  if (isPlainContainer(value)) stack.push([value, 1]);
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [node, depth] = next;
    if (depth > maxDepth) return true;
    for (const child of Object.values(node)) {
      if (isPlainContainer(child)) stack.push([child, depth + 1]);
    }
  }
  return false;
}

/**
 * The issue for a body nested deeper than `maxDepth`. Its `loc` is the whole
 * body, never an offset: a body a framework parser already parsed has no
 * offsets left, and the answer must not depend on who parsed it.
 */
export function tooDeepIssue(maxDepth: number): ValidationIssue {
  return {
    type: 'json_invalid',
    loc: ['body'],
    msg: `JSON nested deeper than ${maxDepth} levels`,
    input: {},
  };
}

/**
 * Parses a JSON body as FastAPI reports it: malformed input is a
 * `json_invalid` issue whose `loc` is `["body", offset]`, never a thrown error.
 */
export function parseJson(bytes: Uint8Array, maxDepth: number = MAX_JSON_DEPTH): JsonParse {
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return jsonInvalid(0, 'Invalid UTF-8 in JSON body');
  }
  const tooDeep = depthViolation(text, maxDepth);
  if (tooDeep !== -1) return { ok: false, issue: tooDeepIssue(maxDepth) };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    const at = jsonErrorOffset(text);
    return jsonInvalid(at === -1 ? text.length : at, 'JSON decode error');
  }
}
