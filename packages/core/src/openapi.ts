import type { ErrorFormat } from './error-format.js';
import { type PolicyInput, toPolicy } from './policy.js';
import type { AnyRoute, ResponseDoc } from './route.js';
import type { Schema } from './schema.js';
import { reasonPhrase, statusAllowsBody } from './status.js';

/** A JSON Schema object, as OpenAPI 3.1 embeds it. */
export type JsonSchema = { readonly [key: string]: unknown } | boolean;

/** Options of {@link toOpenApi}. */
export interface OpenApiOptions {
  info?: { title: string; version: string; description?: string };
  /** The policy the app runs with; decides the success status of undeclared routes. */
  policy?: PolicyInput;
  errorFormat?: ErrorFormat;
  /**
   * Turns a schema into JSON Schema when it does not implement the Standard
   * JSON Schema interface itself (e.g. `(s) => z.toJSONSchema(s)` for older zod).
   */
  jsonSchema?: (schema: Schema, io: 'input' | 'output') => JsonSchema | undefined;
}

/** An OpenAPI 3.1 document as plain data. */
export type OpenApiDocument = {
  openapi: '3.1.0';
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, unknown> };
};

interface StandardJsonSchemaHost {
  readonly '~standard': {
    readonly jsonSchema?: {
      input?(options: { target: string }): unknown;
      output?(options: { target: string }): unknown;
    };
  };
}

function schemaOf(
  schema: Schema | undefined,
  io: 'input' | 'output',
  options: OpenApiOptions,
): JsonSchema {
  if (schema === undefined) return {};
  const host = (schema as unknown as StandardJsonSchemaHost)['~standard'].jsonSchema;
  const convert = host?.[io];
  if (typeof convert === 'function') {
    try {
      const out = convert.call(host, { target: 'draft-2020-12' }) as Record<string, unknown>;
      const { $schema: _drop, ...rest } = out;
      return rest;
    } catch {
      /* fall through to the option, then to an open schema */
    }
  }
  return options.jsonSchema?.(schema, io) ?? {};
}

const RANGE_NAMES: Record<string, string> = {
  '1XX': 'Information',
  '2XX': 'Success',
  '3XX': 'Redirection',
  '4XX': 'Client Error',
  '5XX': 'Server Error',
};

function successStatuses(route: AnyRoute, options: OpenApiOptions): number[] {
  if (route.spec.status !== undefined) return [route.spec.status];
  const policy = toPolicy(route.spec.policy ?? options.policy);
  const withValue = policy.status(route.method, true);
  if (route.spec.response !== undefined) return [withValue];
  const withNothing = policy.status(route.method, false);
  return withValue === withNothing ? [withValue] : [withValue, withNothing];
}

function content(schema: JsonSchema, contentType = 'application/json'): Record<string, unknown> {
  return { [contentType]: { schema } };
}

