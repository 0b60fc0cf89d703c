import { z } from 'zod';

/**
 * The request model of `POST /items` in the peers phase, one zod 4 schema for
 * every JavaScript contender (statuskit takes it as a Standard Schema,
 * fastify-type-provider-zod, @hono/zod-openapi and NestJS's
 * StandardSchemaValidationPipe as what they are written for), so the
 * validation work is the same code everywhere. FastAPI's pydantic model and
 * bare Fastify's JSON schema say the same in their own terms.
 */
export const ItemIn = z.object({
  name: z.string().min(1).max(100),
  price: z.number().min(0),
});

/** What {@link ItemIn} accepts. */
export type NewItemIn = z.infer<typeof ItemIn>;

/** The same rule as a JSON schema, for Fastify's own validator (Ajv). */
export const ITEM_IN_JSON_SCHEMA = {
  type: 'object',
  required: ['name', 'price'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 100 },
    price: { type: 'number', minimum: 0 },
  },
} as const;
