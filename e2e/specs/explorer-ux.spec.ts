/**
 * The explorer as dive and oci.dag.dev users expect it (issue 13): a keyboard path through every
 * control, folders that roll up their changes, the image config and documents, full digests
 * that copy, deep links that keep the view, a linear chart, contrast.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { writeImageArchive } from '@strata/testkit';
import { fixture, selectedPath, shot, uploadThroughPage } from './helpers.js';

/** Presses `key` until `done` holds (at most `max` times); returns the number of presses. */
async function pressUntil(page: Page, key: string, done: () => Promise<boolean>, max = 60): Promise<number> {
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press(key);
    if (await done()) return i;
  }
  throw new Error(`${key} ×${max} never got there`);
}

const focusedName = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return el ? (el.getAttribute('aria-label') ?? el.textContent ?? '').trim() : '';
  });

/** The focused element draws a visible outline (or box-shadow) — focus is never invisible. */
const focusVisible = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return false;
    const s = getComputedStyle(el);
    return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
  });

test('Tab walks every control in order: from the layer list back to Export, forward to "Copy fixed Dockerfile"', async ({
  page,
}) => {
  await uploadThroughPage(page, fixture('test-docker-image.tar'));
  await expect(page.getByRole('main')).toBeVisible();
  const list = page.getByRole('listbox', { name: 'Layer list' });
  await list.focus();
  await page.keyboard.press('j');
  await expect(page.getByTestId('layer-details')).toContainText('Layer 1');

  // Backwards: the help button, then the exports in the header.
  const back = await pressUntil(
    page,
    'Shift+Tab',
    async () => (await focusedName(page)) === 'Export full report',
    10,
  );
  expect(back).toBeLessThanOrEqual(3);
  expect(await focusVisible(page)).toBe(true);
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByRole('link', { name: 'Export dive JSON' })).toBeFocused();
  await shot(page, 'keyboard-export-focused');

  // Forward from the layer list: every stop shows its focus, and the fix's copy button is reached.
  await list.focus();
  const names: string[] = [];
  await pressUntil(page, 'Tab', async () => {
    expect(await focusVisible(page)).toBe(true);
    const name = await focusedName(page);
    names.push(name);
    return name === 'Copy fixed Dockerfile';
  });
  // The way there passed the layer card's digests and the advice's findings; lists were one stop each.
  expect(names).toContain('Copy Blob digest');
  expect(names).toContain('Copy diff_id');
  expect(names.filter((n) => n.startsWith('Layer '))).toHaveLength(0);
  await shot(page, 'keyboard-copy-fixed-dockerfile');

  // Inside the findings the arrows move (one Tab stop), Enter opens one.
  const heads = page.locator('.finding-head');
  await heads.first().focus();
  await page.keyboard.press('ArrowDown');
  await expect(heads.nth(1)).toBeFocused();
  await expect(heads.nth(1)).toHaveAttribute('tabindex', '0');
  await expect(heads.first()).toHaveAttribute('tabindex', '-1');

  // The inefficient files too: arrows move, Enter reveals the path in the tree.
  const rows = page.locator('.inefficient-table tbody tr');
  await rows.first().focus();
  await page.keyboard.press('ArrowDown');
  await expect(rows.nth(1)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(selectedPath(page)).toHaveText(
    (await rows.nth(1).locator('td.path').innerText()).split('\n')[0] ?? '',
  );
});

