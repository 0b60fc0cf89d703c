// A TypeScript consumer of the published packages, type-checked with
// moduleResolution node16 and bundler, skipLibCheck off: our .d.ts must
// compile in a user's project, and must not be `any`.

import type { AdapterUnderTest, RunningServer } from '@statuskit/conformance';
import { seedApp } from '@statuskit/conformance/fixture';
import { createStatuskit, defineRoute, HttpException, type Statuskit } from '@statuskit/core';
import { statuskit } from '@statuskit/express';
import { adapter } from '@statuskit/express/testing';
import express from 'express';

const hello = defineRoute({ method: 'GET', path: '/hello/{name}' }, ({ params }) => {
  const name: string | undefined = params.name;
  if (name === 'nobody') throw new HttpException(404, 'No such person');
  return { message: `Hello, ${name}!` };
});
const kit: Statuskit = createStatuskit([hello]);
export const app = express().use(statuskit(kit));

const underTest: AdapterUnderTest = adapter;

/** Starts the seed app on the adapter, as the conformance suite does. */
export async function smoke(): Promise<string> {
  const seed = seedApp({ policy: 'fastapi' });
  const server: RunningServer = await underTest.start(createStatuskit(seed.routes, seed.options));
  await server.close();
  return server.url;
}

// @ts-expect-error The types are real, not `any`: a list of routes is required.
createStatuskit('not a list of routes');
