// What a user sees when the adapter's framework is missing or of the wrong
// major. Prints one JSON line: whether the adapter loaded, and what was thrown
// where. Usage: node peer-check.mjs <adapter>
const framework = process.argv[2];
const result = { adapterLoaded: false, threw: false, stage: '', name: '', code: '', message: '' };

/** @param {string} stage @param {any} error */
function thrown(stage, error) {
  Object.assign(result, {
    threw: true,
    stage,
    name: String(error?.name),
    code: String(error?.code),
    message: String(error?.message),
  });
}

try {
  const { createStatuskit } = await import('@statuskit/core');
  const { statuskit } = await import(`@statuskit/${framework}`);
  result.adapterLoaded = true;
  const kit = createStatuskit([]);
  if (framework === 'fastify') {
    // The plugin meets Fastify only when registered on the user's instance.
    let Fastify;
    try {
      Fastify = (await import('fastify')).default;
    } catch (error) {
      thrown('import fastify', error);
    }
    if (Fastify) {
      const app = Fastify();
      try {
        await app.register(statuskit, { kit });
        await app.ready();
      } catch (error) {
        thrown('statuskit', error);
      } finally {
        await app.close().catch(() => {});
      }
    }
  } else {
    try {
      statuskit(kit);
    } catch (error) {
      thrown('statuskit', error);
    }
  }
} catch (error) {
  thrown('import', error);
}
console.log(JSON.stringify(result));
