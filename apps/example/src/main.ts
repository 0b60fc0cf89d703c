import { seedApp } from '@statuskit/conformance/fixture';
import { createStatuskit } from '@statuskit/core';
import { parseArgs } from './args.js';
import { serve } from './serve.js';

// The seed scenarios (../../shared/seed-scenarios.md) on the framework of your choice.
async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const app = seedApp({ policy: args.policy });
  const kit = createStatuskit(app.routes, {
    ...app.options,
    onError: (error, info) => console.error(`${info.route}: handler failed:`, error),
    onBackgroundError: (error, info) => {
      app.options.onBackgroundError?.(error, info);
      console.error(`${info.route}: background task ${info.task} failed: ${String(error)}`);
    },
  });
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
  process.exit(2);
});
