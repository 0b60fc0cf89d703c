import { defineConformanceSuite } from '../../conformance/src/vitest.js';
import { adapter } from '../src/testing.js';

defineConformanceSuite(adapter);
