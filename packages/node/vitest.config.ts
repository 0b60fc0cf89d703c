import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'node',
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 30000,
    hookTimeout: 30000,
  },
});
