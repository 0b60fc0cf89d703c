import type { AnyRoute } from '../route.js';
import { defineRoute } from '../route.js';
import type { Schema } from '../schema.js';
import type { OpenApiDocument } from './index.js';

// Helpers of the model tests: where a schema lands in the document, and hand-made schemas.
export type Content = { content: Record<string, { schema: unknown }> };

export function responseSchema(
  doc: OpenApiDocument,
  path: string,
  method = 'get',
  status = '200',
): unknown {
  const op = doc.paths[path]?.[method] as { responses: Record<string, Content> };
  return op.responses[status]?.content['application/json']?.schema;
}

export function bodySchema(doc: OpenApiDocument, path: string, method = 'post'): unknown {
  const op = doc.paths[path]?.[method] as { requestBody: Content };
  return op.requestBody.content['application/json']?.schema;
}

export const get = (path: string, response: Schema): AnyRoute =>
  defineRoute({ method: 'GET', path, response }, () => null as never);

// A schema with hand-written JSON Schema per side, as any Standard JSON Schema library gives.
export function fake(input: unknown, output: unknown = input, vendor = 'test'): Schema {
  return {
    '~standard': {
      version: 1,
      vendor,
      validate: (value: unknown) => ({ value }),
      jsonSchema: { input: () => input, output: () => output },
    },
  } as unknown as Schema;
}

export const ref = (name: string): { $ref: string } => ({ $ref: `#/components/schemas/${name}` });
