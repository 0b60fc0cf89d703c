import { storeSuite } from '@statuskit/conformance/operations-store';
import { afterAll, describe } from 'vitest';
import { type BullmqStore, bullmqStore } from '../src/index.js';
import { hasRedis, useRedis } from './redis.js';

// The operation-store contract every store keeps (@statuskit/conformance),
// on a real Redis: every `make` is a new store with its own connections, so
// the checks that use two stores see two processes' worth of clients.
describe.skipIf(!hasRedis)('bullmqStore keeps the store contract', () => {
  const redis = useRedis();
  const stores: BullmqStore[] = [];
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
  });
  storeSuite(
    () => {
      const store = bullmqStore({ connection: redis().url, queueName: 'contract' });
      stores.push(store);
      return store;
    },
    { name: 'bullmqStore' },
  );
});
