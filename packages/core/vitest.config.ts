import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'core',
    include: ['src/**/*.test.ts'],
    typecheck: { enabled: true, include: ['src/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      exclude: [
        'src/**/*.test.ts',
        'src/**/*.test-d.ts',
        'src/index.ts',
        'src/adapter.ts',
        'src/testing.ts',
        'src/globals.d.ts',
        'src/test-helpers.ts',
        'src/**/*.fixture.ts',
      ],
      thresholds: { statements: 95 },
    },
  },
});
