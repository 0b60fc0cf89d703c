import { memoryStore } from '@statuskit/core';
import { storeSuite } from '../src/operations-store/index.js';

// The memory store against the store contract every store runs (@statuskit/bullmq too).
const store = memoryStore();
storeSuite(async () => store, { name: 'memoryStore' });
