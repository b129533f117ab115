/** Each public dive fixture, uploaded through the page, shows the figures of EXPECTED.md. */
import { expect, test } from '@playwright/test';
import { fixture, shot, uploadThroughPage } from './helpers.js';

interface Expected {
  file: string;
  layers: number;
  total: string;
  efficiency: string;
  wasted: string;
  userWasted: string;
  inefficient: Array<[count: string, bytes: string, path: string]>;
}

const INEFFICIENT_DOCKER: Expected['inefficient'] = [
  ['2', '13 kB', '/root/saved.txt'],
  ['2', '13 kB', '/root/example/somefile1.txt'],
  ['2', '6.4 kB', '/root/example/somefile3.txt'],
];
// 18498 B shows as "18 kB", as dive prints it (Go's %.0f rounds half to even); the exact bytes
// are checked from the cell's title.
const INEFFICIENT_KANIKO: Expected['inefficient'] = [
  ['2', '18 kB', '/root/saved.txt'],
  ['2', '18 kB', '/root/example/somefile1.txt'],
  ['2', '9.2 kB', '/root/example/somefile3.txt'],
];
const EXACT_BYTES: Record<string, number[]> = {
  'test-docker-image.tar': [12810, 12810, 6405],
  'test-kaniko-image.tar': [18498, 18498, 9249],
};
const oci = (file: string): Expected => ({
  file,
  layers: 1,
  total: '11 kB',
  efficiency: '100.00 %',
  wasted: '0 B',
  userWasted: 'n/a',
  inefficient: [],
});

const CASES: Expected[] = [
  {
    file: 'test-docker-image.tar',
    layers: 14,
    total: '1.2 MB',
    efficiency: '98.44 %',
    wasted: '32 kB',
    userWasted: '48.35 %',
    inefficient: INEFFICIENT_DOCKER,
  },
  {
    file: 'test-kaniko-image.tar',
    layers: 14,
    total: '1.3 MB',
    efficiency: '97.94 %',
    wasted: '46 kB',
    userWasted: '48.85 %',
    inefficient: INEFFICIENT_KANIKO,
  },
  oci('test-oci-uncompressed-image.tar'),
  oci('test-oci-gzip-image.tar'),
  oci('test-oci-zstd-image.tar'),
  oci('test-oci-estargz-image.tar'),
];

for (const c of CASES) {
  test(`upload ${c.file} shows dive's figures`, async ({ page }) => {
    await uploadThroughPage(page, fixture(c.file));
    await expect(page.getByTestId('figure-efficiency')).toHaveText(c.efficiency);
    await expect(page.getByTestId('figure-wasted')).toHaveText(c.wasted);
    await expect(page.getByTestId('figure-user-wasted')).toHaveText(c.userWasted);
    await expect(page.getByTestId('figure-total-size')).toHaveText(c.total);
    await expect(page.locator('.layer-item')).toHaveCount(c.layers);
    const rows = page.locator('.inefficient-table tbody tr');
    await expect(rows).toHaveCount(c.inefficient.length);
    for (const [i, [count, bytes, path]] of c.inefficient.entries()) {
      await expect(rows.nth(i).locator('td')).toHaveText([count, bytes, path]);
      const exact = EXACT_BYTES[c.file]?.[i];
      if (exact !== undefined)
        await expect(rows.nth(i).locator('td').nth(1)).toHaveAttribute('title', `${exact} bytes`);
    }
    await shot(page, `analysis-${c.file.replace(/\.tar$/, '')}`);
  });
}
