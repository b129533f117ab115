import { defineConfig } from '@playwright/test';
import base from './playwright.config.js';

/** `pnpm --filter @strata/e2e bench`: the browser measures on a 100,000-file image. */
export default defineConfig({
  ...base,
  testDir: 'bench',
  timeout: 600_000,
  reporter: [['list']],
});
