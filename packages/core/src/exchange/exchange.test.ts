import { describe, expect, it } from 'vitest';
import { ErrorCode, isStatuskitError } from '../errors.js';
import { HttpException } from '../http-exception.js';
import { createStatuskit } from '../kit.js';
import { resolveOptions, type StatuskitOptions } from '../options.js';
import { type BackgroundTasks, defineRoute, type HandlerContext } from '../route.js';
import { exchangeFor, recorder, request, send, thrownBy } from '../test-helpers.js';
import { RequestExchange } from './exchange.js';

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('exchange: transitions', () => {
  it('goes created -> running -> resolved -> committed -> finished', async () => {
    const exchange = exchangeFor(() => ({ a: 1 }));
    expect(exchange.state).toBe('created');
    expect(exchange.response).toBeUndefined();
    const resolved = await exchange.run();
    expect(exchange.state).toBe('resolved');
    expect(exchange.response).toBe(resolved);
    expect(exchange.commit()).toBe(resolved);
    expect(exchange.state).toBe('committed');
    await exchange.finish();
    expect(exchange.state).toBe('finished');
  });

  it('refuses a second run, a second commit and a second finish', async () => {
    const exchange = exchangeFor(() => 1);
    await exchange.run();
    expect(
      isStatuskitError(
        thrownBy(() => exchange.run()),
        ErrorCode.ILLEGAL_TRANSITION,
      ),
    ).toBe(true);
    exchange.commit();
    const second = thrownBy(() => exchange.commit());
    expect(isStatuskitError(second, ErrorCode.ILLEGAL_TRANSITION)).toBe(true);
    expect((second as Error).message).toBe(
      '[statuskit] POST /items/{id}: cannot commit while the exchange is committed.',
    );
    await exchange.finish();
    expect(isStatuskitError(await rejection(exchange.finish()), ErrorCode.ILLEGAL_TRANSITION)).toBe(
      true,
    );
  });

  it('refuses finish before commit and commit before resolution', async () => {
    const exchange = exchangeFor(() => 1);
    expect(
      isStatuskitError(
        thrownBy(() => exchange.commit()),
        ErrorCode.ILLEGAL_TRANSITION,
      ),
    ).toBe(true);
    expect(isStatuskitError(await rejection(exchange.finish()), ErrorCode.ILLEGAL_TRANSITION)).toBe(
      true,
    );
  });

  it('freezes status and headers once resolved, naming the decided status', async () => {
    let ctx: HandlerContext | undefined;
    const exchange = exchangeFor((c) => {
      ctx = c;
      return { a: 1 };
    });
    await exchange.run();
    const error = thrownBy(() => ctx!.setStatus(404));
    expect(isStatuskitError(error, ErrorCode.STATUS_FROZEN)).toBe(true);
    expect((error as Error).message).toContain(
      'POST /items/{id}: cannot set the status after the response was resolved (201 was decided)',
    );
    expect(
      isStatuskitError(
        thrownBy(() => ctx!.setHeader('x-a', '1')),
        ErrorCode.STATUS_FROZEN,
      ),
    ).toBe(true);
    const add = thrownBy(() => ctx!.background.add(() => {}));
    expect(isStatuskitError(add, ErrorCode.ILLEGAL_TRANSITION)).toBe(true);
  });

  it('an exchange without a route and without a preset answers 500', async () => {
    const rec = recorder();
    const exchange = new RequestExchange(
      undefined,
      request('GET', '/x'),
      {},
      resolveOptions(rec.options),
    );
    const out = await exchange.run();
    expect(out.status).toBe(500);
    expect(rec.errors).toHaveLength(1);
    expect(exchange.route.id).toBe('GET /x');
  });
});

