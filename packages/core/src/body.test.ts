import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  BodyReadError,
  isJsonContentType,
  MAX_JSON_DEPTH,
  nestsDeeperThan,
  parseJson,
  readBody,
} from './body.js';
import { ErrorCode } from './errors.js';
import { streamOf, utf8 } from './test-helpers.js';

async function reason(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (error) {
    return error instanceof BodyReadError ? `${error.code} ${error.reason}` : String(error);
  }
  return 'resolved';
}

describe('readBody', () => {
  it('joins chunks in order', async () => {
    const out = await readBody(streamOf([utf8('ab'), utf8('c'), utf8('def')]), 100);
    expect(new TextDecoder().decode(out)).toBe('abcdef');
  });

  it('returns a single chunk as is and an empty stream as zero bytes', async () => {
    const only = utf8('x');
    expect(await readBody(streamOf([only]), 10)).toBe(only);
    expect((await readBody(streamOf([]), 10)).byteLength).toBe(0);
  });

  it('accepts exactly the limit', async () => {
    expect((await readBody(streamOf([utf8('12345')]), 5)).byteLength).toBe(5);
  });

  it('stops at the first chunk past the limit with a too-large BodyReadError', async () => {
    const source = streamOf([utf8('123'), utf8('456'), utf8('789'), utf8('0')]);
    expect(await reason(readBody(source, 5))).toBe(`${ErrorCode.BODY_READ} too-large`);
    expect(source.pulled).toBe(2);
  });

  describe('with a timeout', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it('reads a body that arrives in time', async () => {
      const out = await readBody(streamOf([utf8('ok')]), 10, 60_000);
      expect(new TextDecoder().decode(out)).toBe('ok');
    });

    it('fails with a timeout BodyReadError when the body stalls', async () => {
      vi.useFakeTimers();
      const stalled: AsyncIterable<Uint8Array> = {
        [Symbol.asyncIterator]: () => ({
          next: () => new Promise<IteratorResult<Uint8Array>>(() => {}),
        }),
      };
      const pending = reason(readBody(stalled, 10, 1000));
      await vi.advanceTimersByTimeAsync(1000);
      expect(await pending).toBe(`${ErrorCode.BODY_READ} timeout`);
    });

    it('fails at the first chunk that arrives past the deadline', async () => {
      vi.useFakeTimers();
      let calls = 0;
      const slow: AsyncIterable<Uint8Array> = {
        [Symbol.asyncIterator]: () => ({
          next: async () => {
            calls++;
            await Promise.resolve();
            // The clock moves past the deadline while the first chunk is produced.
            vi.setSystemTime(Date.now() + 5000);
            return { done: false, value: utf8('a') };
          },
        }),
      };
      expect(await reason(readBody(slow, 100, 1000))).toBe(`${ErrorCode.BODY_READ} timeout`);
      expect(calls).toBe(1);
    });
  });
});

// The subset of a Node Readable that readBody listens to.
class FakeEmitter {
  readonly listeners = new Map<string, Set<(...args: never[]) => void>>();
  readableEnded = false;
  destroyed = false;
  on(event: string, listener: (...args: never[]) => void): this {
    let set = this.listeners.get(event);
    if (set === undefined) this.listeners.set(event, (set = new Set()));
    set.add(listener);
    return this;
  }
  removeListener(event: string, listener: (...args: never[]) => void): this {
    this.listeners.get(event)?.delete(listener);
    return this;
  }
  emit(event: string, ...args: unknown[]): void {
    for (const l of [...(this.listeners.get(event) ?? [])])
      (l as (...a: unknown[]) => void)(...args);
  }
  count(): number {
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }
  asStream(): AsyncIterable<Uint8Array> {
    return this as unknown as AsyncIterable<Uint8Array>;
  }
}

