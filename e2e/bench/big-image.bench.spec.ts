/**
 * Browser measures on big images, read from the page's performance marks: time to first render
 * of the analysis page (and from navigation to the first tree row), to switch layers, toggle a
 * filter, collapse and expand a directory. Two cases:
 * - a synthetic image of STRATA_BENCH_WEB_FILES files (default 100,000; testkit archive writer),
 * - the million-file image of `pnpm bench` (testkit bench-images, cached), unless
 *   STRATA_BENCH_WEB_MILLION=0.
 * Each case also records where the model load's time went (modelLoadMs: the response's headers,
 * the body, unpacking, the explorer's index). Only one case: `pnpm bench -g million`.
 * Writes bench-results/web.json ({ cases: [...] }).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import {
  cachedBenchImage,
  MILLION_FILES,
  writeImageArchive,
  type EntrySpec,
  type LayerSpec,
} from '@strata/testkit';

const FILES = Number(process.env.STRATA_BENCH_WEB_FILES || 100_000);
const PER_DIR = 200;
const TARGET_MS = 100;
const SWITCHES = 6;

interface BenchCase {
  name: string;
  files: number;
  archive: string;
  layers: number;
  /** Tree rows at layer 0 with everything expanded. */
  rowsAtLayer0: number;
  filter: string;
  toggleDir: string;
}

function syntheticImage(files: number): LayerSpec[] {
  const dirs = Math.ceil(files / PER_DIR);
  const base: EntrySpec[] = [{ path: 'data', type: 'dir' }];
  for (let d = 0; d < dirs; d++) {
    base.push({ path: `data/d${d}`, type: 'dir' });
    for (let f = 0; f < Math.min(PER_DIR, files - d * PER_DIR); f++)
      base.push({ path: `data/d${d}/f${f}.txt`, content: `${d}/${f}` });
  }
  const changes: EntrySpec[] = [];
  for (let d = 0; d < dirs; d += 5) changes.push({ path: `data/d${d}/f0.txt`, content: 'changed' });
  return [
    { entries: base, createdBy: 'COPY data /data # buildkit' },
    { entries: changes, createdBy: 'RUN ./update.sh # buildkit' },
  ];
}

async function measure(page: Page, name: string): Promise<number> {
  await expect
    .poll(() => page.evaluate((n) => performance.getEntriesByName(n, 'measure').length, name), {
      timeout: 120_000,
    })
    .toBeGreaterThan(0);
  return page.evaluate((n) => {
    const all = performance.getEntriesByName(n, 'measure');
    const last = all[all.length - 1] as PerformanceEntry;
    performance.clearMeasures(n);
    return last.duration;
  }, name);
}

