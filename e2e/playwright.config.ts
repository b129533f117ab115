import { defineConfig } from '@playwright/test';

/** Debian's Chromium, not a downloaded one (`npx playwright install` cannot run here). */
export const chromium = {
  executablePath: process.env.STRATA_CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

export const PORT = Number(process.env.STRATA_E2E_PORT ?? 18473);

export default defineConfig({
  testDir: 'specs',
  outputDir: 'test-results/output',
  // One server, two cores: specs run one at a time.
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  // The json reporter feeds scripts/test-all.sh's closing "N passed, N failed" line when it sets
  // PLAYWRIGHT_JSON_OUTPUT_NAME.
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: 'test-results/html' }],
    ...(process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? ([['json']] as const) : []),
  ],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    launchOptions: chromium,
    viewport: { width: 1440, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  webServer: {
    command: 'node serve.mjs',
    url: `http://127.0.0.1:${PORT}/api/health`,
    env: { PORT: String(PORT) },
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'pipe',
  },
});
