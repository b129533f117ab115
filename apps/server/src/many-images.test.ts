/**
 * An upload holding several images: the job fails with SEVERAL_IMAGES listing them and the
 * server keeps the upload, so each (or all) can be analyzed without sending it again; `?image=`
 * chooses up front. Then /api/compare and /api/disk-use over the stored analyses, checked
 * against GNU tar extracting the layers with whiteouts (packages/testkit/src/rootfs).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApiErrorSchema,
  CompareResponseSchema,
  JobSchema,
  PlatformOfferResponseSchema,
  type Job,
} from '@strata/contract';
import {
  diffRootfs,
  extractDockerArchive,
  sampleBundleSpecs,
  sampleMultiPlatformSpec,
  writeImageArchive,
  writeImageBundle,
  type ExtractedImage,
} from '@strata/testkit';
import type { RunningServer } from './server.js';
import { jobIdOf, uploadRaw, waitForJob } from './test-support/client.js';
import { startTestServer, tempDataDir, tmpFiles } from './test-support/harness.js';

let data: Awaited<ReturnType<typeof tempDataDir>>;
let server: RunningServer;
let work: string;
let bundle: string;
let images: ExtractedImage[];

beforeAll(async () => {
  data = await tempDataDir();
  server = await startTestServer(data.dir);
  work = await mkdtemp(join(tmpdir(), 'strata-many-'));
  bundle = join(work, 'bundle.tar');
  await writeImageBundle(sampleBundleSpecs(), bundle, 'docker-legacy');
  images = [0, 1, 2].map((i) => extractDockerArchive(bundle, i, join(work, 'x')));
}, 120_000);
afterAll(async () => {
  await server.close();
  await data.remove();
  await rm(work, { recursive: true, force: true });
});

async function analyzeHeld(upload: string, image: string): Promise<Job> {
  const res = await fetch(`${server.url}/api/analyses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ upload, image }),
  });
  return JobSchema.parse(await waitForJob(server.url, await jobIdOf(res)));
}

const ids: string[] = [];
const sizeOf = (img: ExtractedImage): number => img.layers.reduce((s, l) => s + l.sizeBytes, 0);

describe('an upload with several images', () => {
  it('fails with SEVERAL_IMAGES, lists the images with their layers, and keeps the upload', async () => {
    const job = JobSchema.parse(
      await waitForJob(server.url, await jobIdOf(await uploadRaw(server.url, bundle, '?name=bundle.tar'))),
    );
    expect(job.phase).toBe('failed');
    expect(job.error).toMatchObject({ code: 'SEVERAL_IMAGES', status: 422 });
    expect(job.error?.message).toContain('bundle.tar holds 3 images');
    expect(job.error?.message).not.toContain(data.dir);
    const listed = job.error?.images ?? [];
    expect(listed.map((i) => [i.index, i.refs, i.platforms])).toEqual([
      [0, ['app:1'], ['linux/amd64']],
      [1, ['app:2'], ['linux/amd64']],
      [2, ['site:1'], ['linux/amd64']],
    ]);
    // the layers as the archive stores them: the diff_ids sha256sum gives
    expect(listed.map((i) => i.layers.map((l) => l.id))).toEqual(
      images.map((img) => img.layers.map((l) => l.diffId)),
    );
    expect(job.error?.upload).toMatch(/^[a-f0-9-]{36}$/);
    expect(await tmpFiles(data.dir)).toEqual([`held-${job.error?.upload}`]);

    // "analyze all": one request per image, the archive is not sent again
    for (const image of ['@0', '@1', '@2']) {
      const done = await analyzeHeld(job.error?.upload as string, image);
      expect(done.phase).toBe('done');
      ids.push(done.analysisId as string);
    }
    const names = await Promise.all(
      ids.map(
        async (id) =>
          ((await (await fetch(`${server.url}/api/analyses/${id}`)).json()) as { image: { names: string[] } })
            .image.names,
      ),
    );
    expect(names).toEqual([['app:1'], ['app:2'], ['site:1']]);
    expect(await tmpFiles(data.dir)).toEqual([`held-${job.error?.upload}`]); // still kept for more choices
  });

  it('chooses up front with ?image=, and refuses an unknown upload token', async () => {
    const job = await waitForJob(
      server.url,
      await jobIdOf(await uploadRaw(server.url, bundle, '?image=site:1')),
    );
    expect(job).toMatchObject({ phase: 'done', analysisId: ids[2], deduplicated: true });
    const res = await fetch(`${server.url}/api/analyses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ upload: '00000000-0000-0000-0000-000000000000', image: '@0' }),
    });
    expect(res.status).toBe(404);
    expect(ApiErrorSchema.parse(await res.json()).error.message).toContain('no longer kept');
  });
});

describe('an OCI layout archive with several tags', () => {
  it('lists its ref names, and analyzes the one chosen by ref name', async () => {
    const layout = join(work, 'layout.tar');
    const specs = sampleBundleSpecs().map((spec, i) => ({ ...spec, repoTags: [`v${i + 1}`] }));
    await writeImageBundle(specs, layout, 'oci-layout');
    const failed = await waitForJob(
      server.url,
      await jobIdOf(await uploadRaw(server.url, layout, '?name=layout.tar')),
    );
    expect(failed.error).toMatchObject({ code: 'SEVERAL_IMAGES' });
    expect(failed.error?.images?.map((i) => i.refs)).toEqual([['v1'], ['v2'], ['v3']]);
    const done = await analyzeHeld(failed.error?.upload as string, 'v2');
    const report = (await (await fetch(`${server.url}/api/analyses/${done.analysisId}`)).json()) as {
      image: { names: string[]; source: string; sizeBytes: number };
    };
    expect(report.image).toMatchObject({
      names: ['v2'],
      source: 'oci-archive:layout.tar:v2',
      sizeBytes: sizeOf(images[1]!),
    });
  });
});

describe('an upload of a multi-platform archive', () => {
  it('keeps the archive so that the analysis can switch to another platform', async () => {
    const multi = join(work, 'multi.tar');
    await writeImageArchive(sampleMultiPlatformSpec(), multi, 'oci-index-nested');
    const job = await waitForJob(
      server.url,
      await jobIdOf(await uploadRaw(server.url, multi, '?name=multi.tar')),
    );
    expect(job.phase).toBe('done');
    const offer = PlatformOfferResponseSchema.parse(
      await (await fetch(`${server.url}/api/offers/${job.analysisId}`)).json(),
    );
    expect(offer).toMatchObject({ image: '@0', platforms: ['linux/amd64', 'linux/arm64'] });
    const res = await fetch(`${server.url}/api/analyses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ upload: offer.upload, image: offer.image, platform: 'linux/arm64' }),
    });
    const arm = await waitForJob(server.url, await jobIdOf(res));
    const report = (await (await fetch(`${server.url}/api/analyses/${arm.analysisId}`)).json()) as {
      image: { platform: string; sizeBytes: number };
    };
    expect(report.image).toEqual(
      expect.objectContaining({ platform: 'linux/arm64', sizeBytes: sizeOf(images[2]!) }),
    );
    expect((await fetch(`${server.url}/api/offers/sha256-${'0'.repeat(64)}`)).status).toBe(404);
  });
});

describe('between stored analyses', () => {
  it('GET /api/compare gives what tar extraction sees change between the two', async () => {
    const res = await fetch(`${server.url}/api/compare?a=${ids[0]}&b=${ids[1]}`);
    expect(res.status).toBe(200);
    const diff = CompareResponseSchema.parse(await res.json());
    const [a, b] = images as [ExtractedImage, ExtractedImage];
    expect(diff.files).toEqual(diffRootfs(a.files, b.files));
    expect(diff.sizeDeltaBytes).toBe(sizeOf(b) - sizeOf(a));
    expect(diff.commonPrefixLayers).toBe(2);
    expect(diff.layersB.map((l) => l.diffId)).toEqual(b.layers.map((l) => l.diffId));
    expect((await fetch(`${server.url}/api/compare?a=${ids[0]}&b=nope`)).status).toBe(400);
  });

  it('GET /api/disk-use counts each distinct layer once', async () => {
    const body = (await (await fetch(`${server.url}/api/disk-use?ids=${ids.join(',')}`)).json()) as {
      totalBytes: number;
      sumBytes: number;
      layers: Array<{ images: number[] }>;
    };
    const distinct = new Map(
      images.flatMap((img) => img.layers.map((l) => [l.diffId, l.sizeBytes] as const)),
    );
    expect(body.totalBytes).toBe([...distinct.values()].reduce((s, n) => s + n, 0));
    expect(body.sumBytes).toBe(images.map(sizeOf).reduce((s, n) => s + n, 0));
    expect(body.layers.filter((l) => l.images.length === 3)).toHaveLength(1); // the base
  });
});