describe('readBody of a stream with Node events', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('joins data chunks in order and removes its listeners at the end', async () => {
    const e = new FakeEmitter();
    const out = readBody(e.asStream(), 100, 60_000);
    expect(e.count()).toBe(4);
    e.emit('data', utf8('ab'));
    e.emit('data', utf8('cd'));
    e.emit('end');
    expect(new TextDecoder().decode(await out)).toBe('abcd');
    expect(e.count()).toBe(0);
  });

  it('returns a single chunk as is, and an ended stream as zero bytes without listening', async () => {
    const e = new FakeEmitter();
    const only = utf8('x');
    const out = readBody(e.asStream(), 10);
    e.emit('data', only);
    e.emit('end');
    expect(await out).toBe(only);
    const ended = new FakeEmitter();
    ended.readableEnded = true;
    expect((await readBody(ended.asStream(), 10)).byteLength).toBe(0);
    expect(ended.count()).toBe(0);
  });

  it('fails with too-large at the first chunk past the limit and stops listening', async () => {
    const e = new FakeEmitter();
    const out = reason(readBody(e.asStream(), 5));
    e.emit('data', utf8('123'));
    e.emit('data', utf8('456'));
    expect(await out).toBe(`${ErrorCode.BODY_READ} too-large`);
    expect(e.count()).toBe(0);
  });

  it('fails with aborted when the stream closes before its end, or was destroyed', async () => {
    const e = new FakeEmitter();
    const out = reason(readBody(e.asStream(), 100));
    e.emit('data', utf8('{"a"'));
    e.emit('close');
    expect(await out).toBe(`${ErrorCode.BODY_READ} aborted`);
    expect(e.count()).toBe(0);
    const gone = new FakeEmitter();
    gone.destroyed = true;
    expect(await reason(readBody(gone.asStream(), 100))).toBe(`${ErrorCode.BODY_READ} aborted`);
  });

  it("rejects with the stream's own error", async () => {
    const e = new FakeEmitter();
    const out = reason(readBody(e.asStream(), 100));
    e.emit('error', new Error('socket hang up'));
    expect(await out).toBe('Error: socket hang up');
    expect(e.count()).toBe(0);
  });

  it('fails with timeout when the end does not come in time, and stops listening', async () => {
    vi.useFakeTimers();
    const e = new FakeEmitter();
    const out = reason(readBody(e.asStream(), 100, 1000));
    e.emit('data', utf8('a'));
    await vi.advanceTimersByTimeAsync(999);
    expect(e.count()).toBe(4);
    await vi.advanceTimersByTimeAsync(1);
    expect(await out).toBe(`${ErrorCode.BODY_READ} timeout`);
    expect(e.count()).toBe(0);
  });
});

describe('isJsonContentType', () => {
  it.each([
    'application/json',
    'application/json; charset=utf-8',
    'Application/JSON',
    ' application/json ;x=y',
    'application/problem+json',
    'application/vnd.api+json',
  ])('accepts %j', (type) => {
    expect(isJsonContentType(type)).toBe(true);
  });

  it.each([
    undefined,
    '',
    'text/plain',
    'text/json',
    'application/jsonp',
    'application/x-www-form-urlencoded',
    'multipart/form-data',
  ])('refuses %j', (type) => {
    expect(isJsonContentType(type)).toBe(false);
  });
});

