/** An inefficient file revealed in the tree; the URL then reloads (and opens elsewhere) in the same place. */
import { expect, test } from '@playwright/test';
import { fixture, selectedPath, shot, uploadThroughPage } from './helpers.js';

test('a shared URL lands on the same layer and path', async ({ page, browser }) => {
  await uploadThroughPage(page, fixture('test-docker-image.tar'));
  await page.locator('.inefficient-table tbody tr', { hasText: '/root/saved.txt' }).click();
  await expect(selectedPath(page)).toHaveText('/root/saved.txt');
  // Not at layer 0: revealed at the first layer it appears in, its layers marked.
  await expect(page.getByTestId('layer-details')).toContainText('Layer 7');
  await expect(page.locator('.layer-item.marked')).toHaveCount(2);
  await expect(page.locator('.layer-chips').getByRole('button')).toHaveText(['7', '13']);
  await expect(page.locator('.tree-row.selected')).toBeInViewport();
  await expect(page).toHaveURL(/layer=7&path=\/root\/saved\.txt$/);
  await shot(page, 'reveal-inefficient-file');

  const url = page.url();
  await page.reload();
  await expect(page.getByTestId('layer-details')).toContainText('Layer 7');
  await expect(selectedPath(page)).toHaveText('/root/saved.txt');
  await expect(page.locator('.tree-row.selected')).toHaveAttribute('data-path', '/root/saved.txt');

  const other = await browser.newPage();
  await other.goto(url);
  await expect(other.getByTestId('layer-details')).toContainText('Layer 7');
  await expect(other.getByTestId('selected-path')).toHaveText('/root/saved.txt');
  await other.close();

  // Back returns to the start page.
  await page.getByRole('button', { name: 'Strata' }).click();
  await expect(page.getByRole('heading', { name: 'Recent analyses' })).toBeVisible();
});
