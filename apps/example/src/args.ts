/** The frameworks the example can run on. */
export type Framework = 'express' | 'koa' | 'fastify';

/** Parsed command line of the example app. */
export interface ExampleArgs {
  framework: Framework;
  policy: 'rest' | 'fastapi';
  port: number;
  host: string;
}

const USAGE =
  'usage: pnpm example [--framework express|koa|fastify] [--policy rest|fastapi] [--port N] [--host 127.0.0.1]';

/** Parses `--framework`, `--policy`, `--port`, `--host` (also `--name=value`); throws with the usage on bad input. */
export function parseArgs(argv: readonly string[]): ExampleArgs {
  const out: ExampleArgs = { framework: 'fastify', policy: 'rest', port: 3000, host: '127.0.0.1' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') continue;
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg : arg.slice(0, eq);
    const value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
    if (value === undefined) throw new Error(`${name} needs a value\n${USAGE}`);
    switch (name) {
      case '--framework':
        if (value !== 'express' && value !== 'koa' && value !== 'fastify') {
          throw new Error(`unknown framework ${JSON.stringify(value)}\n${USAGE}`);
        }
        out.framework = value;
        break;
      case '--policy':
        if (value !== 'rest' && value !== 'fastapi')
          throw new Error(`unknown policy ${JSON.stringify(value)}\n${USAGE}`);
        out.policy = value;
        break;
      case '--port': {
        const port = Number(value);
        if (!Number.isInteger(port) || port < 0 || port > 65535)
          throw new Error(`bad port ${JSON.stringify(value)}\n${USAGE}`);
        out.port = port;
        break;
      }
      case '--host':
        out.host = value;
        break;
      default:
        throw new Error(`unknown option ${name}\n${USAGE}`);
    }
  }
  return out;
}
