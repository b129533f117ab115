/**
 * Several images in the browser: a `docker save a b c`-shaped bundle dropped on the start page
 * shows the image picker; "Analyze all" leads to the shared-layers grid; the compare page
 * (picked from recent analyses, then by deep link) shows what changed. Figures are checked
 * against GNU tar extracting the layers with whiteouts (packages/testkit/src/rootfs).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { humanBytes } from '@strata/analysis';
import {
  extractDockerArchive,
  sampleBundleSpecs,
  sampleMultiPlatformSpec,
  seedImage,
  seedIndex,
  startRegistry,
  writeImageArchive,
  writeImageBundle,
  type ExtractedImage,
  type RunningRegistry,
} from '@strata/testkit';
import { fixture, shot } from './helpers.js';

const work = mkdtempSync(join(tmpdir(), 'strata-e2e-many-'));
const bundle = join(work, 'bundle.tar');
let images: ExtractedImage[];
const sizeOf = (img: ExtractedImage): number => img.layers.reduce((s, l) => s + l.sizeBytes, 0);

test.beforeAll(async () => {
  await writeImageBundle(sampleBundleSpecs(), bundle, 'docker-legacy');
  images = [0, 1, 2].map((i) => extractDockerArchive(bundle, i, join(work, 'x')));
});
let registry: RunningRegistry | undefined;
test.afterAll(async () => {
  await registry?.stop();
  rmSync(work, { recursive: true, force: true });
});

test('an upload with several images shows the picker; analyze all shows the shared-layers grid', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByTestId('file-input').setInputFiles(bundle);
  const picker = page.getByRole('region', { name: 'Images in this archive' });
  await expect(picker).toContainText('bundle.tar holds 3 images');
  await expect(picker.getByTestId('image-0')).toContainText('app:1');
  await expect(picker.getByTestId('image-1')).toContainText('app:2');
  await expect(picker.getByTestId('image-2')).toContainText('site:1');
  await expect(picker.getByTestId('image-0')).toContainText('linux/amd64');
  // app:1 and app:2 share the base and the middle layer; site:1 only the base
  await expect(picker.getByTestId('shared-0')).toHaveText('2');
  await expect(picker.getByTestId('shared-1')).toHaveText('2');
  await expect(picker.getByTestId('shared-2')).toHaveText('1');
  await shot(page, 'image-picker');

  await picker.getByRole('button', { name: 'Analyze all' }).click();
  await expect(page).toHaveURL(/\?shared=sha256-[a-f0-9]+,sha256-[a-f0-9]+,sha256-[a-f0-9]+$/, {
    timeout: 60_000,
  });
  const distinct = new Map(images.flatMap((img) => img.layers.map((l) => [l.diffId, l.sizeBytes] as const)));
  const total = [...distinct.values()].reduce((s, n) => s + n, 0);
  await expect(page.getByTestId('total-bytes')).toHaveText(humanBytes(total));
  await expect(page.getByTestId('sum-bytes')).toHaveText(
    humanBytes(images.map(sizeOf).reduce((s, n) => s + n, 0)),
  );
  // the base spans all three columns, the middle layer the two app columns
  const cells = page.getByTestId('grid-cell');
  await expect(cells.first()).toHaveAttribute('data-span', '3');
  await expect(cells.nth(1)).toHaveAttribute('data-span', '2');
  await expect(page.getByRole('region', { name: 'Biggest unique layers' })).toContainText(
    `${humanBytes(90023)} in app:2`,
  );
  await shot(page, 'shared-layers');
});

test('the compare page: pick two analyses, see what changed, reload the deep link', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('file-input').setInputFiles(bundle);
  await page
    .getByRole('region', { name: 'Images in this archive' })
    .getByRole('button', { name: 'Analyze all' })
    .click();
  await expect(page).toHaveURL(/\?shared=/, { timeout: 60_000 });

  await page.goto('/?compare');
  const chooser = page.getByRole('region', { name: 'Choose analyses' });
  await chooser.getByLabel(/^app:1/).check();
  await chooser.getByLabel(/app:2/).check();
  await chooser.getByRole('button', { name: 'Compare' }).click();
  await expect(page).toHaveURL(/\?compare=sha256-[a-f0-9]+,sha256-[a-f0-9]+$/);
  const [a, b] = images as [ExtractedImage, ExtractedImage];
  const delta = sizeOf(b) - sizeOf(a);
  const check = async (): Promise<void> => {
    await expect(page.getByTestId('size-delta')).toHaveText(`+${humanBytes(delta)}`);
    await expect(page.getByTestId('file-counts')).toHaveText(
      /2 added · 2 removed · 4 changed · 2 layers shared/,
    );
    await expect(page.getByTestId('shared-row')).toHaveCount(2);
    await expect(page.locator('.diff-row[data-path="/usr/lib/libnew.so"]')).toHaveClass(/st-added/);
    await expect(page.locator('.diff-row[data-path="/usr/share/doc/readme"]')).toHaveClass(/st-removed/);
    await expect(page.locator('.diff-row[data-path="/app/data/big.bin"]')).toHaveClass(/st-modified/);
    await expect(page.locator('.diff-row[data-path="/usr/lib"] .size')).toHaveText('+30 kB');
  };
  await check();
  await shot(page, 'compare');
  await page.reload();
  await check();
});

test('several tags of one registry repository: listed, analyzed, shown as a set', async ({ page }) => {
  test.setTimeout(180_000);
  registry = await startRegistry({ mode: 'open' });
  for (const [i, tag] of ['1', '2', 'site'].entries())
    await seedImage(registry, `docker-archive:${bundle}:@${i}`, `team/app:${tag}`);
  await page.goto('/?shared');
  const tags = page.getByRole('region', { name: 'Tags of a repository' });
  await tags.getByRole('textbox', { name: 'Repository' }).fill(`${registry.host}/team/app`);
  await tags.getByRole('button', { name: 'List tags' }).click();
  await expect(tags.getByRole('checkbox')).toHaveCount(3);
  await tags.getByLabel('1', { exact: true }).check();
  await tags.getByLabel('2', { exact: true }).check();
  await tags.getByRole('button', { name: 'Analyze the chosen tags' }).click();
  await expect(page).toHaveURL(/\?shared=sha256-[a-f0-9]+,sha256-[a-f0-9]+$/, { timeout: 90_000 });
  const [a, b] = images as [ExtractedImage, ExtractedImage];
  const distinct = new Map([...a.layers, ...b.layers].map((l) => [l.diffId, l.sizeBytes] as const));
  await expect(page.getByTestId('total-bytes')).toHaveText(
    humanBytes([...distinct.values()].reduce((s, n) => s + n, 0)),
  );
  await expect(page.getByTestId('grid-cell').first()).toHaveAttribute('data-span', '2');
});

test('the analysis page of a multi-platform reference switches platform', async ({ page }) => {
  test.setTimeout(180_000);
  registry ??= await startRegistry({ mode: 'open' });
  await seedIndex(
    registry,
    [
      `docker-archive:${fixture('test-docker-image.tar')}`,
      `oci-archive:${fixture('test-oci-uncompressed-image.tar')}`,
    ],
    'team/multi:1',
  );
  await page.goto('/');
  await page.getByRole('textbox', { name: 'Image reference' }).fill(`${registry.host}/team/multi:1`);
  await page.getByRole('button', { name: 'Analyze' }).click();
  await expect(page.getByTestId('figure-efficiency')).toBeVisible({ timeout: 60_000 });
  const platformSwitch = page.getByRole('combobox', { name: 'Switch to os/arch' });
  await expect(platformSwitch).toHaveValue('linux/amd64');
  await expect(platformSwitch.locator('option')).toHaveText(['linux/amd64', 'linux/arm64']);
  await platformSwitch.selectOption('linux/arm64');
  await expect(page.locator('.image-title')).toContainText('linux/arm64', { timeout: 60_000 });
  await expect(page.getByRole('combobox', { name: 'Switch to os/arch' })).toHaveValue('linux/arm64');
});

test('an upload of a multi-platform archive takes the platform chosen for it, then switches', async ({
  page,
}) => {
  const multi = join(work, 'multi.tar');
  await writeImageArchive(sampleMultiPlatformSpec(), multi, 'oci-index-nested');
  await page.goto('/');
  await page.getByRole('combobox', { name: 'os/arch of an uploaded archive' }).selectOption('linux/arm64');
  await page.getByTestId('file-input').setInputFiles(multi);
  await expect(page.locator('.image-title')).toContainText('linux/arm64', { timeout: 60_000 });
  await expect(page.locator('.image-title')).toContainText('2 layers');
  // the server kept the archive: switch to the other platform without uploading it again
  const platformSwitch = page.getByRole('combobox', { name: 'Switch to os/arch' });
  await expect(platformSwitch.locator('option')).toHaveText(['linux/amd64', 'linux/arm64']);
  await platformSwitch.selectOption('linux/amd64');
  await expect(page.locator('.image-title')).toContainText('linux/amd64 · 3 layers', { timeout: 60_000 });
});
