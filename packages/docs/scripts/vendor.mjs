#!/usr/bin/env node
// @ts-check
// Copies the Swagger UI files the docs page serves from swagger-ui-dist (a
// devDependency) into vendor/swagger-ui/, which is published with the package.
// Why vendored and not a dependency: swagger-ui-dist depends on @scarf/scarf,
// whose install script reports the install to a third party; users of
// @statuskit/docs install neither. Source-map comments are stripped (the maps
// are not shipped, and a browser with devtools open would ask for them).
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const dist = dirname(require.resolve('swagger-ui-dist/package.json'));
const version = JSON.parse(await readFile(join(dist, 'package.json'), 'utf8')).version;
const out = join(here, '..', 'vendor', 'swagger-ui');
await mkdir(out, { recursive: true });

const MAP_JS = /\n\/\/# sourceMappingURL=\S+\s*$/;
const MAP_CSS = /\n?\/\*# sourceMappingURL=[^*]+\*\/\s*$/;
for (const [file, map] of /** @type {const} */ ([
  ['swagger-ui-bundle.js', MAP_JS],
  ['swagger-ui.css', MAP_CSS],
])) {
  const text = await readFile(join(dist, file), 'utf8');
  await writeFile(join(out, file), `${text.replace(map, '')}\n`);
}
for (const file of ['favicon-32x32.png', 'LICENSE', 'NOTICE', 'swagger-ui-bundle.js.LICENSE.txt']) {
  await copyFile(join(dist, file), join(out, file));
}
await writeFile(join(out, 'version.json'), `${JSON.stringify({ 'swagger-ui-dist': version })}\n`);
