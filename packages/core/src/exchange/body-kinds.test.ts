import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createStatuskit } from '../kit.js';
import { defineRoute } from '../route.js';
import { send, withBody } from '../test-helpers.js';

const Item = z.object({ name: z.string().min(1).max(100), price: z.number().min(0) });

describe('body kinds a body parser leaves: text and refused', () => {
  const kit = createStatuskit(
    [
      defineRoute({ method: 'POST', path: '/items', request: { body: Item } }, ({ body }) => body),
      defineRoute({ method: 'POST', path: '/free' }, ({ body }) => ({ got: body ?? 'nothing' })),
    ],
    { bodyLimit: 64 },
  );
  const text = (path: string, body: string, headers: Record<string, string> = {}) => {
    const req = withBody('POST', path, body, 'application/json', headers);
    return { ...req, body: { kind: 'text' as const, text: body } };
  };

  it('reads the text as its UTF-8 bytes: parsed, validated, limited like bytes', async () => {
    const ok = await send(kit, text('/items', '{"name":"é","price":1}'));
    expect([ok.status, ok.json()]).toEqual([201, { name: 'é', price: 1 }]);
    expect((await send(kit, text('/items', '{"name":""}'))).status).toBe(422);
    expect((await send(kit, text('/items', `{"name":"${'x'.repeat(70)}"}`))).status).toBe(413);
    expect((await send(kit, text('/items', ''))).status).toBe(422);
  });

  it('takes U+FFFD in text shorter or longer than content-length for invalid UTF-8 (JSON only)', async () => {
    const altered = { ...text('/items', '"\uFFFD"'), headers: {} };
    const declared = (length: string, type: string) => ({
      ...text('/free', '"\uFFFD"'),
      headers: { 'content-length': length, 'content-type': type },
    });
    const bad = await send(kit, declared('3', 'application/json'));
    expect(bad.json()).toEqual({
      detail: [
        { type: 'json_invalid', loc: ['body', 0], msg: 'Invalid UTF-8 in JSON body', input: {} },
      ],
    });
    // The length matches (the client really sent U+FFFD), or no length was declared: the text stands.
    expect((await send(kit, declared('5', 'application/json'))).json()).toEqual({ got: '\uFFFD' });
    expect((await send(kit, { ...altered, url: '/free' })).status).toBe(201);
    // Not JSON: the route gets the text's bytes, never a made-up byte.
    const plain = await send(kit, declared('3', 'text/plain'));
    expect(plain.json()).toEqual({ got: { 0: 34, 1: 239, 2: 191, 3: 189, 4: 34 } });
  });

  it("answers 415 for coded text, as for coded bytes, and ignores 'identity'", async () => {
    expect((await send(kit, text('/items', '{}', { 'content-encoding': 'gzip' }))).status).toBe(
      415,
    );
    const identity = await send(
      kit,
      text('/items', '{"name":"a","price":1}', { 'content-encoding': 'identity' }),
    );
    expect(identity.status).toBe(201);
  });

  it('answers 413 with connection: close for a body a parser refused as too large', async () => {
    const refused = {
      ...withBody('POST', '/free', '{}'),
      body: { kind: 'refused' as const, reason: 'too-large' as const },
    };
    const res = await send(kit, refused);
    expect([res.status, res.header('connection')]).toEqual([413, 'close']);
  });
});
