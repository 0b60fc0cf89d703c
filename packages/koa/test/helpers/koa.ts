import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RunningServer } from '@statuskit/conformance';
import type Koa from 'koa';

/** Listens on 127.0.0.1, port 0; close() ends keep-alive sockets first. */
export async function listen(app: Koa): Promise<RunningServer> {
  const server = createServer(app.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Waits (bounded) until `done()` holds. */
export async function until(done: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (done()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}
