import { frameworkErrors, statuskit } from '@statuskit/fastify';
import Fastify from 'fastify';
import { peerKit } from '../../shared/peer-kit.js';
import { announce } from '../../shared/serve.js';

// Mounted the way @statuskit/fastify's README says.
const kit = peerKit();
const app = Fastify({ logger: false, frameworkErrors: frameworkErrors(kit) });
await app.register(statuskit, { kit });

await app.listen({ port: 0, host: '127.0.0.1' });
announce(app.server, () => app.close());
