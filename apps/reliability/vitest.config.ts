import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'reliability',
    include: ['test/**/*.test.ts'],
    testTimeout: 600000,
    hookTimeout: 60000,
    // Koa's default app.onerror prints every parse error and client abort to
    // stderr (thousands under fuzzing); they are expected here, so keep them out.
    onConsoleLog: (log) => !/^\s*Error: (Parse Error|aborted)/.test(log),
  },
});
