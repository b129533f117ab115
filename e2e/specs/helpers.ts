import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Page } from '@playwright/test';

export const FIXTURES =
  process.env.STRATA_DIVE_FIXTURES ??
  fileURLToPath(new URL('../../../shared/fixtures/dive/', import.meta.url));
const SHOTS = fileURLToPath(new URL('../test-results/screenshots/', import.meta.url));

/** Screenshots kept as artifacts (test-results/screenshots), outside Playwright's per-run output. */
export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

/** Uploads an archive through the start page's file picker and waits for the analysis page. */
export async function uploadThroughPage(page: Page, path: string): Promise<void> {
  await page.goto('/');
  await page.getByTestId('file-input').setInputFiles(path);
  await expect(page.getByTestId('figure-efficiency')).toBeVisible({ timeout: 60_000 });
  await expect(page.locator('.tree-row[data-path]').first()).toBeVisible();
}

export const fixture = (name: string): string => join(FIXTURES, name);

/** Path of the row under the tree's cursor. */
export const selectedPath = (page: Page) => page.getByTestId('selected-path');
