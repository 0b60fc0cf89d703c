import { fileURLToPath } from 'node:url';
import { type Service, start } from '@statuskit/proc';

/** The example app (apps/example) running in its own process. */
export interface ExampleProcess {
  readonly service: Service;
  readonly host: string;
  readonly port: number;
}

const EXAMPLE = fileURLToPath(new URL('../../example/', import.meta.url));

/**
 * Starts `apps/example` from its sources (tsx), so no build of the example is
 * needed, on a free port, and resolves once it prints `listening on ...`.
 */
export async function startExample(framework: string, timeoutMs = 20_000): Promise<ExampleProcess> {
  const service = await start(
    process.execPath,
    ['--import', 'tsx', 'src/main.ts', '--framework', framework, '--port', '0'],
    { cwd: EXAMPLE, ready: /listening on http:\/\/([\d.]+):(\d+)/, timeoutMs },
  );
  return { service, host: service.match[1]!, port: Number(service.match[2]) };
}
