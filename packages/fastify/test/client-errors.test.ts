import { createServer, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { createStatuskit } from '@statuskit/core';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientErrorHandler, frameworkErrors, statuskit } from '../src/index.js';

// Requests Node's parser refuses never reach a framework: with clientErrorHandler Fastify
// must answer them byte for byte as a bare node:http server does (Express and Koa send
// Node's answer untouched), including writing nothing when a response already went out.

const HEAD_LIMIT = 16 * 1024;
const BAD_REQUEST = 'HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n';

// Both servers answer a request that reaches them after 20 ms (so a request can still be in
// flight when the garbage behind it arrives) with the same bytes.
function slowAnswer(end: (body: string) => void): void {
  setTimeout(() => end('answered'), 20);
}

let node: Server;
let fastify: FastifyInstance;
let nodePort: number;
let fastifyPort: number;

beforeAll(async () => {
  node = createServer((_req, res) => slowAnswer((body) => res.end(body)));
  await new Promise<void>((resolve) => node.listen(0, '127.0.0.1', resolve));
  nodePort = (node.address() as AddressInfo).port;
  fastify = Fastify({ clientErrorHandler, forceCloseConnections: true });
  fastify.all('/*', (_req, reply) => {
    slowAnswer((body) => reply.raw.end(body));
    return reply.hijack();
  });
  await fastify.listen({ port: 0, host: '127.0.0.1' });
  fastifyPort = (fastify.server.address() as AddressInfo).port;
});

afterAll(async () => {
  node.closeAllConnections();
  await new Promise<void>((resolve) => node.close(() => resolve()));
  await fastify.close();
});

/**
 * Sends `raw` on a fresh connection (half-closing it unless `end` is false) and returns every
 * byte received until the server closes it.
 */
function exchange(port: number, raw: string, end = true): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // The server destroys the socket right after its answer; a reset may follow it.
      if (error.code !== 'ECONNRESET') reject(error);
    });
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
    socket.setTimeout(5000, () => socket.destroy(new Error('no close within 5 s')));
    if (end) socket.end(raw);
    else socket.write(raw);
  });
}

// Both answers, with the date (the only byte that may differ) blanked.
async function both(raw: string): Promise<{ node: string; fastify: string }> {
  const undate = (s: string) => s.replace(/\r\nDate: [^\r]*/g, '\r\nDate: -');
  const [n, f] = await Promise.all([exchange(nodePort, raw), exchange(fastifyPort, raw)]);
  return { node: undate(n), fastify: undate(f) };
}

describe("clientErrorHandler answers as Node's own clientError does", () => {
  it('a header name with a space: a bare 400', async () => {
    const got = await both('GET / HTTP/1.1\r\nHost: x\r\nbad header: 1\r\n\r\n');
    expect(got.fastify).toBe(BAD_REQUEST);
    expect(got.node).toBe(BAD_REQUEST);
  });

  it('a head over 16 KiB: a bare 431', async () => {
    const got = await both(`GET /${'a'.repeat(HEAD_LIMIT + 16)} HTTP/1.1\r\nHost: x\r\n\r\n`);
    const want = 'HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\n\r\n';
    expect(got.fastify).toBe(want);
    expect(got.node).toBe(want);
  });

  it('chunk extensions over 16 KiB: a bare 413', async () => {
    const raw = `GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n1;${'x'.repeat(HEAD_LIMIT + 16)}\r\na\r\n0\r\n\r\n`;
    const got = await both(raw);
    expect(got.fastify).toBe('HTTP/1.1 413 Payload Too Large\r\nConnection: close\r\n\r\n');
    expect(got.fastify).toBe(got.node);
  });

  it('garbage after a request Node answered itself (417): nothing more on that socket', async () => {
    const raw =
      'GET /items/1 HTTP/1.1\r\nHost: x\r\nexpect: nothing\r\nConnection: close\r\n\r\n{"name":" ","price":0}';
    const got = await both(raw);
    expect(got.fastify).toBe(
      'HTTP/1.1 417 Expectation Failed\r\nDate: -\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
    );
    expect(got.node).toBe(got.fastify);
  });

  it('garbage behind a request still in flight: the 400, and the pending answer never comes', async () => {
    const got = await both('GET /slow HTTP/1.1\r\nHost: x\r\n\r\nnot a request\r\n\r\n');
    expect(got.fastify).toBe(BAD_REQUEST);
    expect(got.node).toBe(BAD_REQUEST);
  });

  it('a head that never completes (headersTimeout): a bare 408', async () => {
    // Node checks its timeouts every connectionsCheckingInterval; both servers get short ones.
    const http = { connectionsCheckingInterval: 20 };
    const slowNode = createServer(http, (_req, res) => res.end());
    slowNode.headersTimeout = 100;
    slowNode.requestTimeout = 200;
    const slowFastify = Fastify({ clientErrorHandler, http, requestTimeout: 200 });
    slowFastify.server.headersTimeout = 100;
    await new Promise<void>((resolve) => slowNode.listen(0, '127.0.0.1', resolve));
    await slowFastify.listen({ port: 0, host: '127.0.0.1' });
    try {
      const raw = 'GET / HTTP/1.1\r\nHost: x\r\n';
      const [n, f] = await Promise.all([
        exchange((slowNode.address() as AddressInfo).port, raw, false),
        exchange((slowFastify.server.address() as AddressInfo).port, raw, false),
      ]);
      expect(f).toBe('HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n');
      expect(n).toBe(f);
    } finally {
      slowNode.closeAllConnections();
      await new Promise<void>((resolve) => slowNode.close(() => resolve()));
      await slowFastify.close();
    }
  });
});

describe('frameworkErrors answers at once what the core decides at once', () => {
  it("a malformed URL followed by garbage: the core's 400, before Node's own could go out", async () => {
    const kit = createStatuskit([]);
    const app = Fastify({ frameworkErrors: frameworkErrors(kit), clientErrorHandler });
    await app.register(statuskit, { kit });
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const port = (app.server.address() as AddressInfo).port;
      const got = await exchange(port, 'GET /items/%A0 HTTP/1.1\r\nHost: x\r\n\r\nnot a request');
      // One answer, the core's; Node's bare 400 for the garbage would have come instead of it.
      expect(got.split('HTTP/1.1 ').length).toBe(2);
      expect(got.startsWith('HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\n')).toBe(
        true,
      );
      expect(got.endsWith('\r\n\r\n{"detail":"Bad Request"}')).toBe(true);
    } finally {
      await app.close();
    }
  });
});
