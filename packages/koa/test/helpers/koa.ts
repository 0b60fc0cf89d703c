import type { RunningServer } from '@statuskit/conformance';
import { listenOnLoopback } from '@statuskit/node/testing';
import type Koa from 'koa';

/** Listens on 127.0.0.1, port 0; close() ends keep-alive sockets first. */
export function listen(app: Koa): Promise<RunningServer> {
  return listenOnLoopback(app.callback());
}

/** Waits (bounded) until `done()` holds. */
export async function until(done: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (done()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}
