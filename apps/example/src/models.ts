import { z } from 'zod';
import { fastapiErrors } from './fastapi-errors.js';

// The example's models, as FastAPI's seed app declares them with pydantic
// (`.meta({ id })` names them in /openapi.json's components, as the class names do):
//   class ItemIn(BaseModel): name: str = Field(min_length=1, max_length=100); price: float = Field(ge=0)
//   class Item(BaseModel): id: int; name: str; price: float

/** An item as clients send it. */
export const ItemIn = z
  .object({ name: z.string().min(1).max(100), price: z.number().min(0) })
  .meta({ id: 'ItemIn' });

/** An item as the API answers it; as a response model it drops every other key. */
export const Item = z
  .object({ id: z.int(), name: z.string(), price: z.number() })
  .meta({ id: 'Item' });

/** An item. */
export type Item = z.infer<typeof Item>;

/** The `{id}` of `/items/{id}`: a path segment read as an integer, as FastAPI's `item_id: int`. */
export const ItemPath = z.object({ id: z.coerce.number().int() });

/** `{"detail": "..."}`: what an `HttpException` with a message answers. */
export const Message = z.object({ detail: z.string() }).meta({ id: 'Message' });

/** Request models, with their 422s worded as FastAPI words them (see fastapi-errors.ts). */
export const request = {
  /** A request body that must be an {@link ItemIn}. */
  item: { body: fastapiErrors(ItemIn) },
  /** A path with an integer `{id}`. */
  itemId: { params: fastapiErrors(ItemPath) },
};