describe('parseJson', () => {
  it('parses valid JSON', () => {
    expect(parseJson(utf8('{"a":[1,2,{"b":null}]}'))).toEqual({
      ok: true,
      value: { a: [1, 2, { b: null }] },
    });
  });

  it('reports malformed JSON as json_invalid at the character offset', () => {
    expect(parseJson(utf8('{"name": x}'))).toEqual({
      ok: false,
      issue: { type: 'json_invalid', loc: ['body', 9], msg: 'JSON decode error', input: {} },
    });
  });

  it('reports truncated JSON at the end of the text (FastAPI: {"name": is at 9)', () => {
    expect(parseJson(utf8('{"name": '))).toEqual({
      ok: false,
      issue: { type: 'json_invalid', loc: ['body', 9], msg: 'JSON decode error', input: {} },
    });
  });

  it('counts the offset in characters, not bytes', () => {
    expect(parseJson(utf8('{"é": x}'))).toMatchObject({ issue: { loc: ['body', 6] } });
  });

  it('reports invalid UTF-8 as json_invalid at 0', () => {
    expect(parseJson(new Uint8Array([0x7b, 0xff, 0x7d]))).toEqual({
      ok: false,
      issue: {
        type: 'json_invalid',
        loc: ['body', 0],
        msg: 'Invalid UTF-8 in JSON body',
        input: {},
      },
    });
  });

  it('refuses nesting deeper than maxDepth, pointing at the offending bracket', () => {
    const deep = `${'['.repeat(4)}${']'.repeat(4)}`;
    expect(parseJson(utf8(deep), 3)).toEqual({
      ok: false,
      issue: {
        type: 'json_invalid',
        loc: ['body'],
        msg: 'JSON nested deeper than 3 levels',
        input: {},
      },
    });
    expect(parseJson(utf8(deep), 4)).toEqual({ ok: true, value: [[[[]]]] });
  });

  it('refuses MAX_JSON_DEPTH + 1 levels by default and accepts MAX_JSON_DEPTH', () => {
    expect(MAX_JSON_DEPTH).toBe(128);
    const nest = (n: number): string => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
    expect(parseJson(utf8(nest(MAX_JSON_DEPTH))).ok).toBe(true);
    expect(parseJson(utf8(nest(MAX_JSON_DEPTH + 1))).ok).toBe(false);
  });

  it('ignores brackets and escaped quotes inside strings when measuring depth', () => {
    const text = JSON.stringify({ s: `\\"${'['.repeat(50)}` });
    expect(parseJson(utf8(text), 2)).toEqual({ ok: true, value: JSON.parse(text) });
  });

  it('keeps "__proto__" and "constructor" as plain own keys, polluting nothing', () => {
    const r = parseJson(
      utf8('{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":2}}}'),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const value = r.value as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('nestsDeeperThan', () => {
  const nest = (n: number): unknown => {
    let value: unknown = 1;
    for (let i = 0; i < n; i++) value = i % 2 === 0 ? [value] : { a: value };
    return value;
  };

  it('counts arrays and plain objects like brackets in the text', () => {
    expect(nestsDeeperThan(nest(3), 3)).toBe(false);
    expect(nestsDeeperThan(nest(4), 3)).toBe(true);
    expect(nestsDeeperThan([[[[]]]], 3)).toBe(true);
    expect(nestsDeeperThan({ a: 1, b: [1, { c: [] }] }, 4)).toBe(false);
    expect(nestsDeeperThan({ a: 1, b: [1, { c: [[]] }] }, 4)).toBe(true);
    expect(nestsDeeperThan(Object.assign(Object.create(null), { a: { b: 1 } }), 1)).toBe(true);
  });

  it('agrees with the text check of parseJson', () => {
    for (let n = 1; n <= 6; n++) {
      const value = nest(n);
      expect(nestsDeeperThan(value, 4)).toBe(!parseJson(utf8(JSON.stringify(value)), 4).ok);
    }
  });

  it('ignores scalars and non-plain objects (buffers, dates, class instances)', () => {
    expect(nestsDeeperThan('x', 1)).toBe(false);
    expect(nestsDeeperThan(null, 1)).toBe(false);
    expect(nestsDeeperThan(utf8('[[[[[['), 1)).toBe(false);
    expect(
      nestsDeeperThan(
        [
          new Date(),
          new (class {
            inner = [[[1]]];
          })(),
        ],
        1,
      ),
    ).toBe(false);
  });

  it('handles a depth far past the call stack, and cycles, without recursion', () => {
    expect(nestsDeeperThan(nest(100_000), MAX_JSON_DEPTH)).toBe(true);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(nestsDeeperThan(cyclic, 10)).toBe(true);
  });
});
