import { parseArgs } from 'node:util';
import { createStatuskit, type OperationStore } from '@statuskit/core';
import { exampleApp } from './app.js';
import type { Policy } from './routes.js';
import { FRAMEWORKS, type Framework, serve } from './serve.js';

// The seed scenarios (docs/seed-scenarios.md) on the framework of your choice.

const USAGE =
  'usage: pnpm example [--framework express|koa|fastify] [--policy rest|fastapi] [--port N] [--host 127.0.0.1]\n' +
  '                    [--operations memory|bullmq] [--redis redis://127.0.0.1:6379]';

/** Where the operations of rows 31-39 live. */
type Operations = 'memory' | 'bullmq';

class UsageError extends Error {}

/** The command line, checked: defaults fastify, rest, 3000, 127.0.0.1. */
function commandLine(argv: string[]): {
  framework: Framework;
  policy: Policy;
  port: number;
  host: string;
  operations: Operations;
  redis: string;
} {
  const { values } = parseArgs({
    // `pnpm example -- --port 1` passes the `--` on; parseArgs would take what follows as positionals.
    args: argv[0] === '--' ? argv.slice(1) : argv,
    options: {
      framework: { type: 'string', default: 'fastify' },
      policy: { type: 'string', default: 'rest' },
      port: { type: 'string', default: '3000' },
      host: { type: 'string', default: '127.0.0.1' },
      operations: { type: 'string', default: 'memory' },
      redis: { type: 'string', default: 'redis://127.0.0.1:6379' },
    },
  });
  const { framework, policy, port, host, operations, redis } = values;
  if (!FRAMEWORKS.some((f) => f === framework)) {
    throw new UsageError(`unknown framework ${JSON.stringify(framework)}`);
  }
  if (policy !== 'rest' && policy !== 'fastapi') {
    throw new UsageError(`unknown policy ${JSON.stringify(policy)}`);
  }
  if (!/^\d{1,5}$/.test(port) || Number(port) > 65535) {
    throw new UsageError(`bad port ${JSON.stringify(port)}`);
  }
  if (operations !== 'memory' && operations !== 'bullmq') {
    throw new UsageError(`unknown operations store ${JSON.stringify(operations)}`);
  }
  return { framework: framework as Framework, policy, port: Number(port), host, operations, redis };
}

// The BullMQ store is a package of its own; the example needs it only for `--operations bullmq`.
// TODO(lead): @statuskit/bullmq lands from the BullMQ helper's branch. Once it does, add it to
// this package's dependencies and match its real API here (a store on `redis`, plus a worker in
// this process that runs `createReport` jobs, so `pnpm example --operations bullmq` answers rows
// 31-39 alone). Until then the flag explains that the package is missing.
async function bullmqStore(redis: string): Promise<OperationStore> {
  const specifier = '@statuskit/bullmq';
  let module: { bullmqStore?: (options: { url: string }) => OperationStore };
  try {
    module = (await import(specifier)) as typeof module;
  } catch {
    throw new UsageError(
      '--operations bullmq needs @statuskit/bullmq; install it (and a Redis) or use --operations memory',
    );
  }
  if (typeof module.bullmqStore !== 'function') {
    throw new UsageError('@statuskit/bullmq has no bullmqStore(); update apps/example/src/main.ts');
  }
  return module.bullmqStore({ url: redis });
}

async function main(): Promise<void> {
  const args = commandLine(process.argv.slice(2));
  const operations = args.operations === 'bullmq' ? await bullmqStore(args.redis) : undefined;
  // The docs page and document are for development: off when NODE_ENV is production.
  const app = exampleApp(args.policy, undefined, operations, {
    docs: process.env.NODE_ENV !== 'production',
  });
  const kit = createStatuskit(app.routes, app.options);
  const server = await serve(args.framework, kit, args.port, args.host);
  console.log(`listening on http://${args.host}:${server.port}`);
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.error(`${signal}: closing (requests in flight finish first)`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  const code = (error as { code?: unknown } | null)?.code;
  const usage =
    error instanceof UsageError || (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'));
  if (usage) console.error(USAGE);
  process.exit(2);
});
