/** `GET /api/analyses/:id/documents`: the manifest and config as the archive holds them. */
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { ImageDocumentsSchema } from '@strata/contract';
import { diveFixture } from '@strata/testkit';
import { jobIdOf, uploadRaw, waitForJob } from './test-support/client.js';
import { startTestServer, tempDataDir } from './test-support/harness.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

describe('documents', () => {
  it('serves the config and manifest of an analysis, and 404 for an unknown one', async () => {
    const data = await tempDataDir();
    cleanups.push(data.remove);
    const server = await startTestServer(data.dir);
    cleanups.push(server.close);
    const job = await waitForJob(
      server.url,
      await jobIdOf(await uploadRaw(server.url, diveFixture('test-docker-image.tar'))),
    );
    const res = await fetch(`${server.url}/api/analyses/${job.analysisId}/documents`);
    expect(res.status).toBe(200);
    const docs = ImageDocumentsSchema.parse(await res.json());
    const report = (await (await fetch(`${server.url}/api/analyses/${job.analysisId}`)).json()) as {
      layers: Array<{ digest: string }>;
      image: { configDigest: string };
    };
    // Checked against the archive itself (manifest.json names the config file), not our output.
    const archive = diveFixture('test-docker-image.tar');
    const manifestJson = JSON.parse(
      execFileSync('tar', ['-xOf', archive, 'manifest.json'], { encoding: 'utf8' }),
    ) as Array<{ Config: string }>;
    const rawConfig = JSON.parse(
      execFileSync('tar', ['-xOf', archive, (manifestJson[0] as { Config: string }).Config], {
        encoding: 'utf8',
      }),
    ) as Record<string, unknown>;
    expect(docs.config).toEqual(rawConfig);
    const manifest = docs.manifest as { config: { digest: string }; layers: Array<{ digest: string }> };
    expect(manifest.config.digest).toBe(report.image.configDigest);
    expect(manifest.layers.map((l) => l.digest)).toEqual(report.layers.map((l) => l.digest));
    expect(docs.index).toBeUndefined(); // a docker-archive has no index
    expect((await fetch(`${server.url}/api/analyses/${'0'.repeat(64)}/documents`)).status).toBe(404);

    // An OCI layout's index.json comes along as the index.
    const oci = diveFixture('test-oci-gzip-image.tar');
    const ociJob = await waitForJob(server.url, await jobIdOf(await uploadRaw(server.url, oci)));
    const ociDocs = ImageDocumentsSchema.parse(
      await (await fetch(`${server.url}/api/analyses/${ociJob.analysisId}/documents`)).json(),
    );
    expect(ociDocs.index).toEqual(
      JSON.parse(execFileSync('tar', ['-xOf', oci, 'index.json'], { encoding: 'utf8' })),
    );
  });
});
