// The client reads a route's contract structurally (src/contract.ts); the core
// has the same rules (@statuskit/core src/contract/types.ts). These tests hold
// the two together on routes that exercise every rule: a change to one side
// alone fails here.
import {
  type DeclaredStatus as CoreDeclared,
  type ModelAt as CoreModelAt,
  type Declaration,
  defineRoute,
  type Route,
} from '@statuskit/core';
import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import type { DeclaredStatus, ModelAt } from '../src/index.js';

const A = z.object({ a: z.string() });
const B = z.object({ b: z.number() });
const C = z.object({ c: z.boolean() });
const D = z.object({ d: z.null() });

type CoreDeclarationOf<R> =
  R extends Route<infer _Req, infer Res, infer M, infer _P, infer S, infer Rs>
    ? Declaration<M, S, Rs, Res>
    : never;

const closed = defineRoute(
  {
    method: 'POST',
    path: '/x',
    response: A,
    responses: { 404: { model: B }, 409: 'Conflict', '4XX': { model: C }, default: { model: D } },
  },
  () => ({ a: 'x' }),
);
const declaredStatus = defineRoute(
  { method: 'GET', path: '/y', status: 202, response: A, responses: { '2XX': { model: B } } },
  () => ({ a: 'x' }),
);
const open = defineRoute({ method: 'DELETE', path: '/z', response: A }, () => ({ a: 'x' }));

type Closed = typeof closed;
type Declared = typeof declaredStatus;
type Open = typeof open;

describe('the client reads the contract as the core does', () => {
  it('declared statuses', () => {
    expectTypeOf<DeclaredStatus<Closed>>().toEqualTypeOf<CoreDeclared<CoreDeclarationOf<Closed>>>();
    expectTypeOf<DeclaredStatus<Declared>>().toEqualTypeOf<
      CoreDeclared<CoreDeclarationOf<Declared>>
    >();
    expectTypeOf<DeclaredStatus<Open>>().toEqualTypeOf<CoreDeclared<CoreDeclarationOf<Open>>>();
  });

  it('the model of each status', () => {
    expectTypeOf<CoreDeclarationOf<Closed>>().not.toBeNever();
    expectTypeOf<ModelAt<Closed, 201>>().toEqualTypeOf<
      CoreModelAt<CoreDeclarationOf<Closed>, 201>
    >();
    expectTypeOf<ModelAt<Closed, 200>>().toEqualTypeOf<
      CoreModelAt<CoreDeclarationOf<Closed>, 200>
    >();
    expectTypeOf<ModelAt<Closed, 404>>().toEqualTypeOf<
      CoreModelAt<CoreDeclarationOf<Closed>, 404>
    >();
    expectTypeOf<ModelAt<Closed, 409>>().toEqualTypeOf<
      CoreModelAt<CoreDeclarationOf<Closed>, 409>
    >();
    expectTypeOf<ModelAt<Closed, 418>>().toEqualTypeOf<
      CoreModelAt<CoreDeclarationOf<Closed>, 418>
    >();
    expectTypeOf<ModelAt<Closed, 503>>().toEqualTypeOf<
      CoreModelAt<CoreDeclarationOf<Closed>, 503>
    >();
    expectTypeOf<ModelAt<Closed, 409>>().toEqualTypeOf<typeof C>();
    expectTypeOf<ModelAt<Closed, 503>>().toEqualTypeOf<typeof D>();
    expectTypeOf<ModelAt<Declared, 202>>().toEqualTypeOf<
      CoreModelAt<CoreDeclarationOf<Declared>, 202>
    >();
    expectTypeOf<ModelAt<Declared, 206>>().toEqualTypeOf<
      CoreModelAt<CoreDeclarationOf<Declared>, 206>
    >();
    expectTypeOf<ModelAt<Declared, 206>>().toEqualTypeOf<typeof B>();
    expectTypeOf<ModelAt<Open, 200>>().toEqualTypeOf<CoreModelAt<CoreDeclarationOf<Open>, 200>>();
    expectTypeOf<ModelAt<Open, 404>>().toEqualTypeOf<CoreModelAt<CoreDeclarationOf<Open>, 404>>();
  });
});
