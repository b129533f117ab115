/** Uploads (multipart and raw), dedup, and every result endpoint, on the public dive fixtures. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unpackModel } from '@strata/analysis';
import {
  AnalysisListSchema,
  ApiErrorSchema,
  HealthSchema,
  JobSchema,
  MODEL_MEDIA_TYPE,
  ReportSchema,
} from '@strata/contract';
import { diveFixture, expectedFigures } from '@strata/testkit';
import type { RunningServer } from './server.js';
import { jobIdOf, uploadMultipart, uploadRaw, waitForJob } from './test-support/client.js';
import { startTestServer, tempDataDir } from './test-support/harness.js';

const DOCKER = diveFixture('test-docker-image.tar');
const OCI = diveFixture('test-oci-gzip-image.tar');

describe('uploads and results', () => {
  let data: Awaited<ReturnType<typeof tempDataDir>>;
  let server: RunningServer;
  beforeAll(async () => {
    data = await tempDataDir();
    server = await startTestServer(data.dir);
  });
  afterAll(async () => {
    await server.close();
    await data.remove();
  });

  it('analyzes a multipart upload and serves summary, dive export and model', async () => {
    const jobId = await jobIdOf(await uploadMultipart(server.url, DOCKER, 'test-docker-image.tar'));
    const job = JobSchema.parse(await waitForJob(server.url, jobId));
    expect(job).toMatchObject({
      phase: 'done',
      kind: 'upload',
      source: 'test-docker-image.tar',
      deduplicated: false,
    });
    const id = job.analysisId as string;
    expect(id).toMatch(/^sha256-[0-9a-f]{64}$/);

    const report = ReportSchema.parse(await (await fetch(`${server.url}/api/analyses/${id}`)).json());
    const expected = expectedFigures().find((f) => f.fixture === 'test-docker-image.tar');
    expect(report.image).toMatchObject({
      source: 'docker-archive:test-docker-image.tar',
      sizeBytes: expected?.sizeBytes,
      wastedBytes: expected?.wastedBytes,
      layerCount: expected?.layers,
    });

    const dive = (await (await fetch(`${server.url}/api/analyses/${id}/dive.json`)).json()) as {
      image: { inefficientBytes: number };
      layer: unknown[];
    };
    expect(dive.image.inefficientBytes).toBe(expected?.wastedBytes);
    expect(dive.layer).toHaveLength(expected?.layers ?? -1);

    const res = await fetch(`${server.url}/api/analyses/${id}/model`);
    expect(res.headers.get('content-type')).toContain(MODEL_MEDIA_TYPE);
    const model = unpackModel(new Uint8Array(await res.arrayBuffer()));
    expect(model.layers).toHaveLength(report.layers.length);
    expect(model.paths.length).toBe(model.parent.length);
  });

  it('analyzes a raw body upload, named by ?name=', async () => {
    const jobId = await jobIdOf(await uploadRaw(server.url, OCI, '?name=oci.tar'));
    const job = await waitForJob(server.url, jobId);
    expect(job).toMatchObject({ phase: 'done', source: 'oci.tar', deduplicated: false });
  });

  it('returns the stored result for an image analyzed before (dedup by digest)', async () => {
    const first = await waitForJob(server.url, await jobIdOf(await uploadRaw(server.url, DOCKER)));
    expect(first.phase).toBe('done');
    const again = await waitForJob(server.url, await jobIdOf(await uploadMultipart(server.url, DOCKER)));
    expect(again).toMatchObject({ phase: 'done', deduplicated: true, analysisId: first.analysisId });
    expect(again.layers).toEqual([]); // no layer was decoded
  });

  it('serves the dive export inflated to a client that does not accept gzip', async () => {
    const { analyses } = AnalysisListSchema.parse(await (await fetch(`${server.url}/api/analyses`)).json());
    const { request } = await import('node:http');
    const body = await new Promise<string>((resolve, reject) => {
      const req = request(`${server.url}/api/analyses/${analyses[0]?.id}/dive.json`, (res) => {
        expect(res.headers['content-encoding']).toBeUndefined();
        let text = '';
        res
          .setEncoding('utf8')
          .on('data', (c: string) => (text += c))
          .on('end', () => resolve(text));
      });
      req.on('error', reject).end();
    });
    expect(JSON.parse(body)).toHaveProperty('image.efficiencyScore');
  });

  it('lists recent analyses and deletes one', async () => {
    const list = AnalysisListSchema.parse(await (await fetch(`${server.url}/api/analyses`)).json());
    expect(list.analyses.map((a) => a.name).sort()).toEqual(
      expect.arrayContaining([expect.any(String), expect.any(String)]),
    );
    const docker = list.analyses.find((a) => a.source === 'docker-archive:test-docker-image.tar');
    expect(docker).toMatchObject({ layerCount: 14, efficiency: expect.any(Number) });
    const id = list.analyses[0]?.id as string;
    expect((await fetch(`${server.url}/api/analyses/${id}`, { method: 'DELETE' })).status).toBe(204);
    const gone = await fetch(`${server.url}/api/analyses/${id}`);
    expect(gone.status).toBe(404);
    expect(ApiErrorSchema.parse(await gone.json()).error.code).toBe('NOT_FOUND');
  });

  it('answers health, unknown routes and the placeholder page', async () => {
    const health = HealthSchema.parse(await (await fetch(`${server.url}/api/health`)).json());
    expect(health.status).toBe('ok');
    const missing = await fetch(`${server.url}/api/nope`);
    expect(missing.status).toBe(404);
    expect(ApiErrorSchema.parse(await missing.json()).error.code).toBe('NOT_FOUND');
    const page = await fetch(`${server.url}/`);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toContain("Strata's server is running");
    const badId = await fetch(`${server.url}/api/analyses/not-an-id/model`);
    expect(badId.status).toBe(404);
  });
});
