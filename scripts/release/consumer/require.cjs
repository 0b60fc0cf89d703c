// A CommonJS consumer of the published packages: require() of ESM-only
// packages, which Node >= 20.19 supports without a flag. Usage: node require.cjs <adapter>
'use strict';

const assert = require('node:assert/strict');

const framework = process.argv[2];
const core = require('@statuskit/core');
const adapterPackage = require(`@statuskit/${framework}`);
const { adapter } = require(`@statuskit/${framework}/testing`);
const conformance = require('@statuskit/conformance');
const { seedApp } = require('@statuskit/conformance/fixture');

assert.equal(typeof core.createStatuskit, 'function', 'core exports createStatuskit');
assert.equal(typeof core.StatuskitError, 'function', 'core exports StatuskitError');
const adapterDoor = require('@statuskit/core/adapter');
assert.equal(typeof adapterDoor.readBody, 'function', 'core/adapter exports readBody');
// The framework adapters export statuskit(); @statuskit/node its plain listener.
const entry = framework === 'node' ? 'toNodeListener' : 'statuskit';
assert.equal(typeof adapterPackage[entry], 'function', `@statuskit/${framework} exports ${entry}`);
assert.equal(adapter.name, framework, `@statuskit/${framework}/testing exports its adapter`);
assert.equal(typeof seedApp, 'function', '@statuskit/conformance/fixture exports seedApp');
assert.equal(typeof conformance.runCase, 'function', '@statuskit/conformance exports runCase');

async function main() {
  // One module instance whichever way it is loaded: no dual-package hazard.
  const imported = await import('@statuskit/core');
  assert.equal(imported.StatuskitError, core.StatuskitError, 'require() and import() share core');

  const seed = seedApp();
  const server = await adapter.start(core.createStatuskit(seed.routes, seed.options));
  try {
    const res = await fetch(`${server.url}/items/1`);
    assert.equal(res.status, 200, 'GET /items/1 answers 200');
    assert.deepEqual(await res.json(), { id: 1, name: 'Hammer', price: 9.5 });
  } finally {
    await server.close();
  }
  console.log(
    `require() ok: @statuskit/core, /adapter, @statuskit/${framework}, /testing, @statuskit/conformance, /fixture`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
