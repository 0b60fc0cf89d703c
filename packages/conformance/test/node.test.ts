import { adapter } from '@statuskit/node/testing';
import { defineConformanceSuite } from '../src/vitest.js';

// @statuskit/node's plain listener, as the other adapters run the suite in their own
// test/conformance.test.ts. It lives here because @statuskit/node cannot depend on this
// package (this one builds its reference adapter on @statuskit/node). There is no
// framework body parser to install, so "with a body parser" serves the same app: it must
// answer every case the same way, as every adapter must.
defineConformanceSuite(adapter);
