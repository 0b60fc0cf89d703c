import fc from 'fast-check';
import type { BodySpec, Framing } from './fuzz-request.js';

// Generators of hostile request bodies and of the ways they are framed on the wire.

const validItem: fc.Arbitrary<string> = fc
  .record({
    name: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }),
    price: fc.double({ min: 0, max: 1e9, noNaN: true }),
  })
  .map((o) => JSON.stringify(o));

const messyItem: fc.Arbitrary<string> = fc
  .record(
    {
      name: fc.oneof(
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }),
        fc.constantFrom('', 'x'.repeat(101), 'Hammer'),
        fc.jsonValue(),
      ),
      price: fc.oneof(
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.constantFrom(-1, 0, -0, 1e308),
        fc.jsonValue(),
      ),
      extra: fc.jsonValue(),
    },
    { requiredKeys: [] },
  )
  .map((o) => JSON.stringify(o));

/** An object that looks like the seed's item input, valid more often than not. */
const itemLike: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: validItem, weight: 3 },
  { arbitrary: messyItem, weight: 2 },
);

const pollution: fc.Arbitrary<string> = fc.constantFrom(
  '{"__proto__":{"polluted":"yes"},"name":"p","price":1}',
  '{"name":"p","price":1,"__proto__":{"isAdmin":true}}',
  '{"constructor":{"prototype":{"polluted":"yes"}},"name":"p","price":1}',
  '{"name":{"__proto__":{"polluted":"yes"}},"price":1}',
  '[{"__proto__":{"polluted":"yes"}}]',
  '{"__proto__":null,"name":"p","price":1}',
  '{"toString":"x","valueOf":1,"hasOwnProperty":"y","name":"p","price":1}',
);

const hugeNumbers: fc.Arbitrary<string> = fc.constantFrom(
  '1e400',
  '-1e400',
  '123456789012345678901234567890',
  '{"name":"x","price":1e400}',
  '{"name":"x","price":-1e400}',
  '{"name":"x","price":1e-400}',
  '{"name":"x","price":123456789012345678901234567890}',
  '{"name":"x","price":0.1e1}',
  '{"name":"x","price":-0}',
  `{"name":"x","price":${'9'.repeat(400)}}`,
);

const invalidUtf8: fc.Arbitrary<BodySpec> = fc
  .oneof(
    fc.constantFrom(
      '\u00ff\u00fe',
      '{"name":"\u00c3","price":1}',
      '{"name":"\u00ed\u00a0\u0080","price":1}',
      '"\u00c0\u00af"',
      '\u00ef\u00bb\u00bf{"name":"bom","price":1}',
    ),
    fc.uint8Array({ maxLength: 48 }).map((b) => Buffer.from(b).toString('latin1')),
  )
  .map((latin1) => ({ latin1 }));

const deep: fc.Arbitrary<BodySpec> = fc
  .tuple(
    fc.integer({ min: 100, max: 10_000 }),
    fc.constantFrom('[', '{"a":'),
    fc.boolean(),
    fc.boolean(),
  )
  .map(([times, open, closed, wrapped]) => {
    const close = open === '[' ? ']' : '}';
    const spec: BodySpec = {
      repeat: open,
      times,
      ...(wrapped ? { prefix: '{"name":"x","price":1,"deep":' } : {}),
      suffix: `${closed ? `1${close.repeat(times)}` : '1'}${wrapped ? '}' : ''}`,
    };
    return spec;
  });

const oversized: fc.Arbitrary<BodySpec> = fc.integer({ min: 1, max: 4096 }).map((extra) => ({
  repeat: 'a',
  times: 1024 * 1024 + extra,
  prefix: '{"name":"',
  suffix: '","price":1}',
}));

/** Bodies: valid items, random JSON, truncated, deep, huge numbers, pollution, invalid UTF-8, empty, oversized. */
export const body: fc.Arbitrary<BodySpec> = fc.oneof(
  { arbitrary: fc.constant({ utf8: '' }), weight: 4 },
  { arbitrary: itemLike.map((utf8) => ({ utf8 })), weight: 6 },
  { arbitrary: fc.json({ maxDepth: 3 }).map((utf8) => ({ utf8 })), weight: 3 },
  {
    arbitrary: fc
      .tuple(itemLike, fc.nat())
      .map(([text, cut]) => ({ utf8: text.slice(0, cut % Math.max(1, text.length)) })),
    weight: 2,
  },
  { arbitrary: pollution.map((utf8) => ({ utf8 })), weight: 2 },
  { arbitrary: hugeNumbers.map((utf8) => ({ utf8 })), weight: 2 },
  { arbitrary: deep, weight: 2 },
  { arbitrary: invalidUtf8, weight: 2 },
  { arbitrary: oversized, weight: 1 },
);

/** Body framing: mostly an exact content-length, sometimes chunked, missing or wrong. */
export function framing(sloppy: boolean): fc.Arbitrary<Framing> {
  const exact: Array<fc.WeightedArbitrary<Framing>> = [
    { arbitrary: fc.constant({ kind: 'exact' } as const), weight: 14 },
    { arbitrary: fc.constant({ kind: 'chunked' } as const), weight: 2 },
    {
      arbitrary: fc
        .constantFrom(
          'abc',
          '-1',
          '1.5',
          '0x10',
          '99999999999999999999',
          '',
          'N ',
          ' N',
          '+N',
          '0N',
        )
        .map((pattern) => ({ kind: 'raw', pattern }) as const),
      weight: 1,
    },
    {
      arbitrary: fc
        .constantFrom('N, N', 'N,N+1', 'N|N', 'N|N+1')
        .map((pattern) => ({ kind: 'raw', pattern }) as const),
      weight: 1,
    },
  ];
  if (!sloppy) return fc.oneof(...exact);
  return fc.oneof(
    ...exact,
    { arbitrary: fc.constant({ kind: 'none' } as const), weight: 1 },
    {
      arbitrary: fc
        .integer({ min: -20, max: -1 })
        .map((delta) => ({ kind: 'delta', delta }) as const),
      weight: 1,
    },
    {
      arbitrary: fc
        .integer({ min: 1, max: 20 })
        .map((delta) => ({ kind: 'delta', delta }) as const),
      weight: 1,
    },
    {
      arbitrary: fc
        .integer({ min: 1, max: 20 })
        .map((missing) => ({ kind: 'stall', missing }) as const),
      weight: 1,
    },
  );
}
