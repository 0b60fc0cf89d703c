import { defineConfig } from 'vitest/config';

// One workspace config: each package is a vitest project with its own vitest.config.ts.
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', 'tools/*'],
  },
});