describe('exchange: background tasks', () => {
  function appWith(
    handler: (ctx: HandlerContext) => unknown,
    options: StatuskitOptions = {},
    backgroundOnError?: boolean,
  ) {
    const rec = recorder();
    const spec =
      backgroundOnError === undefined
        ? { method: 'POST', path: '/process', status: 202 }
        : { method: 'POST', path: '/process', status: 202, backgroundOnError };
    const kit = createStatuskit([defineRoute(spec, handler)], { ...rec.options, ...options });
    return { kit, rec };
  }

  it('run in order, only after finish()', async () => {
    const log: string[] = [];
    const { kit } = appWith((ctx) => {
      ctx.background.add(() => log.push('one'));
      ctx.background.add(async () => {
        await Promise.resolve();
        log.push('two');
      });
      ctx.background.add(() => log.push('three'));
      log.push('handler');
      return { message: 'Accepted for processing' };
    });
    const res = await send(kit, request('POST', '/process'), { finish: false });
    expect(res.status).toBe(202);
    expect(res.exchange.pendingTasks).toBe(3);
    expect(log).toEqual(['handler']);
    await res.exchange.finish();
    expect(log).toEqual(['handler', 'one', 'two', 'three']);
    expect(res.exchange.pendingTasks).toBe(0);
  });

  it('report each failure to onBackgroundError and keep running the later ones', async () => {
    const log: string[] = [];
    const first = new Error('first');
    const { kit, rec } = appWith((ctx) => {
      ctx.background.add(() => {
        throw first;
      });
      ctx.background.add(() => log.push('second'));
      ctx.background.add(() => Promise.reject('third'));
      ctx.background.add(() => log.push('fourth'));
      return null;
    });
    const res = await send(kit, request('POST', '/process?x=1'));
    expect(res.status).toBe(202);
    expect(log).toEqual(['second', 'fourth']);
    expect(rec.backgroundErrors).toEqual([
      {
        error: first,
        info: { route: 'POST /process', method: 'POST', url: '/process?x=1', task: 0 },
      },
      {
        error: 'third',
        info: { route: 'POST /process', method: 'POST', url: '/process?x=1', task: 2 },
      },
    ]);
  });

  it.each([
    ['an HttpException', () => new HttpException(409)],
    ['an Error', () => new Error('x')],
  ])('are skipped when the handler raised %s', async (_, make) => {
    const log: string[] = [];
    const { kit } = appWith((ctx) => {
      ctx.background.add(() => log.push('ran'));
      throw make();
    });
    await send(kit, request('POST', '/process'));
    expect(log).toEqual([]);
  });

  it('run for any status the handler returned, errors included', async () => {
    const log: string[] = [];
    const { kit } = appWith((ctx) => {
      ctx.background.add(() => log.push('ran'));
      ctx.setStatus(500);
      return { failed: true };
    });
    expect((await send(kit, request('POST', '/process'))).status).toBe(500);
    expect(log).toEqual(['ran']);
  });

  it('run after a raise with backgroundOnError (app-wide or per route)', async () => {
    const log: string[] = [];
    for (const setup of [
      appWith(
        (ctx) => {
          ctx.background.add(() => log.push('ran'));
          throw new HttpException(409);
        },
        { backgroundOnError: true },
      ),
      appWith(
        (ctx) => {
          ctx.background.add(() => log.push('ran'));
          throw new Error('x');
        },
        {},
        true,
      ),
    ]) {
      await send(setup.kit, request('POST', '/process'));
    }
    expect(log).toEqual(['ran', 'ran']);
  });

  it('a task calling setStatus throws STATUSKIT_STATUS_FROZEN, reported, and the client keeps 202', async () => {
    const { kit, rec } = appWith((ctx) => {
      ctx.background.add(() => ctx.setStatus(500));
      ctx.background.add(() => ctx.setHeader('x-late', '1'));
      return { message: 'Accepted for processing' };
    });
    const res = await send(kit, request('POST', '/process'));
    expect(res.status).toBe(202);
    expect(res.header('x-late')).toBeUndefined();
    expect(rec.backgroundErrors.map((e) => (e.error as { code: string }).code)).toEqual([
      ErrorCode.STATUS_FROZEN,
      ErrorCode.STATUS_FROZEN,
    ]);
    expect((rec.backgroundErrors[0]!.error as Error).message).toContain('(202 was decided)');
  });

  it('a task cannot add another task', async () => {
    let background: BackgroundTasks | undefined;
    const { kit, rec } = appWith((ctx) => {
      background = ctx.background;
      ctx.background.add(() => background?.add(() => {}));
      return null;
    });
    await send(kit, request('POST', '/process'));
    expect(isStatuskitError(rec.backgroundErrors[0]?.error, ErrorCode.ILLEGAL_TRANSITION)).toBe(
      true,
    );
  });

  it('a throwing onBackgroundError hook does not stop later tasks', async () => {
    const log: string[] = [];
    const kit = createStatuskit(
      [
        defineRoute({ method: 'POST', path: '/p' }, (ctx) => {
          ctx.background.add(() => {
            throw new Error('x');
          });
          ctx.background.add(() => log.push('after'));
          return null;
        }),
      ],
      {
        onBackgroundError: () => {
          throw new Error('hook');
        },
      },
    );
    await send(kit, request('POST', '/p'));
    expect(log).toEqual(['after']);
  });
});
