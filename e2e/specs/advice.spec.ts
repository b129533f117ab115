/**
 * The Advice panel (issue 6) on the public fixture test-docker-image: findings sorted by bytes,
 * the chmod (metadata-only rewrite) and the cp/mv chain (cleanup in a later layer) with their
 * bytes, a finding's layer and file selected from the panel, the Dockerfile diff, and the copy.
 */
import { expect, test } from '@playwright/test';
import { fixture, selectedPath, shot, uploadThroughPage } from './helpers.js';

test('advice: findings by bytes, layers and files linked, the fix as a diff', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await uploadThroughPage(page, fixture('test-docker-image.tar'));
  const panel = page.getByRole('region', { name: 'Advice' });
  const findings = panel.getByTestId('finding');
  await expect(findings.first()).toBeVisible();

  // Biggest win first: the cp/mv/rm chain (3 × 6405 B), then the two chmod layers (2 × 6405 B).
  const chain = panel.locator('[data-rule="cleanup-later"]');
  const chmod = panel.locator('[data-rule="metadata-rewrite"]');
  await expect(findings.nth(0)).toHaveAttribute('data-rule', 'cleanup-later');
  await expect(findings.nth(1)).toHaveAttribute('data-rule', 'metadata-rewrite');
  await expect(chain.locator('.finding-bytes')).toHaveText('19 kB');
  await expect(chain.locator('.finding-bytes')).toHaveAttribute('title', '19215 bytes saved by this fix');
  await expect(chain.locator('.finding-title')).toContainText('deleted in a later layer');
  await expect(chmod.locator('.finding-bytes')).toHaveText('13 kB');
  await expect(chmod.locator('.finding-bytes')).toHaveAttribute('title', '12810 bytes saved by this fix');
  await expect(chmod.locator('.finding-title')).toHaveText('2 layers only change file modes or owners');
  const byBytes = await findings
    .locator('.finding-bytes')
    .evaluateAll((els) => els.map((el) => Number(el.getAttribute('title')?.split(' ')[0])));
  expect(byBytes).toEqual([...byBytes].sort((a, b) => b - a));

  // The first finding starts open; open the chmod one too.
  await expect(chain.locator('.finding-explanation')).toContainText('rm -rf /root/example/');
  await chmod.getByRole('button', { name: /only change file modes/ }).click();
  await expect(chmod.getByRole('button', { name: /only change file modes/ })).toHaveAttribute(
    'aria-expanded',
    'true',
  );
  await expect(chmod.locator('.finding-explanation')).toContainText('COPY --chmod/--chown');

  // Its layer chips select the layer, the others of the finding marked.
  await chmod.getByRole('button', { name: 'Select layer 13' }).click();
  await expect(page.locator('#layer-13')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('layer-details')).toContainText('Layer 13');
  await expect(page.getByTestId('layer-details')).toContainText('chmod +x /root/saved.txt');
  await expect(page.locator('.layer-item.marked')).toHaveCount(4);

  // A file of the finding is revealed in the tree, at the layer that stores it.
  await chmod.locator('.finding-files tr', { hasText: '/root/example/somefile1.txt' }).click();
  await expect(selectedPath(page)).toContainText('/root/example/somefile1.txt');
  await expect(page.locator('#layer-3')).toHaveAttribute('aria-selected', 'true');

  // The fix as a line diff: the lone chmod RUNs removed, folded into the RUNs that wrote the files.
  const diff = chmod.getByRole('figure', { name: 'Dockerfile diff' });
  const removed = diff.locator('.diff-line[data-op="removed"]');
  const added = diff.locator('.diff-line[data-op="added"]');
  await expect(removed.filter({ hasText: 'RUN chmod 444 /root/example/somefile1.txt' })).toHaveCount(1);
  await expect(removed.filter({ hasText: 'RUN chmod +x /root/saved.txt' })).toHaveCount(1);
  await expect(added.filter({ hasText: '&& chmod 444 /root/example/somefile1.txt' })).toHaveCount(1);
  await expect(added.filter({ hasText: '&& chmod +x /root/saved.txt' })).toHaveCount(1);
  await expect(diff.locator('.diff-line[data-op="same"]').first()).toBeVisible();

  // Copy puts the fixed Dockerfile on the clipboard.
  await chmod.getByRole('button', { name: 'Copy fixed Dockerfile' }).click();
  await expect(chmod.getByRole('button', { name: 'Copied ✓' })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain(
    'RUN mv /root/example/somefile3.txt /root/saved.txt \\\n    && chmod +x /root/saved.txt',
  );
  expect(copied).not.toMatch(/^RUN chmod/m);

  // Sorting by severity keeps every finding.
  const count = await findings.count();
  await panel.getByRole('button', { name: 'by severity' }).click();
  await expect(findings).toHaveCount(count);

  await panel.getByRole('button', { name: 'by bytes' }).click();
  // The screenshot: the panel from its heading, the chmod finding open with its diff.
  await chain.getByRole('button', { name: /deleted in a later layer/ }).click();
  await expect(chain.locator('.finding-body')).toHaveCount(0);
  await panel.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await shot(page, 'advice');
});
