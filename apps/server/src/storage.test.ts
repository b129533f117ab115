/** Results on disk: surviving a restart, least-recently-used eviction, no torn or temp leftovers. */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AnalysisListSchema } from '@strata/contract';
import { diveFixture } from '@strata/testkit';
import { jobIdOf, uploadRaw, waitForJob } from './test-support/client.js';
import { startTestServer, tempDataDir, tmpFiles } from './test-support/harness.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

async function analyze(base: string, fixture: string): Promise<string> {
  const job = await waitForJob(base, await jobIdOf(await uploadRaw(base, diveFixture(fixture))));
  expect(job.phase).toBe('done');
  return job.analysisId as string;
}

async function listIds(base: string): Promise<string[]> {
  const body = AnalysisListSchema.parse(await (await fetch(`${base}/api/analyses`)).json());
  return body.analyses.map((a) => a.id);
}

describe('storage', () => {
  it('keeps results across a restart on the same data dir, and sweeps stale temp files', async () => {
    const data = await tempDataDir();
    cleanups.push(data.remove);
    const first = await startTestServer(data.dir);
    const id = await analyze(first.url, 'test-oci-gzip-image.tar');
    const before = await (await fetch(`${first.url}/api/analyses/${id}`)).json();
    await first.close();

    // What a crash mid-job leaves: an upload and a half-written result in tmp/.
    await writeFile(join(data.dir, 'tmp', 'upload-crashed'), 'partial');
    await mkdir(join(data.dir, 'tmp', 'store-torn'));
    const second = await startTestServer(data.dir);
    cleanups.push(second.close);
    expect(await tmpFiles(data.dir)).toEqual([]);
    expect(await listIds(second.url)).toEqual([id]);
    expect(await (await fetch(`${second.url}/api/analyses/${id}`)).json()).toEqual(before);
    const again = await waitForJob(
      second.url,
      await jobIdOf(await uploadRaw(second.url, diveFixture('test-oci-gzip-image.tar'))),
    );
    expect(again).toMatchObject({ deduplicated: true, analysisId: id });
  });

  it('evicts the least recently used results beyond the size budget', async () => {
    const data = await tempDataDir();
    cleanups.push(data.remove);
    // Room for about two small results: each of these fixtures stores ~2.3 kB (documents included).
    const server = await startTestServer(data.dir, { cacheMaxBytes: 5_400, layerCacheMaxBytes: 0 });
    cleanups.push(server.close);
    const a = await analyze(server.url, 'test-oci-gzip-image.tar');
    const b = await analyze(server.url, 'test-oci-zstd-image.tar');
    const sizes = (await (await fetch(`${server.url}/api/analyses`)).json()) as {
      analyses: Array<{ storedBytes: number }>;
    };
    // The budget must hold two results but not three for this test to mean anything.
    for (const item of sizes.analyses) expect(item.storedBytes).toBeGreaterThan(3_600 / 3);
    await new Promise((r) => setTimeout(r, 20));
    await fetch(`${server.url}/api/analyses/${a}`); // a is now more recent than b
    const c = await analyze(server.url, 'test-oci-uncompressed-image.tar');
    const ids = await listIds(server.url);
    expect(ids[0]).toBe(c);
    expect(ids).toContain(a);
    expect(ids).not.toContain(b);
    expect(await readdir(join(data.dir, 'analyses'))).not.toContain(b);
    const health = (await (await fetch(`${server.url}/api/health`)).json()) as { storage: { bytes: number } };
    expect(health.storage.bytes).toBeLessThanOrEqual(5_400);
  });
});
