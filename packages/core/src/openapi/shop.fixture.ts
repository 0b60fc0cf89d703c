// A test app for the OpenAPI document: named, recursive, nullable, union and
// discriminated models from zod 4, valibot 1 and arktype; security; response
// headers; every status class. Not part of the package: excluded from the
// build, from coverage and from the published files, like test-helpers.ts.
import { addGlobalDefs, toJsonSchema, toStandardJsonSchema } from '@valibot/to-json-schema';
import { scope, type } from 'arktype';
import * as v from 'valibot';
import { z } from 'zod';
import { json, redirect } from '../response.js';
import { type AnyRoute, defineRoute } from '../route.js';
import type { OpenApiOptions } from './types.js';

// zod 4: named models through .meta({ id }) (z.globalRegistry).
const LineItem = z.object({ sku: z.string(), quantity: z.int().min(1) }).meta({ id: 'LineItem' });
const Order = z
  .object({
    id: z.int(),
    status: z.enum(['pending', 'shipped', 'cancelled']),
    items: z.array(LineItem),
    note: z.string().nullable(),
    express: z.boolean().default(false),
  })
  .meta({ id: 'Order', description: 'An order' });
const ErrorDetail = z.object({ detail: z.string() }).meta({ id: 'ErrorDetail' });
const Category = z
  .object({
    name: z.string(),
    get children() {
      return z.array(Category);
    },
  })
  .meta({ id: 'Category' });
// Anonymous and recursive: the document names it after the operation.
const Comment = z.object({
  text: z.string(),
  get replies() {
    return z.array(Comment);
  },
});
const Cat = z.object({ kind: z.literal('cat'), lives: z.int() }).meta({ id: 'Cat' });
const Dog = z.object({ kind: z.literal('dog'), good: z.boolean() });
const Pet = z.discriminatedUnion('kind', [Cat, Dog]).meta({ id: 'Pet' });
const Lookup = z.object({ key: z.union([z.string(), z.int()]), limit: z.int().optional() });

// valibot 1: Standard JSON Schema through @valibot/to-json-schema, names through its
// global definitions.
const Owner = v.object({ name: v.string(), email: v.nullable(v.pipe(v.string(), v.email())) });
interface FolderShape {
  name: string;
  folders: FolderShape[];
}
const Folder: v.GenericSchema<FolderShape> = v.object({
  name: v.string(),
  folders: v.array(v.lazy(() => Folder)),
});
const Shape = v.variant('kind', [
  v.object({ kind: v.literal('circle'), radius: v.number() }),
  v.object({ kind: v.literal('square'), side: v.number() }),
]);
addGlobalDefs({ Owner, Shape, Unused: v.object({ never: v.string() }) });
// A valibot schema without Standard JSON Schema: documented through the jsonSchema option.
const Tag = v.object({ label: v.union([v.string(), v.number()]) });

// arktype: its own Standard JSON Schema; recursive scopes get generated names.
const arkTypes = scope({ Tree: { value: 'number', children: 'Tree[]' } }).export();
const Point = type({ x: 'number', y: 'number', 'label?': 'string | null' });

/** The fixture's options: info, servers, tags, security schemes and a global requirement. */
export const shopOptions: OpenApiOptions = {
  info: {
    title: 'Shop',
    version: '1.2.3',
    summary: 'A shop to test the document',
    description: 'Orders, pets and folders.',
    termsOfService: 'https://shop.example/terms',
    contact: { name: 'Shop team', url: 'https://shop.example', email: 'api@shop.example' },
    license: { name: 'MIT', identifier: 'MIT' },
  },
  servers: [
    { url: 'https://api.shop.example/v1', description: 'production' },
    {
      url: 'https://{region}.shop.example/v1',
      variables: { region: { default: 'eu', enum: ['eu', 'us'] } },
    },
  ],
  tags: [
    { name: 'orders', description: 'Orders and their lines' },
    { name: 'catalog', description: 'What the shop sells' },
  ],
  externalDocs: { url: 'https://shop.example/docs', description: 'The guide' },
  securitySchemes: {
    bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
    basic: { type: 'http', scheme: 'basic' },
    apiKey: { type: 'apiKey', name: 'x-api-key', in: 'header' },
    queryKey: { type: 'apiKey', name: 'key', in: 'query' },
    session: { type: 'apiKey', name: 'sid', in: 'cookie' },
    oauth: {
      type: 'oauth2',
      flows: {
        authorizationCode: {
          authorizationUrl: 'https://auth.shop.example/authorize',
          tokenUrl: 'https://auth.shop.example/token',
          scopes: { 'orders:write': 'Change orders', 'orders:read': 'Read orders' },
        },
      },
    },
    oidc: { type: 'openIdConnect', openIdConnectUrl: 'https://auth.shop.example/.well-known' },
  },
  security: [{ bearer: [] }],
  handlerTimeout: 5000,
  jsonSchema: (schema, io) =>
    schema === (Tag as unknown)
      ? (toJsonSchema(Tag, { typeMode: io, target: 'draft-2020-12' }) as never)
      : undefined,
};

