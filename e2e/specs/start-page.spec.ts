/** Upload progress (bytes, %, speed) on a throttled link, then the recent list: open and delete. */
import { expect, test } from '@playwright/test';
import { fixture, shot, uploadThroughPage } from './helpers.js';

test('upload progress shows bytes, percent and speed', async ({ page }) => {
  await page.goto('/');
  // Loopback is too fast to see progress: throttle uploads to ~400 kB/s.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: 400_000,
  });
  await page.getByTestId('file-input').setInputFiles(fixture('test-kaniko-image.tar'));
  const numbers = page.getByTestId('upload-numbers');
  await expect(numbers).toContainText(/of 823 kB · [1-9][0-9]? % · [0-9.]+ [kM]?B\/s/);
  await shot(page, 'start-upload-progress');
  await expect(page.getByTestId('figure-efficiency')).toHaveText('97.94 %', { timeout: 60_000 });
});

test('recent analyses can be opened and deleted', async ({ page }) => {
  await uploadThroughPage(page, fixture('test-docker-image.tar'));
  await page.getByRole('button', { name: 'Strata' }).click();
  const recent = page.getByRole('region', { name: 'Recent analyses' });
  const row = recent.locator('tr', { hasText: 'dive-test:latest' });
  await expect(row).toContainText('98.44 %');
  await expect(row).toContainText('1.2 MB');
  await shot(page, 'start-page-recent');
  await row.getByRole('button', { name: 'Open' }).click();
  await expect(page.getByTestId('figure-wasted')).toHaveText('32 kB');
  await page.goBack();
  await expect(recent.locator('tr', { hasText: 'dive-test:latest' })).toBeVisible();
  // Delete asks first: "Keep" leaves the row, "Yes, delete" removes it.
  await recent.getByRole('button', { name: 'Delete dive-test:latest' }).click();
  await expect(recent.getByRole('button', { name: 'Yes, delete' })).toBeFocused();
  await shot(page, 'start-page-delete-confirm');
  await recent.getByRole('button', { name: 'Keep' }).click();
  await expect(recent.locator('tr', { hasText: 'dive-test:latest' })).toBeVisible();
  await recent.getByRole('button', { name: 'Delete dive-test:latest' }).click();
  await recent.getByRole('button', { name: 'Yes, delete' }).click();
  await expect(recent.locator('tr', { hasText: 'dive-test:latest' })).toHaveCount(0);
});
