// A TypeScript consumer of @statuskit/node and @statuskit/core/adapter, type-checked with
// moduleResolution node16 and bundler, skipLibCheck off.

import { createServer } from 'node:http';
import type { AdapterUnderTest } from '@statuskit/conformance';
import { createStatuskit, defineRoute, type Statuskit } from '@statuskit/core';
import type { Exchange, NeutralRequest } from '@statuskit/core/adapter';
import { toNeutral, toNodeListener, writeExchange } from '@statuskit/node';
import { adapter, listenOnLoopback } from '@statuskit/node/testing';

const hello = defineRoute({ method: 'GET', path: '/hello/{name}' }, ({ params }) => ({
  message: `Hello, ${params.name}!`,
}));
const kit: Statuskit = createStatuskit([hello]);
export const server = createServer(toNodeListener(kit));

// Glue by hand, as the adapter contract in @statuskit/core's README shows it.
export const glue = createServer(async (req, res) => {
  const request: NeutralRequest = toNeutral(req, res);
  const exchange: Exchange = await kit.dispatch(request);
  writeExchange(exchange, res, { mountPrefix: '' });
});

const underTest: AdapterUnderTest = adapter;
export const started = listenOnLoopback(toNodeListener(kit)).then((s) => s.close());
export { underTest };

// @ts-expect-error The types are real, not `any`: a listener needs a kit.
toNodeListener('not a kit');
