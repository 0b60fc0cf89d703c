import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compileRoute } from './compile.js';
import { resolveOptions } from './options.js';
import { defineRoute } from './route.js';

const Item = z.object({ name: z.string().min(1).max(100), price: z.number().min(0) });
describe('compileRoute', () => {
  const options = resolveOptions();

  it('takes the declared status for both a value and nothing', () => {
    const c = compileRoute(
      defineRoute({ method: 'POST', path: '/a', status: 202 }, () => 1),
      options,
    );
    expect([c.valueStatus, c.emptyStatus]).toEqual([202, 202]);
  });

  it('asks the policy otherwise, with the route method', () => {
    const post = compileRoute(
      defineRoute({ method: 'POST', path: '/a' }, () => 1),
      options,
    );
    expect([post.valueStatus, post.emptyStatus]).toEqual([201, 200]);
    const del = compileRoute(
      defineRoute({ method: 'DELETE', path: '/a' }, () => 1),
      options,
    );
    expect([del.valueStatus, del.emptyStatus]).toEqual([200, 204]);
  });

  it('uses a route policy over the app policy', () => {
    const c = compileRoute(
      defineRoute({ method: 'POST', path: '/a', policy: 'fastapi' }, () => 1),
      options,
    );
    expect(c.valueStatus).toBe(200);
  });

  it('keeps the contract: models by status, class and success, and the timeout', () => {
    const Message = z.object({ detail: z.string() });
    const c = compileRoute(
      defineRoute(
        {
          method: 'GET',
          path: '/a',
          response: Item,
          timeout: 5,
          responses: { 404: { model: Message }, '4XX': { model: Message }, 409: 'Conflict' },
        },
        () => ({ name: 'x', price: 1 }),
      ),
      options,
    );
    expect([...c.contract.exact.keys()]).toEqual([404, 409]);
    expect(c.contract.exact.get(404)).toBe(Message);
    expect(c.contract.exact.get(409)).toBeUndefined();
    expect(c.contract.ranges.get(4)).toBe(Message);
    expect(c.contract.successModel).toBe(Item);
    expect(c.checked).toBe(true);
    expect(c.timeout).toBe(5);
  });
});
