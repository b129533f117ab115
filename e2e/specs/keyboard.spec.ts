/** Layers and the tree driven by the keyboard alone, as a dive user would. */
import { expect, test } from '@playwright/test';
import { fixture, selectedPath, shot, uploadThroughPage } from './helpers.js';

test('arrows, vim keys, w (dive’s Tab), Space and ? work on the analysis page', async ({ page }) => {
  await uploadThroughPage(page, fixture('test-docker-image.tar'));
  const details = page.getByTestId('layer-details');
  await expect(details).toContainText('Layer 0');

  // w (dive's Tab; Tab itself walks the controls) from the tree to the layers pane, then
  // j/ArrowDown walk the layers.
  await page.locator('.tree-list').focus();
  await page.keyboard.press('w');
  await expect(page.locator('.layers-pane')).toHaveClass(/focused/);
  for (let i = 0; i < 6; i++) await page.keyboard.press('j');
  await page.keyboard.press('ArrowDown');
  await expect(details).toContainText('Layer 7');
  await expect(details).toContainText('mv /root/example/somefile3.txt /root/saved.txt');
  await page.keyboard.press('k');
  await expect(details).toContainText('Layer 6');
  await expect(page.getByRole('heading', { name: /Files at layer 6/ })).toBeVisible();
  await expect(page).toHaveURL(/layer=6/);

  // w back to the tree: j/k and arrows move the cursor.
  await page.keyboard.press('w');
  await expect(page.locator('.tree-pane')).toHaveClass(/focused/);
  await expect(selectedPath(page)).toHaveText('/bin');
  await page.keyboard.press('j');
  await expect(selectedPath(page)).toHaveText('/bin/[');
  await page.keyboard.press('ArrowDown');
  await expect(selectedPath(page)).toHaveText('/bin/[[');
  await page.keyboard.press('k');
  await page.keyboard.press('ArrowUp');
  await expect(selectedPath(page)).toHaveText('/bin');

  // Space collapses /bin, and opens it again.
  const rowCount = page.getByTestId('row-count');
  const before = await rowCount.textContent();
  await page.keyboard.press(' ');
  await expect(page.locator('.tree-row[data-path="/bin"]')).toHaveAttribute('aria-expanded', 'false');
  await expect(rowCount).not.toHaveText(before ?? '');
  await expect(page.locator('.tree-row[data-path="/bin/["]')).toHaveCount(0);
  await page.keyboard.press(' ');
  await expect(page.locator('.tree-row[data-path="/bin"]')).toHaveAttribute('aria-expanded', 'true');
  await expect(rowCount).toHaveText(before ?? '');

  // End jumps to the last row (the virtualized list scrolls to it), Home back to the first.
  await page.keyboard.press('End');
  await expect(selectedPath(page)).toHaveText(/^\/var/);
  await expect(page.locator('.tree-row.selected')).toBeInViewport();
  await page.keyboard.press('Home');
  await expect(selectedPath(page)).toHaveText('/bin');

  // Collapse all with c, expand all with e.
  await page.keyboard.press('c');
  await expect(page.locator('.tree-row[data-path="/bin/["]')).toHaveCount(0);
  await expect(page.locator('.tree-row[data-path="/root"]')).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.press('e');
  await expect(page.locator('.tree-row[data-path="/bin/["]')).toBeVisible();

  // a: "all changes up to this layer"; the legend's toggle shows it.
  await page.keyboard.press('a');
  await expect(page.getByRole('button', { name: 'All changes up to this layer' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  // 4 hides unmodified files, so the few changes since the base layer fit on screen.
  await page.keyboard.press('4');
  await expect(page.getByRole('checkbox', { name: 'unmodified' })).not.toBeChecked();
  await expect(page.locator('.tree-row[data-path="/root/example/somefile1.txt"]')).toHaveClass(/st-added/);
  await expect(page.locator('.tree-row[data-path="/bin/["]')).toHaveCount(0);
  await page.keyboard.press('4');

  // ? lists the keys; Escape closes the list.
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help).toContainText('Ctrl+F');
  // The dialog takes focus, and gives it back when it closes.
  await expect(help.getByRole('button', { name: 'Close' })).toBeFocused();
  await shot(page, 'keys-overlay');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await expect(page.locator('.tree-list')).toBeFocused();
});