function operationId(route: AnyRoute): string {
  if (route.spec.operationId !== undefined) return route.spec.operationId;
  const path = route.path
    .replace(/[{}]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
  return `${route.method.toLowerCase()}_${path || 'root'}`;
}

function parameters(route: AnyRoute, options: OpenApiOptions): unknown[] {
  const out: unknown[] = [];
  const request = route.spec.request;
  const pathSchema = schemaOf(request?.params, 'input', options) as {
    properties?: Record<string, unknown>;
  };
  for (const segment of route.segments) {
    if (!segment.param) continue;
    out.push({
      name: segment.name,
      in: 'path',
      required: true,
      schema: pathSchema.properties?.[segment.name] ?? { type: 'string' },
    });
  }
  for (const [where, schema] of [
    ['query', request?.query],
    ['header', request?.headers],
  ] as const) {
    if (schema === undefined) continue;
    const json = schemaOf(schema, 'input', options) as {
      properties?: Record<string, unknown>;
      required?: string[];
    };
    for (const [name, property] of Object.entries(json.properties ?? {})) {
      out.push({
        name,
        in: where,
        required: json.required?.includes(name) ?? false,
        schema: property,
      });
    }
  }
  return out;
}

function errorContent(
  format: ErrorFormat | undefined,
  detail: JsonSchema,
): Record<string, unknown> {
  return format === 'problem'
    ? content({ $ref: '#/components/schemas/ProblemDetails' }, 'application/problem+json')
    : content(detail);
}

/**
 * Generates an OpenAPI 3.1 document that lists every status each route can
 * answer: its success status (declared, or what its policy gives), its
 * `responses`, and 422 when it validates input.
 */
export function toOpenApi(
  routes: readonly AnyRoute[],
  options: OpenApiOptions = {},
): OpenApiDocument {
  const paths: Record<string, Record<string, unknown>> = {};
  let validates = false;
  for (const route of routes) {
    const spec = route.spec;
    const responses: Record<string, Record<string, unknown>> = {};
    for (const status of successStatuses(route, options)) {
      const entry: Record<string, unknown> = { description: 'Successful Response' };
      if (statusAllowsBody(status))
        entry.content = content(schemaOf(spec.response, 'output', options));
      responses[String(status)] = entry;
    }
    for (const [key, raw] of Object.entries(spec.responses ?? {})) {
      const doc: ResponseDoc = typeof raw === 'string' ? { description: raw } : raw;
      const name = key === 'default' ? 'default' : key.toUpperCase();
      const entry: Record<string, unknown> = { ...responses[name] };
      entry.description =
        doc.description ??
        (entry.description as string | undefined) ??
        RANGE_NAMES[name] ??
        reasonPhrase(Number(key)) ??
        'Additional Response';
      if (doc.model !== undefined)
        entry.content = content(schemaOf(doc.model, 'output', options), doc.contentType);
      else if (entry.content === undefined && /^[45]/.test(name)) {
        entry.content = errorContent(options.errorFormat, {
          $ref: '#/components/schemas/HTTPError',
        });
      }
      responses[name] = entry;
    }
    const request = spec.request;
    const hasInput =
      request !== undefined &&
      (request.body !== undefined ||
        request.query !== undefined ||
        request.params !== undefined ||
        request.headers !== undefined);
    if (hasInput && !('422' in responses || '4XX' in responses || 'default' in responses)) {
      validates = true;
      responses['422'] = {
        description: 'Validation Error',
        content: errorContent(options.errorFormat, {
          $ref: '#/components/schemas/HTTPValidationError',
        }),
      };
    }
    const operation: Record<string, unknown> = { operationId: operationId(route), responses };
    if (spec.summary !== undefined) operation.summary = spec.summary;
    if (spec.description !== undefined) operation.description = spec.description;
    if (spec.tags !== undefined) operation.tags = [...spec.tags];
    if (spec.deprecated) operation.deprecated = true;
    const params = parameters(route, options);
    if (params.length > 0) operation.parameters = params;
    if (request?.body !== undefined) {
      operation.requestBody = {
        required: true,
        content: content(schemaOf(request.body, 'input', options)),
      };
    }
    (paths[route.path] ??= {})[route.method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.1.0',
    info: options.info ?? { title: 'statuskit app', version: '0.0.0' },
    paths,
    components: { schemas: componentSchemas(validates) },
  };
}

function componentSchemas(validates: boolean): Record<string, unknown> {
  const schemas: Record<string, unknown> = {
    HTTPError: {
      type: 'object',
      properties: { detail: {} },
      required: ['detail'],
    },
    ProblemDetails: {
      type: 'object',
      properties: {
        type: { type: 'string' },
        title: { type: 'string' },
        status: { type: 'integer' },
        detail: { type: 'string' },
        errors: { type: 'array', items: { $ref: '#/components/schemas/ValidationError' } },
      },
    },
    // Always present: ProblemDetails refers to it, so it may never dangle.
    ValidationError: {
      type: 'object',
      properties: {
        loc: { type: 'array', items: { anyOf: [{ type: 'string' }, { type: 'integer' }] } },
        msg: { type: 'string' },
        type: { type: 'string' },
        input: {},
      },
      required: ['loc', 'msg', 'type'],
    },
  };
  if (validates) {
    schemas.HTTPValidationError = {
      type: 'object',
      properties: {
        detail: { type: 'array', items: { $ref: '#/components/schemas/ValidationError' } },
      },
    };
  }
  return schemas;
}
