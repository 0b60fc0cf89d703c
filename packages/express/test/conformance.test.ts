import { defineConformanceSuite } from '@statuskit/conformance/vitest';
import { adapter } from '../src/testing.js';

defineConformanceSuite(adapter, {
  expectations: {
    express: {
      B05: {
        fail: true,
        bodyParser: true,
        note: 'express.json() (body-parser 2) decodes invalid UTF-8 to U+FFFD and parses any depth, and keeps no raw bytes; statuskit only sees the parsed value (unless a verify hook keeps req.rawBody, see adapter.test.ts). Reported to the lead; depth check: .notes/core-requests.md',
      },
    },
  },
});
