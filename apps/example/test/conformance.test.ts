import {
  type AdapterUnderTest,
  type AppFactory,
  cases,
  operationCases,
  seedCases,
} from '@statuskit/conformance';
import { defineConformanceSuite } from '@statuskit/conformance/vitest';
import { expect, it } from 'vitest';
import { exampleApp } from '../src/app.js';
import { FRAMEWORKS, type Framework, serve } from '../src/serve.js';

// The example's own routes (zod models, src/routes.ts and src/operations.ts)
// and its own mounting (src/serve.ts) against the conformance cases of the seed
// rows, S01-S39 (31-39: the long-running operation, on the memory store), and
// the other cases that need no route beyond the seed's (405, problem+json,
// bad input, the fuzzer's regressions): the same statuses, headers and body
// bytes as the suite's own fixture, on all three frameworks.

const ALSO = [
  ...['H05', 'H15', 'B01', 'B02', 'B04', 'B05', 'B06', 'B07', 'B08', 'B09', 'B10', 'B12', 'B13'],
  ...['R001', 'R002', 'R003', 'R017', 'R018', 'R020', 'R022'],
];
const chosen = [...seedCases, ...operationCases, ...cases.filter((c) => ALSO.includes(c.id))];

it('runs every seed row and every case named in ALSO', () => {
  expect([...seedCases, ...operationCases].map((c) => c.id).filter((id) => id[0] === 'S')).toEqual(
    Array.from({ length: 39 }, (_, i) => `S${String(i + 1).padStart(2, '0')}`),
  );
  expect(chosen.length).toBe(seedCases.length + operationCases.length + ALSO.length);
});

/** A fresh example app per case; the case's options (error format, body limit) go over the example's. */
const app: AppFactory = ({ policy, options }) => {
  const example = exampleApp(policy, () => {});
  return { routes: example.routes, options: { ...example.options, ...options } };
};

/** The example's own serve() as the adapter the suite starts, on 127.0.0.1, port 0. */
function mounted(framework: Framework): AdapterUnderTest {
  return {
    name: `example on ${framework}`,
    async start(kit) {
      const server = await serve(framework, kit, 0, '127.0.0.1');
      return { url: `http://127.0.0.1:${server.port}`, close: () => server.close() };
    },
  };
}

for (const framework of FRAMEWORKS) {
  // The example mounts no body parser of its own, so only that mode applies.
  defineConformanceSuite(mounted(framework), { app, cases: chosen, bodyParser: [false] });
}
