// Runs the root's Verdaccio on 127.0.0.1 with a real ephemeral port. The CLI's
// `--listen 127.0.0.1:0` binds a random port but prints `:0`, so the parent
// could not learn it; `runServer` returns the http.Server, which can listen on 0
// and report the port it got. The parent reads the first stdout line.
'use strict';

const { runServer } = require('verdaccio');

const configPath = process.argv[2];
if (!configPath) {
  console.error('usage: node verdaccio-launch.cjs <config.yaml>');
  process.exit(2);
}

runServer(configPath).then(
  (server) => {
    server.once('error', (/** @type {Error} */ error) => {
      console.error(`verdaccio: cannot listen: ${error.message}`);
      process.exit(1);
    });
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      console.log(JSON.stringify({ verdaccio: { port } }));
    });
  },
  (error) => {
    console.error(`verdaccio: cannot start: ${error.stack ?? error}`);
    process.exit(1);
  },
);
