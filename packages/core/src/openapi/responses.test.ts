import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ErrorCode } from '../errors.js';
import { createStatuskit } from '../kit.js';
import { type AnyRoute, defineRoute, type RouteSpec } from '../route.js';
import { type OpenApiDocument, type OpenApiOptions, toOpenApi } from './index.js';

type Response = {
  description: string;
  headers?: Record<string, Record<string, unknown>>;
  content?: Record<string, { schema: unknown }>;
};
type Operation = { responses: Record<string, Response>; security?: unknown; operationId: string };

const route = (spec: Partial<RouteSpec>): AnyRoute =>
  defineRoute({ method: 'GET', path: '/r', ...spec } as RouteSpec, () => null);

function op(doc: OpenApiDocument, path = '/r', method = 'get'): Operation {
  return doc.paths[path]?.[method] as Operation;
}

function responses(spec: Partial<RouteSpec>, options?: OpenApiOptions): Record<string, Response> {
  return op(toOpenApi([route(spec)], options)).responses;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const LOCATION = {
  description: 'Where the resource is: the redirect target, or the resource just created.',
  required: true,
  schema: { type: 'string', format: 'uri-reference' },
};
const RETRY_AFTER = {
  description: 'Seconds to wait before trying again.',
  required: true,
  schema: { type: 'integer', minimum: 0 },
};

describe('toOpenApi: response headers the core sends', () => {
  it('documents location on every redirect status, and never on 304', () => {
    const r = responses({
      responses: { 301: 'a', 302: 'b', 303: 'c', 307: 'd', 308: 'e', 304: 'f', 300: 'g' },
    });
    for (const status of ['301', '302', '303', '307', '308']) {
      expect(r[status]?.headers, status).toEqual({ location: LOCATION });
    }
    expect(r['304']?.headers).toBeUndefined();
    expect(r['300']?.headers).toBeUndefined();
    // A declared redirect status: what a returned value gets (JSON), with its location.
    expect(responses({ status: 308 })['308']).toEqual({
      description: 'Successful Response',
      content: { 'application/json': { schema: {} } },
      headers: { location: LOCATION },
    });
  });

  it('documents allow on a documented 405 and www-authenticate on a documented 401', () => {
    const r = responses({ responses: { 405: 'No', 401: 'Who?' } });
    expect(r['405']?.headers).toEqual({
      allow: {
        description: 'The methods this resource supports.',
        required: true,
        schema: { type: 'string' },
      },
    });
    expect(r['401']?.headers?.['www-authenticate']).toMatchObject({ required: true });
  });

  it('documents 503 with retry-after when the route, the option or the app sets a timeout', () => {
    expect(responses({ timeout: 50 })['503']).toEqual({
      description: 'Service Unavailable: the handler did not finish within its timeout',
      content: { 'application/json': { schema: ref('HTTPError') } },
      headers: { 'retry-after': RETRY_AFTER },
    });
    expect(responses({}, { handlerTimeout: 50 })['503']?.headers).toEqual({
      'retry-after': RETRY_AFTER,
    });
    const kit = createStatuskit([route({})], { handlerTimeout: 50 });
    expect(op(toOpenApi(kit)).responses['503']?.headers).toEqual({ 'retry-after': RETRY_AFTER });
    expect(op(toOpenApi(kit, { handlerTimeout: undefined })).responses['503']).toBeUndefined();
    expect(responses({})['503']).toBeUndefined();
    // A declared 503 keeps its description and gains the header.
    const declared = responses({ timeout: 50, responses: { 503: 'Busy' } })['503'];
    expect(declared).toMatchObject({
      description: 'Busy',
      headers: { 'retry-after': RETRY_AFTER },
    });
  });
});

describe('toOpenApi: response headers a route declares', () => {
  it('documents them by lower-case name, with the well-known defaults filled in', () => {
    const r = responses({
      status: 201,
      responses: {
        201: { headers: { Location: 'The new item' } },
        202: {
          headers: {
            'Retry-After': { description: 'When to look', schema: z.int().min(1) },
            'X-Count': { schema: { type: 'integer' }, required: true },
            'x-plain': {},
          },
        },
      },
    });
    expect(r['201']?.headers).toEqual({
      location: {
        description: 'The new item',
        schema: { type: 'string', format: 'uri-reference' },
      },
    });
    expect(r['202']?.headers).toEqual({
      'retry-after': {
        description: 'When to look',
        schema: { type: 'integer', minimum: 1, maximum: 9007199254740991 },
      },
      'x-count': { description: 'x-count', schema: { type: 'integer' }, required: true },
      'x-plain': { description: 'x-plain', schema: { type: 'string' } },
    });
  });

  it('merges a declared header over the one the core requires', () => {
    const r = responses({ responses: { 301: { headers: { location: 'The new home' } } } });
    expect(r['301']?.headers).toEqual({ location: { ...LOCATION, description: 'The new home' } });
  });

  it('refuses a content-type header: contentType says it', () => {
    const run = () => responses({ responses: { 200: { headers: { 'Content-Type': 'x' } } } });
    expect(run).toThrow(
      'toOpenApi: GET /r responses[200] documents a content-type header; write `contentType` on the response instead.',
    );
    expect(run).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_ROUTE }));
  });
});

