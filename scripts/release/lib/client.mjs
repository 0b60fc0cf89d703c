// @ts-check
// The typed client, as a user gets it: a fresh npm project with the published
// @statuskit/client, core and node (zod from the public registry), the client
// README's example type-checked with the root's TypeScript against the
// published declarations, then run: it starts a server on 127.0.0.1:0, calls
// it through the client and prints what each answer narrowed to.
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { check, expectExit } from './check.mjs';
import { log, tail } from './log.mjs';
import { run } from './proc.mjs';

const here = fileURLToPath(new URL('..', import.meta.url));

/** The lines the README says the example prints, in order. */
export const CLIENT_PRINTS = ['200 hammer', '404 Item not found', "422 [ 'path', 'id' ]"];

/**
 * @param {{ registry: string, version: string, dir: string, tsc: string, env: NodeJS.ProcessEnv }} ctx
 * @returns {Promise<string[]>} the checks that failed
 */
export async function clientPath(ctx) {
  const dir = join(ctx.dir, 'app-client');
  await mkdir(dir, { recursive: true });
  /** @param {string[]} args */
  const npm = (args) => run('npm', args, { cwd: dir, env: ctx.env, timeoutMs: 240_000 });
  try {
    expectExit(await npm(['init', '-y']), 0, '[client] npm init -y');
    await writeFile(join(dir, '.npmrc'), `@statuskit:registry=${ctx.registry}\n`);
    const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
    await writeFile(join(dir, 'package.json'), JSON.stringify({ ...pkg, type: 'module' }, null, 2));
    const ours = ['@statuskit/client', '@statuskit/core', '@statuskit/node'];
    expectExit(await npm(['install', ...ours, 'zod@^4.6.7']), 0, '[client] npm install');
    expectExit(await npm(['install', '--save-dev', '@types/node@^20.19.0']), 0, '[client] types');
    for (const name of ours) {
      const installed = JSON.parse(
        await readFile(join(dir, 'node_modules', name, 'package.json'), 'utf8'),
      );
      check(
        installed.version === ctx.version,
        `[client] npm installed ${name}@${installed.version}, expected ${ctx.version}`,
      );
    }
    const client = JSON.parse(
      await readFile(join(dir, 'node_modules', '@statuskit/client', 'package.json'), 'utf8'),
    );
    check(
      Object.keys(client.dependencies ?? {}).length === 0,
      `[client] @statuskit/client must have no dependencies, has ${JSON.stringify(client.dependencies)}`,
    );
    await copyFile(join(here, 'quickstart', 'client.mts'), join(dir, 'client.mts'));
    const config = {
      compilerOptions: {
        module: 'node16',
        moduleResolution: 'node16',
        target: 'es2022',
        lib: ['es2023'],
        types: ['node'],
        strict: true,
        skipLibCheck: false,
        outDir: 'out',
      },
      files: ['client.mts'],
    };
    await writeFile(join(dir, 'tsconfig.json'), JSON.stringify(config, null, 2));
    const tsc = await run(process.execPath, [ctx.tsc, '-p', 'tsconfig.json'], {
      cwd: dir,
      env: ctx.env,
      timeoutMs: 120_000,
    });
    expectExit(tsc, 0, '[client] tsc on the README example');
    const ran = await run(process.execPath, ['out/client.mjs'], {
      cwd: dir,
      env: ctx.env,
      timeoutMs: 30_000,
    });
    expectExit(ran, 0, '[client] node out/client.mjs');
    const lines = ran.stdout.trim().split('\n');
    check(
      JSON.stringify(lines) === JSON.stringify(CLIENT_PRINTS),
      `[client] the README example printed ${JSON.stringify(lines)}, expected ${JSON.stringify(CLIENT_PRINTS)}\n${tail(ran.output)}`,
    );
    log.info(`[client] README example type-checks and prints: ${lines.join(' | ')}`);
    return [];
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log.info(`[client] FAILED:\n${message}`);
    return [`[client] ${message.split('\n')[0]}`];
  }
}
