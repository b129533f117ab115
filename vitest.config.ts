import { defineConfig } from 'vitest/config';

// One vitest run over every package's `*.test.ts` (tests live beside the code).
export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'scripts/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 60_000,
    hookTimeout: 600_000,
    pool: 'forks',
    globalSetup: ['./vitest.global-setup.ts'],
  },
});