async function analyze(
  request: APIRequestContext,
  archive: string,
  name: string,
  resets: string[],
): Promise<string> {
  const started = await request.post(`/api/analyses?name=${name}`, {
    data: readFileSync(archive),
    headers: { 'content-type': 'application/octet-stream' },
    timeout: 300_000,
  });
  expect(started.status()).toBe(202);
  const { jobId } = (await started.json()) as { jobId: string };
  let analysisId: string | null = null;
  await expect
    .poll(
      async () => {
        // A server whose event loop was blocked for longer than its keep-alive timeout resets the
        // reused connection (ECONNRESET): a real client retries, and so does this poll.
        const answer = await request.get(`/api/jobs/${jobId}`).catch((err: Error) => err);
        if (answer instanceof Error) {
          resets.push(answer.message.split('\n')[0] ?? '');
          return null;
        }
        const job = (await answer.json()) as { analysisId: string | null; phase: string };
        if (job.phase === 'failed') throw new Error(JSON.stringify(job));
        analysisId = job.analysisId;
        return analysisId;
      },
      { timeout: 600_000, intervals: [500] },
    )
    .not.toBeNull();
  return analysisId as unknown as string;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function run(
  page: Page,
  request: APIRequestContext,
  c: BenchCase,
  prepareMs: number,
): Promise<{ name: string } & Record<string, unknown>> {
  const resets: string[] = [];
  const analysisId = await analyze(request, c.archive, `${c.name}.tar`, resets);
  await page.goto(`/?analysis=${analysisId}&layer=0`);
  const firstRender = await measure(page, 'strata:first-render');
  // The mark ends once the first rows are on screen; its startTime counts from navigation start.
  const fromNavigation = await page.evaluate(() => {
    const end = performance.getEntriesByName('strata:first-render:end');
    return end[end.length - 1]?.startTime ?? -1;
  });
  // Where the first row's time went: the worker's model load (explorer-client.ts measures it).
  const modelLoadMs = await page.evaluate(() =>
    Object.fromEntries(
      ['response', 'download', 'unpack', 'index'].map((phase) => {
        const m = performance.getEntriesByName(`strata:model-${phase}`, 'measure').at(-1);
        return [phase, Math.round(m?.duration ?? -1)];
      }),
    ),
  );
  const rowText = (await page.getByTestId('row-count').textContent()) ?? '';
  const rows = Number(rowText.replace(/[^\d]/g, ''));
  expect(rows).toBeGreaterThanOrEqual(c.rowsAtLayer0);
  expect(rows).toBeLessThanOrEqual(c.rowsAtLayer0 + 2);

  const switches: number[] = [];
  for (let i = 0; i < SWITCHES; i++) {
    await page
      .locator('.layer-item')
      .nth((i + 1) % c.layers)
      .click();
    switches.push(await measure(page, 'strata:layer-switch'));
  }
  // Back to layer 0 (where the filter and the directory below are), unless the cycle ended there.
  if (SWITCHES % c.layers !== 0) {
    await page.locator('.layer-item').nth(0).click();
    await measure(page, 'strata:layer-switch');
  }
  const filter = page.getByRole('searchbox', { name: 'Filter paths' });
  await filter.fill(c.filter);
  const filterMs = await measure(page, 'strata:filter');
  await filter.fill('');
  await measure(page, 'strata:filter');
  await page.locator(`.tree-row[data-path="${c.toggleDir}"] .caret`).click();
  const collapseMs = await measure(page, 'strata:toggle');
  await page.locator(`.tree-row[data-path="${c.toggleDir}"] .caret`).click();
  const expandMs = await measure(page, 'strata:toggle');
  const memory = await page.evaluate(
    () => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0,
  );
  return {
    name: c.name,
    files: c.files,
    layers: c.layers,
    rows,
    archiveMB: Math.round(readFileSync(c.archive).length / 1e5) / 10,
    prepareMs,
    firstRenderMs: Math.round(firstRender),
    firstRenderFromNavigationMs: Math.round(fromNavigation),
    modelLoadMs,
    layerSwitchMs: switches.map(Math.round),
    layerSwitchMedianMs: Math.round(median(switches)),
    filterMs: Math.round(filterMs),
    collapseDirMs: Math.round(collapseMs),
    expandDirMs: Math.round(expandMs),
    pageHeapMB: Math.round(memory / 1e6),
    jobPollResets: resets.length,
    targetMs: TARGET_MS,
  };
}

/** Adds (or replaces) one case in bench-results/web.json, so each test's figures survive the other's failure. */
function record(result: object & { name: string }): void {
  const out = fileURLToPath(new URL('../../bench-results/', import.meta.url));
  mkdirSync(out, { recursive: true });
  const file = join(out, 'web.json');
  const old = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as { cases?: { name: string }[] })
    : {};
  const cases = (old.cases ?? []).filter((x) => x.name !== result.name);
  const date = new Date().toISOString();
  writeFileSync(file, JSON.stringify({ date, cases: [...cases, { date, ...result }] }, null, 2) + '\n');
  console.log(JSON.stringify(result, null, 2));
}

test(`${FILES.toLocaleString('en-US')}-file image: first render and layer switch`, async ({
  page,
  request,
}) => {
  const dir = join(tmpdir(), `strata-web-bench-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const archive = join(dir, 'big.tar');
  try {
    const t0 = Date.now();
    await writeImageArchive(
      { layers: syntheticImage(FILES), repoTags: ['bench/big:1'] },
      archive,
      'docker-legacy',
    );
    const c: BenchCase = {
      name: `synthetic-${FILES}`,
      files: FILES,
      archive,
      layers: 2,
      rowsAtLayer0: FILES + Math.ceil(FILES / PER_DIR) + 1,
      filter: 'f19',
      toggleDir: '/data/d0',
    };
    record(await run(page, request, c, Date.now() - t0));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('million-file image: first tree row and layer switch', async ({ page, request }) => {
  test.skip(process.env.STRATA_BENCH_WEB_MILLION === '0', 'STRATA_BENCH_WEB_MILLION=0');
  const t0 = Date.now();
  const image = await cachedBenchImage('million-files', MILLION_FILES);
  const first = image.layers[0]!.stats;
  const c: BenchCase = {
    name: 'million-files',
    files: MILLION_FILES.files,
    archive: image.path,
    layers: image.layers.length,
    rowsAtLayer0: first.entries,
    filter: 'file19',
    toggleDir: '/usr/lib/node_modules',
  };
  record(await run(page, request, c, Date.now() - t0));
});
