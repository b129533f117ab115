/**
 * The file viewer (issue 11) on an image our test builder writes: a text file (highlighted), a
 * binary (hex), an ELF binary (its summary, checked against readelf) and a modified file's diff.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { writeImageArchive } from '@strata/testkit';
import { shot, uploadThroughPage } from './helpers.js';

const BUSYBOX = '/bin/busybox';

async function imageArchive(): Promise<string> {
  const out = join(mkdtempSync(join(tmpdir(), 'strata-e2e-viewer-')), 'viewer.tar');
  await writeImageArchive(
    {
      layers: [
        {
          entries: [
            { path: 'bin/busybox', content: readFileSync(BUSYBOX), mode: 0o755 },
            { path: 'etc/app.conf', content: 'name=app\nport=80\nlog=info\n' },
            { path: 'srv/app.py', content: 'def main():\n    return "hello"\n' },
            {
              path: 'data/blob.bin',
              content: Buffer.from([0, 1, 2, 3, 0xff, 0xfe, 0x41, 0x42, ...Array(300).fill(7)]),
            },
          ],
        },
        {
          entries: [{ path: 'etc/app.conf', content: 'name=app\nport=8080\nlog=info\n' }],
          createdBy: 'RUN sed -i s/80/8080/ /etc/app.conf',
        },
      ],
    },
    out,
    'docker-legacy',
  );
  return out;
}

async function open(page: Page, path: string): Promise<void> {
  const row = page.locator(`.tree-row[data-path="${path}"]`);
  await row.click();
  await expect(page.getByTestId('selected-path')).toHaveText(path);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('file-viewer')).toBeVisible();
  await expect(page.getByTestId('viewer-path')).toHaveText(path);
}

async function close(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('file-viewer')).toHaveCount(0);
  await expect(page.locator('.tree-list')).toBeFocused();
}

test('opens a text file, a binary, an ELF file and a modified file’s diff', async ({ page }) => {
  await uploadThroughPage(page, await imageArchive());
  await page.locator('.layer-item').nth(0).click();
  await page.locator('.tree-list').focus();

  await open(page, '/srv/app.py');
  const text = page.getByTestId('viewer-text');
  await expect(text).toHaveText('def main():\n    return "hello"\n');
  await expect(text).toHaveAttribute('data-highlighted', 'yes');
  await expect(text.locator('.hljs-keyword').first()).toHaveText('def');
  await shot(page, 'viewer-text');
  await close(page);

  await open(page, '/data/blob.bin');
  await expect(page.getByTestId('viewer-hex')).toContainText(
    '00000000  00 01 02 03 ff fe 41 42  07 07 07 07 07 07 07 07  |......AB........|',
  );
  await close(page);

  await open(page, '/bin/busybox');
  const elf = page.getByTestId('viewer-elf');
  const readelf = execFileSync('readelf', ['-h', BUSYBOX], { encoding: 'utf8' });
  await expect(elf).toContainText(`ELF${/Class:\s+ELF(\d+)/.exec(readelf)?.[1]}, little endian`);
  await expect(elf).toContainText('x86-64');
  await expect(elf).toContainText('static');
  await expect(elf).toContainText('stripped');
  await shot(page, 'viewer-elf');
  // Hex of the same file, from the toolbar.
  await page.getByRole('button', { name: 'Hex' }).click();
  await expect(page.getByTestId('viewer-hex')).toContainText('00000000  7f 45 4c 46');
  await close(page);

  await page.locator('.layer-item').nth(1).click();
  await page.locator('.tree-list').focus();
  await open(page, '/etc/app.conf');
  const diff = page.getByTestId('viewer-diff');
  await expect(diff.locator('.diff-removed')).toHaveText(['-port=80']);
  await expect(diff.locator('.diff-added')).toHaveText(['+port=8080']);
  await shot(page, 'viewer-diff');
  await page.getByRole('button', { name: 'Contents' }).click();
  await expect(page.getByTestId('viewer-text')).toHaveText('name=app\nport=8080\nlog=info\n');
  await close(page);
});
