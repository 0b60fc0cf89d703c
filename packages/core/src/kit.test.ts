import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ErrorCode, isStatuskitError } from './errors.js';
import { HttpException } from './http-exception.js';
import { createStatuskit } from './kit.js';
import { redirect } from './response.js';
import { type AnyRoute, defineRoute } from './route.js';
import { internal, request, send, thrownBy, withBody } from './test-helpers.js';

const Item = z.object({ name: z.string().min(1).max(100), price: z.number().min(0) });

describe('createStatuskit', () => {
  it('exposes the routes and the resolved options', () => {
    const route = defineRoute({ method: 'GET', path: '/' }, () => 'x');
    const kit = createStatuskit([route], { policy: 'fastapi' });
    expect(kit.routes).toEqual([route]);
    expect(kit.options.policy.name).toBe('fastapi');
  });

  it('accepts its own routes back (AnyRoute[])', () => {
    const routes: AnyRoute[] = [defineRoute({ method: 'GET', path: '/' }, () => 'x')];
    expect(createStatuskit(createStatuskit(routes).routes).routes).toEqual(routes);
  });

  it.each([null, 'GET /', {}, { handler: () => 1, segments: 'x' }])(
    'refuses %j as a route',
    (route) => {
      const error = thrownBy(() => createStatuskit([route as never]));
      expect(isStatuskitError(error, ErrorCode.INVALID_ROUTE)).toBe(true);
      expect((error as Error).message).toContain('make routes with defineRoute()');
    },
  );

  it('refuses duplicate routes', () => {
    const a = defineRoute({ method: 'GET', path: '/a/{x}' }, () => 1);
    const b = defineRoute({ method: 'GET', path: '/a/{y}' }, () => 1);
    const error = thrownBy(() => createStatuskit([a, b]));
    expect(isStatuskitError(error, ErrorCode.INVALID_ROUTE)).toBe(true);
    expect((error as Error).message).toBe(
      '[statuskit] route GET /a/{y} is declared twice (also as GET /a/{x}); remove one.',
    );
  });

  it('refuses a route-level policy that answers an invalid status', () => {
    const route = defineRoute(
      { method: 'GET', path: '/', policy: { name: 'bad', status: () => 600 } },
      () => 1,
    );
    expect(
      isStatuskitError(
        thrownBy(() => createStatuskit([route])),
        ErrorCode.INVALID_STATUS,
      ),
    ).toBe(true);
  });
});

describe('kit.dispatch: routing answers', () => {
  const kit = createStatuskit([
    defineRoute({ method: 'GET', path: '/items/{id}' }, ({ params }) => ({ id: params.id })),
    defineRoute({ method: 'DELETE', path: '/items/{id}' }, () => undefined),
    defineRoute({ method: 'GET', path: '/slash/' }, () => 'slash'),
  ]);

  it('404 for an unknown path', async () => {
    const res = await send(kit, request('GET', '/nope'));
    expect([res.status, res.text(), res.headers]).toEqual([
      404,
      '{"detail":"Not Found"}',
      [
        ['content-type', 'application/json'],
        ['content-length', '22'],
      ],
    ]);
  });

  it('405 with a complete ordered allow', async () => {
    const res = await send(kit, request('PATCH', '/items/1'));
    expect([res.status, res.text(), res.header('allow')]).toEqual([
      405,
      '{"detail":"Method Not Allowed"}',
      'GET, HEAD, DELETE',
    ]);
    expect(res.header('content-length')).toBe('31');
  });

  it('307 trailing-slash redirect keeping the query, both ways', async () => {
    const res = await send(kit, request('GET', '/items/1/?a=1&b=%20'));
    expect([res.status, res.header('location'), res.body]).toEqual([
      307,
      '/items/1?a=1&b=%20',
      null,
    ]);
    expect((await send(kit, request('GET', '/slash'))).header('location')).toBe('/slash/');
  });

  it("marks only its own slash redirect mountRelative, never a handler's redirect", async () => {
    const own = await kit.dispatch(request('GET', '/items/1/'));
    expect(own.commit().mountRelative).toBe(true);
    const handlers = createStatuskit([
      defineRoute({ method: 'GET', path: '/go' }, () => redirect('/elsewhere')),
    ]);
    const theirs = await handlers.dispatch(request('GET', '/go'));
    expect(theirs.commit()).not.toHaveProperty('mountRelative');
    const notFound = await kit.dispatch(request('GET', '/nope'));
    expect(notFound.commit()).not.toHaveProperty('mountRelative');
  });

  it('no redirect with redirectSlashes: false', async () => {
    const strict = createStatuskit(kit.routes, { redirectSlashes: false });
    expect((await send(strict, request('GET', '/items/1/'))).status).toBe(404);
  });

  it('400 for malformed percent-encoding', async () => {
    const res = await send(kit, request('GET', '/items/%E0%A4%A'));
    expect([res.status, res.text()]).toEqual([400, '{"detail":"Bad Request"}']);
  });

  it('routes an absolute-form target by its path', async () => {
    const res = await send(kit, request('GET', 'http://example.com/items/7?x=1'));
    expect(res.json()).toEqual({ id: '7' });
  });

  it('HEAD answers like GET, without a body and with the same content-length', async () => {
    const get = await send(kit, request('GET', '/items/1'));
    const head = await send(kit, request('HEAD', '/items/1'));
    expect(head.status).toBe(get.status);
    expect(head.headers).toEqual(get.headers);
    expect(head.header('content-length')).toBe('10');
    expect(head.body).toBeNull();
    const missing = await send(kit, request('HEAD', '/nope'));
    expect([missing.status, missing.header('content-length'), missing.body]).toEqual([
      404,
      '22',
      null,
    ]);
  });

  it('the handler of a HEAD request sees HEAD', async () => {
    let seen = '';
    const k = createStatuskit([
      defineRoute({ method: 'GET', path: '/' }, (ctx) => {
        seen = ctx.method;
        return 1;
      }),
    ]);
    await send(k, request('HEAD', '/'));
    expect(seen).toBe('HEAD');
  });
});

