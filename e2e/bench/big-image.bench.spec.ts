/**
 * Browser measures on an image with 100,000+ files (built with the testkit's archive writer):
 * time to first render of the analysis page and to switch layers, toggle a filter, expand a
 * directory, read from the page's performance marks. Writes bench-results/web.json.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { writeImageArchive, type EntrySpec, type LayerSpec } from '@strata/testkit';

const DIRS = 500;
const PER_DIR = 200;
const TARGET_MS = 100;

function bigImage(): LayerSpec[] {
  const base: EntrySpec[] = [{ path: 'data', type: 'dir' }];
  for (let d = 0; d < DIRS; d++) {
    base.push({ path: `data/d${d}`, type: 'dir' });
    for (let f = 0; f < PER_DIR; f++) base.push({ path: `data/d${d}/f${f}.txt`, content: `${d}/${f}` });
  }
  const changes: EntrySpec[] = [];
  for (let d = 0; d < DIRS; d += 5) changes.push({ path: `data/d${d}/f0.txt`, content: 'changed' });
  return [
    { entries: base, createdBy: 'COPY data /data # buildkit' },
    { entries: changes, createdBy: 'RUN ./update.sh # buildkit' },
  ];
}

async function measure(page: Page, name: string): Promise<number> {
  await expect
    .poll(() => page.evaluate((n) => performance.getEntriesByName(n, 'measure').length, name), {
      timeout: 60_000,
    })
    .toBeGreaterThan(0);
  return page.evaluate((n) => {
    const all = performance.getEntriesByName(n, 'measure');
    const last = all[all.length - 1] as PerformanceEntry;
    performance.clearMeasures(n);
    return last.duration;
  }, name);
}

test('100,000-file image: first render and layer switch', async ({ page, request }) => {
  const dir = join(tmpdir(), `strata-web-bench-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const archive = join(dir, 'big.tar');
  try {
    const t0 = Date.now();
    await writeImageArchive({ layers: bigImage(), repoTags: ['bench/big:1'] }, archive, 'docker-legacy');
    const built = Date.now() - t0;
    const started = await request.post('/api/analyses?name=big.tar', {
      data: readFileSync(archive),
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(started.status()).toBe(202);
    const { jobId } = (await started.json()) as { jobId: string };
    let analysisId: string | null = null;
    await expect
      .poll(
        async () => {
          const job = (await (await request.get(`/api/jobs/${jobId}`)).json()) as {
            analysisId: string | null;
            phase: string;
          };
          if (job.phase === 'failed') throw new Error(JSON.stringify(job));
          analysisId = job.analysisId;
          return analysisId;
        },
        { timeout: 300_000, intervals: [500] },
      )
      .not.toBeNull();

    await page.goto(`/?analysis=${analysisId}&layer=0`);
    const firstRender = await measure(page, 'strata:first-render');
    const fromNavigation = await page.evaluate(() => {
      const end = performance.getEntriesByName('strata:first-render:end');
      return end[end.length - 1]?.startTime ?? -1;
    });
    await expect(page.getByTestId('row-count')).toHaveText(/100,50[0-9] rows/);

    const switches: number[] = [];
    for (let i = 0; i < 6; i++) {
      await page
        .locator('.layer-item')
        .nth((i + 1) % 2)
        .click();
      switches.push(await measure(page, 'strata:layer-switch'));
    }
    const filter = page.getByRole('searchbox', { name: 'Filter paths' });
    await filter.fill('f19');
    const filterMs = await measure(page, 'strata:filter');
    await filter.fill('');
    await measure(page, 'strata:filter');
    await page.locator('.tree-row[data-path="/data/d0"] .caret').click();
    const collapseMs = await measure(page, 'strata:toggle');
    await page.locator('.tree-row[data-path="/data/d0"] .caret').click();
    const expandMs = await measure(page, 'strata:toggle');
    const memory = await page.evaluate(
      () => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0,
    );

    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
    const result = {
      files: DIRS * PER_DIR,
      archiveBuildMs: built,
      firstRenderMs: Math.round(firstRender),
      firstRenderFromNavigationMs: Math.round(fromNavigation),
      layerSwitchMs: switches.map(Math.round),
      layerSwitchMedianMs: Math.round(median(switches)),
      filterMs: Math.round(filterMs),
      collapseDirMs: Math.round(collapseMs),
      expandDirMs: Math.round(expandMs),
      pageHeapMB: Math.round(memory / 1e6),
      targetMs: TARGET_MS,
    };
    console.log(JSON.stringify(result, null, 2));
    const out = fileURLToPath(new URL('../../bench-results/', import.meta.url));
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'web.json'), JSON.stringify(result, null, 2) + '\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