describe('toOpenApi: problem+json where the app renders problems', () => {
  const Detail = z.object({ detail: z.string() }).meta({ id: 'Detail' });
  const spec: Partial<RouteSpec> = {
    response: z.object({ ok: z.boolean() }),
    responses: {
      404: { description: 'Missing', model: Detail },
      409: { model: Detail, contentType: 'application/json' },
      '5XX': {},
    },
  };

  it('documents an error model as what an HttpException sends: ProblemDetails and its members', () => {
    const r = responses(spec, { errorFormat: 'problem' });
    // The detail is never parsed by the model: its input side (zod adds no
    // additionalProperties: false there, which would exclude the problem's members).
    expect(r['404']?.content).toEqual({
      'application/problem+json': {
        schema: { allOf: [ref('ProblemDetails'), ref('Detail-Input')] },
      },
    });
    // A declared content type is a body the handler sends itself: the model as it is.
    expect(r['409']?.content).toEqual({ 'application/json': { schema: ref('Detail') } });
    expect(r['5XX']?.content).toEqual({
      'application/problem+json': { schema: ref('ProblemDetails') },
    });
    expect(Object.keys(r['200']?.content ?? {})).toEqual(['application/json']);
  });

  it('documents the model as the JSON body in the detail format', () => {
    const r = responses(spec);
    expect(r['404']?.content).toEqual({ 'application/json': { schema: ref('Detail') } });
    expect(r['5XX']?.content).toEqual({ 'application/json': { schema: ref('HTTPError') } });
  });

  it('takes the error format from the app, unless the option says otherwise', () => {
    const kit = createStatuskit([route(spec)], { errorFormat: 'problem' });
    expect(Object.keys(op(toOpenApi(kit)).responses['5XX']?.content ?? {})).toEqual([
      'application/problem+json',
    ]);
    expect(
      Object.keys(op(toOpenApi(kit, { errorFormat: 'detail' })).responses['5XX']?.content ?? {}),
    ).toEqual(['application/json']);
  });
});