const ok = (): unknown => ({});

/** The fixture's routes. */
export function shopRoutes(): AnyRoute[] {
  const orderId = { params: z.object({ id: z.coerce.number().int() }) };
  return [
    defineRoute(
      {
        method: 'GET',
        path: '/orders/{id}',
        tags: ['orders'],
        summary: 'Read an order',
        request: orderId,
        response: Order,
        responses: { 404: { description: 'No such order', model: ErrorDetail } },
        security: [{ oauth: ['orders:read'] }, { apiKey: [] }],
      },
      ok as never,
    ),
    defineRoute(
      {
        method: 'PUT',
        path: '/orders/{id}',
        tags: ['orders'],
        summary: 'Replace an order',
        request: { ...orderId, body: Order },
        response: Order.nullable(),
        responses: { 409: 'The order has shipped', 412: {} },
        security: [{ oauth: ['orders:write'] }],
      },
      ok as never,
    ),
    defineRoute(
      {
        method: 'POST',
        path: '/orders',
        tags: ['orders'],
        summary: 'Place an order',
        status: 201,
        request: { body: Order },
        response: Order,
        responses: {
          201: { headers: { location: 'The new order' } },
          429: { headers: { 'retry-after': { description: 'Seconds until a slot is free' } } },
        },
      },
      ok as never,
    ),
    defineRoute(
      {
        method: 'DELETE',
        path: '/orders/{id}',
        tags: ['orders'],
        summary: 'Cancel an order',
        request: orderId,
        responses: { 404: { model: ErrorDetail }, 405: 'Shipped orders cannot be cancelled' },
        security: [{ basic: [] }, { session: [] }],
      },
      ok as never,
    ),
    defineRoute(
      {
        method: 'POST',
        path: '/exports',
        tags: ['orders'],
        summary: 'Start an export',
        status: 202,
        responses: {
          202: {
            headers: {
              location: { description: 'Where to watch the export' },
              'retry-after': { description: 'When to look', schema: z.int().min(1) },
            },
          },
        },
        timeout: 100,
      },
      ok as never,
    ),
    defineRoute(
      {
        method: 'GET',
        path: '/categories',
        tags: ['catalog'],
        summary: 'The category tree',
        response: z.array(Category),
        security: [],
      },
      ok as never,
    ),
    defineRoute(
      {
        method: 'GET',
        path: '/comments',
        tags: ['catalog'],
        summary: 'Comments and replies',
        request: { query: Lookup },
        response: z.array(Comment),
        security: [{}, { queryKey: [] }],
      },
      ok as never,
    ),
    defineRoute(
      {
        method: 'POST',
        path: '/pets',
        tags: ['catalog'],
        summary: 'Add a pet',
        request: { body: Pet, headers: z.object({ 'x-request-id': z.uuid().optional() }) },
        response: Pet,
        security: [{ oidc: ['pets'] }],
      },
      ok as never,
    ),
    defineRoute(
      {
        method: 'PUT',
        path: '/owners/{name}',
        tags: ['people'],
        summary: 'Replace an owner',
        request: { body: toStandardJsonSchema(Owner) },
        response: toStandardJsonSchema(v.nullable(Owner)),
      },
      ok as never,
    ),
    defineRoute(
      {
        method: 'GET',
        path: '/folders',
        summary: 'The folder tree',
        response: toStandardJsonSchema(Folder),
        responses: { 200: { headers: { 'x-total': { schema: { type: 'integer' } } } } },
      },
      ok as never,
    ),
    defineRoute(
      {
        method: 'POST',
        path: '/shapes',
        summary: 'Draw a shape',
        request: { body: toStandardJsonSchema(v.array(Shape)) },
        response: toStandardJsonSchema(v.union([Shape, v.string()])),
        responses: { '4XX': 'Any client error', '5XX': 'Any server error' },
      },
      ok as never,
    ),
    defineRoute(
      {
        method: 'POST',
        path: '/tags',
        summary: 'Tag something',
        request: { body: Tag },
        response: Tag,
        responses: { '1XX': 'Informational', default: 'Anything else' },
      },
      ok as never,
    ),
    defineRoute(
      {
        method: 'GET',
        path: '/trees',
        summary: 'An arktype tree',
        request: { query: type({ depth: 'string' }) },
        response: arkTypes.Tree,
        responses: { 200: { description: 'The tree' } },
      },
      ok as never,
    ),
    defineRoute(
      { method: 'POST', path: '/points', summary: 'An arktype point', response: Point },
      ok as never,
    ),
    defineRoute(
      {
        method: 'GET',
        path: '/old-orders/{id}',
        summary: 'Moved',
        responses: { 301: 'Moved to /orders/{id}', 308: {} },
      },
      () => redirect('/orders/1', { status: 301 }),
    ),
    defineRoute({ method: 'GET', path: '/health', summary: 'Liveness', security: [] }, () =>
      json({ ok: true }),
    ),
  ];
}
