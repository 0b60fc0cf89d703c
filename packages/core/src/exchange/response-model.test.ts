import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DiagnosticCode } from '../diagnostic.js';
import { ErrorCode, isStatuskitError } from '../errors.js';
import { createStatuskit } from '../kit.js';
import { json } from '../response.js';
import { defineRoute } from '../route.js';
import { recorder, request, send } from '../test-helpers.js';

const Item = z.object({ name: z.string().min(1).max(100), price: z.number().min(0) });
const StoredItem = Item.extend({ id: z.number().int() });

describe('kit.dispatch: response models', () => {
  const Message = z.object({ detail: z.string() });

  function makeKit(
    value: unknown,
    extra: Partial<Parameters<typeof defineRoute>[0]> = {},
    contract: 'off' | 'report' = 'report',
  ) {
    const rec = recorder();
    const kit = createStatuskit(
      [
        defineRoute(
          {
            method: 'POST',
            path: '/items/declared',
            status: 201,
            response: StoredItem,
            responses: { 404: { model: Message } },
            ...extra,
          },
          ((ctx: { setStatus(s: number): void }) => {
            if (typeof value === 'function') return value(ctx);
            return value;
          }) as never,
        ),
      ],
      { ...rec.options, contract },
    );
    return { kit, rec };
  }

  it('validates and strips unknown keys', async () => {
    const { kit, rec } = makeKit({ id: 2, name: 'a', price: 1, internal: 'secret' });
    const res = await send(kit, request('POST', '/items/declared'));
    expect([res.status, res.text()]).toEqual([201, '{"name":"a","price":1,"id":2}']);
    expect(rec.diagnostics).toEqual([]);
  });

  it('a mismatch is a 500 with a diagnostic naming the route and issues, leaking nothing', async () => {
    const { kit, rec } = makeKit({ id: 'two', name: 'secret-name', price: 1 });
    const res = await send(kit, request('POST', '/items/declared'));
    expect([res.status, res.text()]).toEqual([500, '{"detail":"Internal Server Error"}']);
    expect(rec.diagnostics).toHaveLength(1);
    const d = rec.diagnostics[0]!;
    expect([d.code, d.route, d.status]).toEqual([
      DiagnosticCode.RESPONSE_VALIDATION,
      'POST /items/declared',
      201,
    ]);
    expect(d.message).toContain('POST /items/declared');
    expect(d.issues).toEqual([
      expect.objectContaining({ loc: ['response', 'id'], type: 'invalid_type' }),
    ]);
    expect(rec.errors).toHaveLength(1);
    expect(isStatuskitError(rec.errors[0]?.error, ErrorCode.RESPONSE_VALIDATION)).toBe(true);
  });

  it('picks the model of the status set with setStatus', async () => {
    const { kit, rec } = makeKit((ctx: { setStatus(s: number): void }) => {
      ctx.setStatus(404);
      return { detail: 'gone', extra: 1 };
    });
    const res = await send(kit, request('POST', '/items/declared'));
    expect([res.status, res.text()]).toEqual([404, '{"detail":"gone"}']);
    expect(rec.diagnostics).toEqual([]);
  });

  it('with the contract off, does not validate explicit responses, other statuses, or 204s', async () => {
    const explicit = makeKit(() => json({ anything: true }, { status: 299 }), {}, 'off');
    expect((await send(explicit.kit, request('POST', '/items/declared'))).text()).toBe(
      '{"anything":true}',
    );
    const other = makeKit(
      (ctx: { setStatus(s: number): void }) => {
        ctx.setStatus(409);
        return { free: 1 };
      },
      {},
      'off',
    );
    expect((await send(other.kit, request('POST', '/items/declared'))).text()).toBe('{"free":1}');
    const noContent = makeKit(
      (ctx: { setStatus(s: number): void }) => {
        ctx.setStatus(204);
        return { free: 1 };
      },
      {},
      'off',
    );
    const res = await send(noContent.kit, request('POST', '/items/declared'));
    expect([res.status, res.body]).toEqual([204, null]);
    expect(noContent.rec.diagnostics.map((d) => d.code)).toEqual([DiagnosticCode.BODY_DROPPED]);
  });

  it('awaits an async response model', async () => {
    const Async = z.object({ a: z.number() }).refine(async () => true);
    const rec = recorder();
    const kit = createStatuskit(
      [defineRoute({ method: 'GET', path: '/', response: Async }, () => ({ a: 1, b: 2 }))],
      rec.options,
    );
    expect((await send(kit, request('GET', '/'))).text()).toBe('{"a":1}');
  });
});