describe('toOpenApi: security', () => {
  const securitySchemes: OpenApiOptions['securitySchemes'] = {
    bearer: { type: 'http', scheme: 'bearer' },
    basic: { type: 'http', scheme: 'Basic' },
    digest: { type: 'http', scheme: 'Digest' },
    key: { type: 'apiKey', name: 'x-key', in: 'header' },
    oauth: {
      type: 'oauth2',
      flows: { clientCredentials: { tokenUrl: 'https://a.example/t', scopes: { w: 'write' } } },
    },
  };
  const options: OpenApiOptions = { securitySchemes, security: [{ bearer: [] }] };

  it('documents the global requirement and 401 with the challenge on every route', () => {
    const doc = toOpenApi([route({})], options);
    expect(doc.security).toEqual([{ bearer: [] }]);
    expect(doc.components.securitySchemes).toEqual(securitySchemes);
    expect(op(doc).security).toBeUndefined();
    expect(op(doc).responses['401']).toEqual({
      description: 'Not authenticated',
      content: { 'application/json': { schema: ref('HTTPError') } },
      headers: {
        'www-authenticate': {
          description: 'How to authenticate: the challenge of each accepted scheme.',
          required: true,
          schema: { type: 'string' },
          example: 'Bearer',
        },
      },
    });
    expect(op(doc).responses['403']).toBeUndefined();
  });

  it("documents a route's own requirement, its alternatives' challenges and 403 for scopes", () => {
    const r = responses(
      { security: [{ basic: [], digest: [] }, { oauth: ['w'] }, { key: [] }] },
      options,
    );
    expect(r['401']?.headers?.['www-authenticate']?.example).toBe('Basic, Digest, Bearer');
    expect(r['403']).toEqual({
      description: 'Not enough permissions',
      content: { 'application/json': { schema: ref('HTTPError') } },
    });
    expect(responses({ security: [{ key: [] }] }, options)['401']?.headers).toEqual({
      'www-authenticate': expect.not.objectContaining({ example: expect.anything() }),
    });
  });

  it('adds nothing for a public route or one where anonymous access is an alternative', () => {
    const pub = toOpenApi([route({ security: [] })], options);
    expect(op(pub).security).toEqual([]);
    expect(Object.keys(op(pub).responses)).toEqual(['200']);
    expect(Object.keys(responses({ security: [{}, { key: [] }] }, options))).toEqual(['200']);
    expect(Object.keys(responses({}, { securitySchemes }))).toEqual(['200']);
  });

  it('keeps a declared 401 or 403 and its description', () => {
    const r = responses(
      { security: [{ oauth: ['w'] }], responses: { 401: 'Log in', 403: 'Admins only' } },
      options,
    );
    expect(r['401']?.description).toBe('Log in');
    expect(r['401']?.headers?.['www-authenticate']?.example).toBe('Bearer');
    expect(r['403']?.description).toBe('Admins only');
  });

  it('refuses a requirement naming a scheme nobody defined', () => {
    expect(() => toOpenApi([route({ security: [{ nope: [] }] })], options)).toThrow(
      'toOpenApi: route GET /r requires security scheme "nope", which securitySchemes does not define; add it to toOpenApi\'s securitySchemes.',
    );
    expect(() => toOpenApi([], { security: [{ bearer: [] }] })).toThrow(
      expect.objectContaining({ code: ErrorCode.INVALID_OPTION }),
    );
  });
});

describe('toOpenApi: operations and the document', () => {
  it('gives each operation a unique operationId', () => {
    const doc = toOpenApi([
      defineRoute({ method: 'GET', path: '/a-b' }, () => 1),
      defineRoute({ method: 'GET', path: '/a_b' }, () => 1),
      defineRoute({ method: 'GET', path: '/x', operationId: 'get_c' }, () => 1),
      defineRoute({ method: 'GET', path: '/c' }, () => 1),
    ]);
    expect(Object.values(doc.paths).map((p) => (p.get as Operation).operationId)).toEqual([
      'get_a_b',
      'get_a_b_2',
      'get_c',
      'get_c_2',
    ]);
  });

  it('refuses two routes declaring one operationId', () => {
    const run = () =>
      toOpenApi([
        defineRoute({ method: 'GET', path: '/a', operationId: 'same' }, () => 1),
        defineRoute({ method: 'PUT', path: '/b', operationId: 'same' }, () => 1),
      ]);
    expect(run).toThrow(
      'toOpenApi: routes GET /a and PUT /b both declare operationId "same"; operationIds must be unique.',
    );
  });

  it('takes the policy from the app', () => {
    const del = defineRoute({ method: 'DELETE', path: '/d' }, () => undefined);
    expect(Object.keys(op(toOpenApi(createStatuskit([del])), '/d', 'delete').responses)).toEqual([
      '204',
    ]);
    const fastapi = createStatuskit([del], { policy: 'fastapi' });
    expect(Object.keys(op(toOpenApi(fastapi), '/d', 'delete').responses)).toEqual(['200']);
  });

  it('emits servers, tags, security and externalDocs only when there are some', () => {
    const doc = toOpenApi([route({})]);
    expect(Object.keys(doc)).toEqual(['openapi', 'info', 'paths', 'components']);
    expect(doc.components).toEqual({ schemas: {} });
    const tagged = toOpenApi([route({ tags: ['b', 'a'] })], {
      tags: [{ name: 'a', description: 'A' }],
    });
    expect(tagged.tags).toEqual([{ name: 'a', description: 'A' }, { name: 'b' }]);
  });
});
