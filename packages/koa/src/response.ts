import type { Exchange } from '@statuskit/core/adapter';
import { writeExchange } from '@statuskit/node';
import type { Context } from 'koa';

/**
 * Writes the core's decision on `ctx.res` (@statuskit/node's writeExchange), bypassing
 * Koa's respond(): it would start from 404, guess 200/204 from assignment order, send
 * `null` for JSON null and rewrite errors as text. Headers set earlier with ctx.set
 * (CORS, request ids) stay unless the core sets the name.
 */
export function write(ctx: Context, exchange: Exchange): void {
  ctx.respond = false;
  writeExchange(exchange, ctx.res);
}
