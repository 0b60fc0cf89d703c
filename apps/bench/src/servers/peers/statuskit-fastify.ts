import { clientErrorHandler, frameworkErrors, statuskit } from '@statuskit/fastify';
import Fastify from 'fastify';
import { peerKit } from '../../shared/peer-kit.js';
import { announce } from '../../shared/serve.js';

// Mounted the way @statuskit/fastify's README says for a statuskit-only app.
const kit = peerKit();
const app = Fastify({ logger: false, frameworkErrors: frameworkErrors(kit), clientErrorHandler });
// A statuskit-only app: the core answers what no route matches too.
await app.register(statuskit, { kit, notFound: true });

await app.listen({ port: 0, host: '127.0.0.1' });
announce(app.server, () => app.close());