test('folders roll up their changes, in the status column and the accessible name', async ({ page }) => {
  await uploadThroughPage(page, fixture('test-docker-image.tar'));
  await page.getByRole('listbox', { name: 'Layer list' }).focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('j');
  await expect(page.getByTestId('layer-details')).toContainText('Layer 3');
  // Hiding unmodified files leaves only the changed branch (and brings /root on screen).
  await page.getByRole('checkbox', { name: 'unmodified' }).uncheck();
  await expect(page.locator('.tree-row[data-path]')).toHaveCount(3);
  // Layer 3 (`cp /somefile.txt /root/example/somefile1.txt`) adds one file: /root and /root/example
  // existed before, so they read "modified", from below.
  const root = page.locator('.tree-row[data-path="/root"]');
  await expect(root.getByTestId('row-status')).toHaveText('modified ↓');
  await expect(root).toHaveAttribute('aria-label', 'root, folder, modified (changes below), 6.4 kB');
  await expect(
    page.locator('.tree-row[data-path="/root/example/somefile1.txt"]').getByTestId('row-status'),
  ).toHaveText('added');
  await shot(page, 'rollup-layer-3');
  // Layer 2 (`mkdir -p /root/example/really/nested`): /root/example and all below it are new, so
  // it reads "added" (dive's deriveDiffType); /root, which existed, "modified" from below.
  await page.getByRole('listbox', { name: 'Layer list' }).focus();
  await page.keyboard.press('k');
  await expect(page.locator('.tree-row[data-path="/root/example"]').getByTestId('row-status')).toHaveText(
    'added',
  );
  await expect(
    page.locator('.tree-row[data-path="/root/example/really"]').getByTestId('row-status'),
  ).toHaveText('added');
  await expect(root.getByTestId('row-status')).toHaveText('modified ↓');
  // /bin does not change here: no status text once unmodified files show again.
  await page.getByRole('checkbox', { name: 'unmodified' }).check();
  await page.locator('.tree-list').focus();
  await page.keyboard.press('Home');
  await expect(page.locator('.tree-row[data-path="/bin"]').getByTestId('row-status')).toHaveText('');
  await expect(page.locator('.tree-row[data-path="/bin"]')).toHaveAttribute(
    'aria-label',
    /^bin, folder, unchanged/,
  );
});

test('the filter: globs, case-insensitive, a match count, no empty folders of absent paths', async ({
  page,
}) => {
  await uploadThroughPage(page, fixture('test-docker-image.tar'));
  const filter = page.getByRole('searchbox', { name: 'Filter paths' });
  await filter.fill('SOMEFILE*.txt');
  // At layer 0 none of the somefiles exist: nothing shows, not even an empty /root.
  await expect(page.getByTestId('match-count')).toHaveText('0 paths match the filter');
  await expect(page.locator('.tree-row[data-path]')).toHaveCount(0);
  await page.getByRole('listbox', { name: 'Layer list' }).focus();
  for (let i = 0; i < 6; i++) await page.keyboard.press('j');
  await expect(page.getByTestId('layer-details')).toContainText('Layer 6');
  // /somefile.txt and /root/example/somefile{1,2,3}.txt, under /root and /root/example.
  await expect(page.getByTestId('match-count')).toHaveText('4 paths match the filter');
  await expect(page.locator('.tree-row[data-path]')).toHaveCount(6);
  await shot(page, 'filter-glob');
  await page.getByRole('checkbox', { name: 'match case' }).check();
  await expect(page.getByTestId('match-count')).toHaveText('0 paths match the filter');
});

