#!/usr/bin/env bash
# Runs the test suite again on Node 22 and 24 (Node 20 is the machine's own).
# The `node` npm package ships the official binaries, so no download beyond the npm registry is needed.
set -euo pipefail
cd "$(dirname "$0")/../.."
export TURBO_TELEMETRY_DISABLED=1
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
for major in ${NODE_MAJORS:-22 24}; do
  npm install --prefix "$tmp/node$major" --no-save --no-audit --no-fund "node@$major" >/dev/null
  bin="$tmp/node$major/node_modules/.bin"
  echo "--- Node $("$bin/node" --version)"
  # --force: turbo's cache key does not include the Node version, so a cached run would prove nothing.
  PATH="$bin:$PATH" pnpm turbo run test --force --output-logs=errors-only
done
