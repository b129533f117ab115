/** The tree's filter (substring, regex, a bad regex), hide toggles and removed files. */
import { expect, test, type Page } from '@playwright/test';
import { fixture, shot, uploadThroughPage } from './helpers.js';

const paths = (page: Page) =>
  page.locator('.tree-row[data-path]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-path')));

test('filter by substring and regex; hide change types; removed files struck through', async ({ page }) => {
  await uploadThroughPage(page, fixture('test-docker-image.tar'));
  await page.locator('.layer-item').nth(6).click();
  await expect(page.getByTestId('layer-details')).toContainText('Layer 6');

  // `/` jumps to the filter box.
  await page.locator('.tree-list').focus();
  await page.keyboard.press('/');
  const filter = page.getByRole('searchbox', { name: 'Filter paths' });
  await expect(filter).toBeFocused();
  await page.keyboard.type('somefile');
  await expect
    .poll(() => paths(page))
    .toEqual([
      '/root',
      '/root/example',
      '/root/example/somefile1.txt',
      '/root/example/somefile2.txt',
      '/root/example/somefile3.txt',
      '/somefile.txt',
    ]);
  // Enter hands the keys back to the tree.
  await page.keyboard.press('Enter');
  await expect(page.locator('.tree-list')).toBeFocused();

  await page.getByLabel('regex').check();
  await filter.fill('somefile[13]\\.txt$');
  await expect
    .poll(() => paths(page))
    .toEqual(['/root', '/root/example', '/root/example/somefile1.txt', '/root/example/somefile3.txt']);

  await filter.fill('[');
  await expect(page.getByRole('alert')).toContainText('Not a valid regular expression');
  await shot(page, 'filter-bad-regex');

  // Ctrl+F also focuses the filter; clear it.
  await page.locator('.tree-list').focus();
  await page.keyboard.press('Control+f');
  await expect(filter).toBeFocused();
  await filter.fill('');
  await page.getByLabel('regex').uncheck();

  // Hide unmodified: at layer 6 only what `cp … somefile3.txt` added remains (with its parents).
  await page.getByRole('checkbox', { name: 'unmodified' }).uncheck();
  await expect.poll(() => paths(page)).toEqual(['/root', '/root/example', '/root/example/somefile3.txt']);
  await expect(page.locator('.tree-row[data-path="/root/example/somefile3.txt"]')).toHaveClass(/st-added/);
  await page.getByRole('checkbox', { name: 'unmodified' }).check();

  // Layer 9 (`rm -rf /root/example/`): removed files are red and struck through.
  await page.locator('.layer-item').nth(9).click();
  await expect(page.getByTestId('layer-details')).toContainText('rm -rf /root/example/');
  const removed = page.locator('.tree-row[data-path="/root/example/somefile1.txt"]');
  await expect(removed).toHaveClass(/st-removed/);
  await expect(removed.locator('.file-name')).toHaveCSS('text-decoration-line', 'line-through');
  await removed.scrollIntoViewIfNeeded();
  await removed.click();
  await shot(page, 'tree-removed-layer-9');

  // Sort by size puts the biggest directory first.
  await page.getByRole('combobox', { name: 'Sort' }).selectOption('size');
  await page.locator('.tree-list').focus();
  await page.keyboard.press('Home');
  await expect(page.getByTestId('selected-path')).toHaveText('/bin');
  await page.keyboard.press('j');
  await expect(page.getByTestId('selected-path')).toHaveText('/bin/[');
});
