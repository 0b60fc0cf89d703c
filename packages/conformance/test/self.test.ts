import { defineConformanceSuite } from '../src/vitest.js';
import { adapter } from './node-http-adapter.js';

defineConformanceSuite(adapter);