describe('kit.handleRoute', () => {
  const route = defineRoute({ method: 'GET', path: '/items/{id}' }, ({ params }) => params);
  const kit = createStatuskit([route]);

  it('runs a route with the params the framework matched', async () => {
    const res = await send(
      { ...kit, dispatch: (req) => kit.handleRoute(route, { id: '9' }, req) },
      request('GET', '/whatever'),
    );
    expect(res.json()).toEqual({ id: '9' });
  });

  it('compiles a route it has not seen', async () => {
    const other = defineRoute({ method: 'POST', path: '/other' }, () => ({ ok: 1 }));
    const exchange = await kit.handleRoute(other, {}, request('POST', '/other'));
    expect(kit.handleRoute(other, {}, request('POST', '/other'))).not.toBeInstanceOf(Promise);
    expect(exchange.commit().status).toBe(201);
  });
});

describe('kit.dispatch', () => {
  const sync = defineRoute({ method: 'GET', path: '/sync' }, () => ({ ok: true }));
  const raises = defineRoute({ method: 'GET', path: '/raise' }, () => {
    throw new HttpException(404, 'Item not found');
  });
  const throwsString = defineRoute({ method: 'GET', path: '/string' }, () => {
    throw 'not an Error';
  });
  const later = defineRoute({ method: 'GET', path: '/async' }, async () => ({ ok: 'later' }));
  const reads = defineRoute(
    { method: 'POST', path: '/items', request: { body: Item } },
    ({ body }) => body,
  );
  const kit = createStatuskit([sync, raises, throwsString, later, reads], {
    onError: () => {},
  });

  const text = (body: unknown): unknown =>
    typeof body === 'string' ? body : body === null ? null : 'not text';

  it.each([
    ['a synchronous handler', request('GET', '/sync'), 200, '{"ok":true}'],
    ['a synchronous raise', request('GET', '/raise'), 404, '{"detail":"Item not found"}'],
    ['a thrown non-Error', request('GET', '/string'), 500, '{"detail":"Internal Server Error"}'],
    ['an unknown route', request('GET', '/nowhere'), 404, '{"detail":"Not Found"}'],
    ['a 405', request('DELETE', '/sync'), 405, '{"detail":"Method Not Allowed"}'],
    ['a HEAD', request('HEAD', '/sync'), 200, null],
  ])('decides %s without a promise', (_, req, status, body) => {
    const pending = kit.dispatch(req);
    expect(pending).not.toBeInstanceOf(Promise);
    const exchange = pending as Exclude<typeof pending, Promise<unknown>>;
    expect(internal(exchange).state).toBe('resolved');
    const out = exchange.commit();
    expect([out.status, text(out.body)]).toEqual([status, body]);
  });

  it.each([
    ['an async handler', () => request('GET', '/async'), 200, '{"ok":"later"}'],
    [
      'a body to read',
      () => withBody('POST', '/items', '{"name":"gadget","price":1}'),
      201,
      '{"name":"gadget","price":1}',
    ],
  ])('returns a promise of the exchange for %s', async (_, req, status, body) => {
    const pending = kit.dispatch(req());
    expect(pending).toBeInstanceOf(Promise);
    const out = (await pending).commit();
    expect([out.status, text(out.body)]).toEqual([status, body]);
  });

  it('refuses to run a decided exchange again', () => {
    const exchange = kit.dispatch(request('GET', '/sync')) as Exclude<
      ReturnType<typeof kit.dispatch>,
      Promise<unknown>
    >;
    expect(
      isStatuskitError(
        thrownBy(() => internal(exchange).run()),
        ErrorCode.ILLEGAL_TRANSITION,
      ),
    ).toBe(true);
  });
});
