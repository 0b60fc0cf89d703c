// An operation's type keeps its declaration (what @statuskit/client reads),
// and stays a member of every list of operations and of the kit's routes.
import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { HttpException } from '../http-exception.js';
import { createStatuskit } from '../kit.js';
import type { AnyRoute } from '../route.js';
import { type AnyOperation, defineOperation } from './define.js';
import { createOperations } from './operations.js';

const ReportIn = z.object({ name: z.string() });
const Report = z.object({ id: z.number(), name: z.string() });
const Message = z.object({ detail: z.string() });

describe('an operation keeps its declaration', () => {
  const spec = {
    method: 'POST',
    path: '/reports',
    status: 201,
    request: { body: ReportIn },
    response: Report,
    responses: { 409: { model: Message } },
  } as const;

  it('in defineOperation and ops.define alike', () => {
    const op = defineOperation(spec, ({ body }) => ({ id: 1, name: body.name }));
    const ops = createOperations({ operations: [op] });
    const defined = ops.define({ ...spec, path: '/other' }, () => new HttpException(409));
    for (const o of [op, defined]) {
      expectTypeOf(o.route.method).toEqualTypeOf<'POST'>();
      expectTypeOf(o.route.spec.status).toEqualTypeOf<201 | undefined>();
      expectTypeOf(o.route.spec.response).toEqualTypeOf<typeof Report | undefined>();
      expectTypeOf(o.route.spec.request).toEqualTypeOf<
        { readonly body: typeof ReportIn } | undefined
      >();
    }
    expectTypeOf(op.route.path).toEqualTypeOf<'/reports'>();
    expectTypeOf(defined.route.path).toEqualTypeOf<'/other'>();
    expectTypeOf(op).toExtend<AnyOperation>();
    expectTypeOf(ops.routes).toEqualTypeOf<readonly AnyRoute[]>();
    createStatuskit([...ops.routes]);
    // @ts-expect-error the work's result is checked against the model
    defineOperation(spec, () => ({ id: 'x' }));
  });
});
