import type { IncomingMessage } from 'node:http';
import Router from '@koa/router';
import Koa from 'koa';
import { HttpError } from '../shared/http-error.js';
import { checkItem } from '../shared/item.js';
import { announce, closeServer } from '../shared/serve.js';
import { CREATED_ID, findItem, NOT_FOUND_DETAIL } from '../shared/store.js';

const LIMIT = 1024 * 1024;

// @koa/bodyparser is not a dependency of the bench, so the bare app reads
// JSON by hand, as koa-bodyparser does underneath (co-body: collect, parse).
async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > LIMIT) throw new HttpError(413, 'Content Too Large');
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(422, 'Invalid JSON');
  }
}

const app = new Koa();
const router = new Router();

// The JSON error middleware every Koa API puts first.
app.use(async (ctx, next) => {
  try {
    await next();
  } catch (err) {
    const status = err instanceof HttpError ? err.status : 500;
    ctx.status = status;
    ctx.body = {
      detail: err instanceof HttpError && err.expose ? err.message : 'Internal Server Error',
    };
  }
});

router.get('/items/:id', (ctx) => {
  const item = findItem(ctx.params.id!);
  if (item === undefined) {
    ctx.status = 404;
    ctx.body = { detail: NOT_FOUND_DETAIL };
    return;
  }
  ctx.body = item;
});

router.post('/items', async (ctx) => {
  const r = checkItem(await readJson(ctx.req));
  if (!r.ok) {
    ctx.status = 422;
    ctx.body = { detail: r.issues };
    return;
  }
  ctx.status = 201;
  ctx.body = { id: CREATED_ID, name: r.value.name, price: r.value.price };
});

router.get('/raise/:id', (ctx) => {
  const item = findItem(ctx.params.id!);
  if (item === undefined) throw new HttpError(404, NOT_FOUND_DETAIL);
  ctx.body = item;
});

router.get('/return/:id', (ctx) => {
  const item = findItem(ctx.params.id!);
  if (item === undefined) {
    ctx.status = 404;
    ctx.body = { detail: NOT_FOUND_DETAIL };
    return;
  }
  ctx.body = item;
});

router.delete('/items/:id', (ctx) => {
  if (findItem(ctx.params.id!) === undefined) throw new HttpError(404, NOT_FOUND_DETAIL);
  ctx.status = 204;
});

app.use(router.routes());
app.use(router.allowedMethods());

const server = app.listen(0, '127.0.0.1', () => announce(server, () => closeServer(server)));
