/**
 * Advice in the server: computed when an analysis is stored and served inside the report (as
 * the CLI's `--report` has it); a result stored before advice existed is still served, and a new
 * analysis of the same image replaces it instead of being answered from it.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { ReportSchema, type Report } from '@strata/contract';
import { unpackModel } from '@strata/analysis';
import { diveFixture } from '@strata/testkit';
import { jobIdOf, uploadRaw, waitForJob } from './test-support/client.js';
import { startTestServer, tempDataDir } from './test-support/harness.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

async function analyze(base: string): Promise<{ id: string; deduplicated: boolean }> {
  const job = await waitForJob(
    base,
    await jobIdOf(await uploadRaw(base, diveFixture('test-docker-image.tar'))),
  );
  expect(job.phase).toBe('done');
  return { id: job.analysisId as string, deduplicated: job.deduplicated };
}

async function report(base: string, id: string): Promise<Report> {
  const res = await fetch(`${base}/api/analyses/${id}`);
  expect(res.status).toBe(200);
  return ReportSchema.parse(await res.json());
}

describe('advice in the report', () => {
  it('serves advice[] with the report: the chmod layers and the cp/mv chain of test-docker-image', async () => {
    const data = await tempDataDir();
    cleanups.push(data.remove);
    const server = await startTestServer(data.dir, { layerCacheMaxBytes: 0 });
    cleanups.push(server.close);
    const { id } = await analyze(server.url);
    const { advice } = await report(server.url, id);
    expect(advice).toBeDefined();
    const byRule = (rule: string) => advice?.find((f) => f.rule === rule);
    expect(byRule('metadata-rewrite')).toMatchObject({ layers: [3, 4, 7, 13], recoverableBytes: 2 * 6405 });
    expect(byRule('cleanup-later')).toMatchObject({ layers: [4, 5, 6, 7, 9], recoverableBytes: 3 * 6405 });
    expect(byRule('metadata-rewrite')?.fix.after).toContain('&& chmod +x /root/saved.txt');
    // The model does not repeat the report (nor its advice): the page loads the report once.
    const res = await fetch(`${server.url}/api/analyses/${id}/model`);
    const model = unpackModel(new Uint8Array(await res.arrayBuffer()));
    expect(model).not.toHaveProperty('report');
    expect(model.paths).toContain('/root/saved.txt');
  });

  it('a result stored without advice is served as is, and analyzing the image again replaces it', async () => {
    const data = await tempDataDir();
    cleanups.push(data.remove);
    const first = await startTestServer(data.dir, { layerCacheMaxBytes: 0 });
    const { id } = await analyze(first.url);
    await first.close();

    // What an older server left: meta.json without the advice flag, a report without advice.
    const dir = join(data.dir, 'analyses', id);
    const meta = JSON.parse(await readFile(join(dir, 'meta.json'), 'utf8')) as Record<string, unknown>;
    expect(meta['hasAdvice']).toBe(true);
    delete meta['hasAdvice'];
    await writeFile(join(dir, 'meta.json'), JSON.stringify(meta));
    const stored = JSON.parse(gunzipSync(await readFile(join(dir, 'report.json.gz'))).toString()) as Report;
    delete stored.advice;
    await writeFile(join(dir, 'report.json.gz'), gzipSync(JSON.stringify(stored)));

    const server = await startAndKeep(data.dir);
    expect((await report(server.url, id)).advice).toBeUndefined();
    const list = (await (await fetch(`${server.url}/api/analyses`)).json()) as { analyses: object[] };
    expect(list.analyses).toHaveLength(1);
    expect(list.analyses[0]).not.toHaveProperty('hasAdvice');

    const again = await analyze(server.url);
    expect(again).toEqual({ id, deduplicated: false });
    expect((await report(server.url, id)).advice?.length).toBeGreaterThan(0);
    expect(await analyze(server.url)).toEqual({ id, deduplicated: true });
  });
});

async function startAndKeep(dataDir: string) {
  const server = await startTestServer(dataDir, { layerCacheMaxBytes: 0 });
  cleanups.push(server.close);
  return server;
}