test('the config panel shows a built image’s Env, Cmd, Labels…, the history and the JSON with linked digests', async ({
  page,
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'strata-e2e-config-'));
  try {
    const archive = join(dir, 'configured.tar');
    const written = await writeImageArchive(
      {
        repoTags: ['e2e/configured:1'],
        labels: { 'org.opencontainers.image.title': 'configured', maintainer: 'e2e' },
        config: {
          Env: ['PATH=/usr/local/bin:/usr/bin', 'APP_MODE=production'],
          Entrypoint: ['/bin/entry'],
          Cmd: ['serve', '--port', '8080'],
          User: '1000:1000',
          WorkingDir: '/srv/app',
          ExposedPorts: { '8080/tcp': {} },
          Volumes: { '/data': {} },
        },
        annotations: { 'org.opencontainers.image.base.name': 'scratch' },
        layers: [
          {
            entries: [{ path: 'bin/entry', content: '#!/bin/sh\n' }],
            createdBy: 'COPY entry /bin/entry # buildkit',
          },
          {
            entries: [{ path: 'srv/app/index.html', content: 'hi' }],
            createdBy: 'RUN /bin/sh -c echo hi > /srv/app/index.html # buildkit',
            emptyLayersBefore: ['ENV APP_MODE=production'],
            emptyLayersAfter: ['CMD ["serve" "--port" "8080"]'],
          },
        ],
      },
      archive,
      'oci-layout',
    );
    await uploadThroughPage(page, archive);
    await expect(page).toHaveTitle(/e2e\/configured:1/);
    await page.getByRole('tab', { name: 'Image config' }).click();
    const panel = page.getByTestId('config-panel');
    await expect(panel.getByTestId('config-env')).toContainText('APP_MODE');
    await expect(panel.getByTestId('config-env')).toContainText('production');
    await expect(panel.getByTestId('config-cmd')).toContainText('["serve", "--port", "8080"]');
    await expect(panel.getByTestId('config-entrypoint')).toContainText('["/bin/entry"]');
    await expect(panel.getByTestId('config-user')).toContainText('1000:1000');
    await expect(panel.getByTestId('config-workingdir')).toContainText('/srv/app');
    await expect(panel.getByTestId('config-exposedports')).toContainText('8080/tcp');
    await expect(panel.getByTestId('config-volumes')).toContainText('/data');
    await expect(panel.getByTestId('config-labels')).toContainText('org.opencontainers.image.title');
    await expect(panel.getByTestId('config-created')).toContainText('1970-01-01');
    // Every history step, the empty ones too.
    await expect(panel.getByTestId('history-dockerfile').locator('li')).toHaveCount(4);
    await expect(panel.getByTestId('history-dockerfile')).toContainText('ENV APP_MODE=production');
    await shot(page, 'config-panel');

    // The manifest as JSON: the second layer's digest is a link to that layer.
    await page.getByRole('tab', { name: 'Manifest & config JSON' }).click();
    await expect(page).toHaveURL(/tab=json/);
    const json = page.getByTestId('json-view');
    await expect(json).toContainText('"mediaType": "application/vnd.oci.image.manifest.v1+json"');
    await shot(page, 'documents-json');
    // The OCI layout's index.json too: its manifest digest links back to the manifest.
    await page.getByRole('button', { name: 'index', exact: true }).click();
    await expect(json).toContainText('"manifests"');
    await json.getByRole('button', { name: `Show the manifest: ${written.manifestDigest}` }).click();
    await expect(json).toContainText('"layers"');
    await page.getByRole('button', { name: 'config', exact: true }).click();
    await expect(json).toContainText('"APP_MODE=production"');
    await page.getByRole('button', { name: 'manifest', exact: true }).click();
    await json.getByRole('button', { name: `Show layer 1: ${written.layerDigests[1]}` }).click();
    await expect(page.getByTestId('layer-details')).toContainText('Layer 1');
    await expect(page.getByTestId('layer-media-type')).toHaveText(
      'application/vnd.oci.image.layer.v1.tar+gzip',
    );
    await expect(page.getByTestId('layer-digest')).toContainText(written.layerDigests[1] as string);
    await expect(page.getByTestId('layer-diffid')).toContainText(written.diffIds[1] as string);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a digest copies in full; the header and the layer card label both digests', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await uploadThroughPage(page, fixture('test-docker-image.tar'));
  const card = page.getByTestId('layer-details');
  const digest = (await card.getByTestId('layer-digest').locator('code').innerText()).trim();
  expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
  await card.getByRole('button', { name: 'Copy Blob digest' }).click();
  await expect(card.getByRole('button', { name: 'Copy Blob digest' })).toHaveText(/Copied/);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(digest);
  const diffId = (await card.getByTestId('layer-diffid').locator('code').innerText()).trim();
  await card.getByRole('button', { name: 'Copy diff_id' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(diffId);
  const header = page.getByRole('banner');
  await expect(header.getByTestId('image-digest')).toContainText(/Image digest\s*sha256:[0-9a-f]{64}/);
  await header.getByRole('button', { name: 'Copy Config digest' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/^sha256:[0-9a-f]{64}$/);
  await shot(page, 'digests');
});

test('a deep link keeps mode, change types, filter, sort, platform, pane and tab', async ({
  page,
  browser,
}) => {
  await uploadThroughPage(page, fixture('test-docker-image.tar'));
  await expect(page).toHaveTitle('dive-test:latest (linux/amd64) · Strata');
  await page.getByRole('listbox', { name: 'Layer list' }).focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press('j');
  await page.getByRole('button', { name: 'All changes up to this layer' }).click();
  await page.getByRole('checkbox', { name: 'unmodified' }).uncheck();
  await page.getByRole('searchbox', { name: 'Filter paths' }).fill('*.txt');
  await page.getByRole('combobox', { name: 'Sort' }).selectOption('size');
  await page.getByRole('listbox', { name: 'Layer list' }).focus();
  await expect(page).toHaveURL(
    /platform=linux\/amd64&layer=5&mode=aggregate&hide=unmodified&q=\*\.txt&sort=size&pane=layers/,
  );
  const url = page.url();
  await shot(page, 'deep-link-before');

  const other = await browser.newPage();
  await other.goto(url);
  await expect(other.getByTestId('layer-details')).toContainText('Layer 5');
  await expect(other.getByRole('button', { name: 'All changes up to this layer' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(other.getByRole('checkbox', { name: 'unmodified' })).not.toBeChecked();
  await expect(other.getByRole('searchbox', { name: 'Filter paths' })).toHaveValue('*.txt');
  await expect(other.getByRole('combobox', { name: 'Sort' })).toHaveValue('size');
  await expect(other.locator('.layers-pane')).toHaveClass(/focused/);
  await expect(other.getByTestId('match-count')).toBeVisible();
  expect(await other.locator('.tree-row[data-path]').count()).toBe(
    await page.locator('.tree-row[data-path]').count(),
  );
  await other.getByRole('tab', { name: 'Image config' }).click();
  await expect(other).toHaveURL(/tab=config/);
  await other.reload();
  await expect(other.getByTestId('config-panel')).toBeVisible();
  await shot(other, 'deep-link-after');
  // A link for another platform than the analysis's says so.
  await other.goto(url.replace('platform=linux/amd64', 'platform=linux/arm64'));
  await expect(other.getByRole('status').filter({ hasText: 'asked for linux/arm64' })).toBeVisible();
  await other.close();
});

test('the layer chart: a linear scale, both sizes, a readable tooltip, a text summary', async ({ page }) => {
  await uploadThroughPage(page, fixture('test-docker-image.tar'));
  const chart = page.getByTestId('layer-chart');
  await expect(chart.getByRole('heading')).toHaveText('Layer sizes (linear scale)');
  await expect(chart.getByTestId('chart-summary')).toContainText('linear scale');
  await expect(chart.getByTestId('chart-summary')).toContainText('layer 0 1.2 MB');
  // Bar heights are proportional to the sizes: layer 1 (6,405 B) against layer 0 (1,154,361 B).
  const bars = chart.locator('.recharts-bar').first().locator('.recharts-bar-rectangle path');
  const h0 = (await bars.nth(0).boundingBox())?.height ?? 0;
  const h10 = (await bars.nth(10).boundingBox())?.height ?? 0;
  expect(h0).toBeGreaterThan(50);
  expect(h10 / h0).toBeCloseTo(2187 / 1154361, 2);
  await bars.nth(0).hover();
  const tip = page.getByTestId('chart-tooltip');
  await expect(tip).toContainText('Layer 0');
  await expect(tip).toContainText('uncompressed 1.2 MB');
  await expect(tip).toContainText('stored 1.4 MB');
  await shot(page, 'chart-tooltip');
});

test('two savings named apart; advice lists say how many more files; contrast holds', async ({ page }) => {
  await uploadThroughPage(page, fixture('test-docker-image.tar'));
  await expect(page.getByTestId('figure-recoverable')).toBeVisible();
  await expect(page.getByTestId('recoverable-note')).toContainText(
    'files a later layer overwrites or deletes',
  );
  await expect(page.getByTestId('advice-summary')).toContainText('saved by the fixes');
  await expect(page.getByTestId('advice-note')).toContainText('duplicate content');
  // Contrast (WCAG 2 relative luminance) of the dimmed text against what is behind it.
  const ratios = await page.evaluate(() => {
    const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
    const lum = (c: number[]) => {
      const f = (v: number) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * f(c[0] ?? 0) + 0.7152 * f(c[1] ?? 0) + 0.0722 * f(c[2] ?? 0);
    };
    const bgOf = (el: Element | null): string => {
      for (let e = el; e; e = e.parentElement) {
        const b = getComputedStyle(e).backgroundColor;
        if (b && !b.startsWith('rgba(0, 0, 0, 0)') && b !== 'transparent') return b;
      }
      return 'rgb(255,255,255)';
    };
    const ratio = (el: Element | null) => {
      if (!el) return 0;
      const s = getComputedStyle(el);
      const a = lum(rgb(s.color));
      const b = lum(rgb(bgOf(el)));
      const op = Number(s.opacity);
      if (op < 1) return 0; // opacity would blend: not allowed for text here
      return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    };
    return {
      emptyLayerRow: ratio(document.querySelector('.history-empty .shell span')),
      greyColumn: ratio(document.querySelector('.tree-row .attr.mode')),
      selectedGrey: ratio(document.querySelector('.tree-row.selected .attr.owner')),
      storedColumn: ratio(document.querySelector('.layer-item.selected .num.muted')),
    };
  });
  for (const [where, r] of Object.entries(ratios)) expect(r, where).toBeGreaterThanOrEqual(4.5);
  // Expanded instructions wrap at spaces: a flag is never split over two lines.
  await page.getByRole('listbox', { name: 'Layer list' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('.layer-item.selected .shell.wrapped')).toBeVisible();
  // Layer 0's long `ADD file:<64 hex> in /` wraps, but each word stays on one line.
  const split = await page
    .locator('.layer-item.selected .shell.wrapped .nb')
    .evaluateAll((els) => els.filter((el) => el.getClientRects().length > 1).map((el) => el.textContent));
  expect(split).toEqual([]);
  await expect(page.getByRole('listbox', { name: 'Layer list' })).toHaveCSS('outline-style', 'solid');
  await shot(page, 'advice-and-contrast');
});

test('advice: "+N more" files, the other copy named, "Copy fixed Dockerfile" only for a real change', async ({
  page,
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'strata-e2e-advice-'));
  try {
    const archive = join(dir, 'advice.tar');
    const same = { size: 200_000, seed: 7 };
    await writeImageArchive(
      {
        repoTags: ['e2e/advice:1'],
        layers: [
          { entries: [{ path: 'bin/sh', content: 'sh' }] },
          {
            entries: Array.from({ length: 14 }, (_, i) => ({
              path: `tmp/build-${i}.o`,
              content: { size: 1000 + i },
            })),
            createdBy: '/bin/sh -c make all > /tmp/log',
          },
          { entries: [{ path: 'opt/a.bin', content: same }], createdBy: 'COPY a.bin /opt/a.bin # buildkit' },
          { entries: [{ path: 'srv/a.bin', content: same }], createdBy: 'COPY a.bin /srv/a.bin # buildkit' },
        ],
      },
      archive,
      'docker-legacy',
    );
    await uploadThroughPage(page, archive);
    const leftovers = page.locator('[data-testid="finding"][data-rule="package-leftovers"]');
    if ((await leftovers.getAttribute('class'))?.includes('open') !== true)
      await leftovers.locator('.finding-head').click();
    await expect(leftovers.locator('.finding-files tr')).toHaveCount(10);
    await expect(leftovers.getByTestId('more-files')).toHaveText('+4 more files (14 kB in all 14 files)');
    await expect(leftovers.getByRole('button', { name: 'Copy fixed Dockerfile' })).toBeVisible();

    const dup = page.locator('[data-testid="finding"][data-rule="duplicate-content"]');
    await dup.locator('.finding-head').click();
    await expect(dup.getByTestId('copy-of')).toHaveText('copy of /opt/a.bin');
    await expect(dup).toContainText('The fix does not change the Dockerfile.');
    await expect(dup.getByRole('button', { name: 'Copy fixed Dockerfile' })).toHaveCount(0);
    await shot(page, 'advice-more-files');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
