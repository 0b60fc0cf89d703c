import { defineCoexistenceSuite, defineConformanceSuite } from '@statuskit/conformance/vitest';
import { adapter } from '../src/testing.js';

defineConformanceSuite(adapter);
defineCoexistenceSuite(adapter);
