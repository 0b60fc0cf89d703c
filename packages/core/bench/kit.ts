import {
  createStatuskit,
  defineRoute,
  HttpException,
  json,
  type Schema,
  type Statuskit,
} from '../src/index.js';

// The routes of `pnpm bench` (apps/bench/src/shared/kit.ts), reduced to the core:
// a read-only store and a hand-written Standard Schema, so the figures are the core's.

interface NewItem {
  readonly name: string;
  readonly price: number;
}

const ITEM = { id: '1', name: 'widget', price: 9.5 };
const find = (id: string) => (id === '1' ? ITEM : undefined);

const ItemSchema: Schema<unknown, NewItem> = {
  '~standard': {
    version: 1,
    vendor: 'statuskit-bench',
    validate(value: unknown) {
      const v = value as Partial<NewItem> | null;
      if (typeof v?.name === 'string' && typeof v.price === 'number') {
        return { value: { name: v.name, price: v.price } };
      }
      return { issues: [{ message: 'Input should be an item', path: [] }] };
    },
  },
};

/** The bench app: GET, POST with a model, raised and returned 404, DELETE. */
export function benchKit(): Statuskit {
  return createStatuskit(
    [
      defineRoute({ method: 'GET', path: '/items/{id}' }, ({ params }) => {
        const item = find(params.id!);
        if (item === undefined) throw new HttpException(404, 'Item not found');
        return item;
      }),
      defineRoute(
        { method: 'POST', path: '/items', status: 201, request: { body: ItemSchema } },
        ({ body }) => ({ id: '2', name: body.name, price: body.price }),
      ),
      defineRoute({ method: 'GET', path: '/raise/{id}' }, ({ params }) => {
        const item = find(params.id!);
        if (item === undefined) throw new HttpException(404, 'Item not found');
        return item;
      }),
      defineRoute({ method: 'GET', path: '/return/{id}' }, ({ params }) => {
        const item = find(params.id!);
        if (item === undefined) return json({ detail: 'Item not found' }, { status: 404 });
        return item;
      }),
      // Returns nothing: the rest policy answers an empty DELETE with 204.
      defineRoute({ method: 'DELETE', path: '/items/{id}' }, ({ params }) => {
        if (find(params.id!) === undefined) throw new HttpException(404, 'Item not found');
      }),
    ],
    { policy: 'rest', onError: () => {} },
  );
}
