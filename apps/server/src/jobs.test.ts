/** Jobs: the SSE event sequence, queueing, cancelling (DELETE and client disconnect). */
import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { JobEventSchema, type JobEvent } from '@strata/contract';
import { diveFixture } from '@strata/testkit';
import {
  jobIdOf,
  readEvents,
  startUpload,
  uploadingJob,
  uploadRaw,
  waitForJob,
} from './test-support/client.js';
import { gatedDecoder } from './test-support/gate.js';
import { startTestServer, tempDataDir, tmpFiles } from './test-support/harness.js';

const DOCKER = diveFixture('test-docker-image.tar');
const OCI = diveFixture('test-oci-zstd-image.tar');

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

async function serve(...args: Parameters<typeof startTestServer> extends [string, ...infer R] ? R : never) {
  const data = await tempDataDir();
  const server = await startTestServer(data.dir, ...args);
  cleanups.push(data.remove, server.close);
  return { server, dataDir: data.dir };
}

const phases = (events: JobEvent[]): string[] =>
  events.filter((e) => e.type === 'phase').map((e) => (e as { phase: string }).phase);

describe('job events', () => {
  it('streams uploading, queued, analyzing, per-layer progress, then done with the analysis id', async () => {
    const { server } = await serve();
    const archive = await readFile(DOCKER);
    const upload = startUpload(server.url, {
      'content-type': 'application/octet-stream',
      'content-length': archive.length,
    });
    upload.req.write(archive.subarray(0, 64 * 1024));
    const job = await uploadingJob(server.url);
    const events = readEvents(server.url, job.id);
    await new Promise((r) => setTimeout(r, 150)); // past the progress throttle
    upload.req.end(archive.subarray(64 * 1024));
    expect((await upload.response).status).toBe(202);

    const all = await events;
    for (const e of all) JobEventSchema.parse(e);
    expect(all[0]).toMatchObject({
      type: 'job',
      job: { phase: 'uploading', upload: { bytesTotal: archive.length } },
    });
    expect(phases(all)).toEqual(['queued', 'analyzing', 'done']);
    const uploadProgress = all.filter((e) => e.type === 'progress' && e.phase === 'uploading');
    expect(uploadProgress.at(-1)).toMatchObject({ bytesDone: archive.length, bytesTotal: archive.length });
    expect(all).toContainEqual({ type: 'queue', position: 1 });
    const layers = all.filter((e) => e.type === 'layer');
    const finished = new Set(layers.filter((e) => e.done).map((e) => e.index));
    expect(finished.size).toBe(14);
    expect(layers[0]).toMatchObject({ layerCount: 14 });
    const last = all.at(-1);
    expect(last).toMatchObject({
      type: 'done',
      deduplicated: false,
      analysisId: expect.stringMatching(/^sha256-/),
    });
  });

  it('replays a finished job as its snapshot and its final event', async () => {
    const { server } = await serve();
    const jobId = await jobIdOf(await uploadRaw(server.url, OCI));
    await waitForJob(server.url, jobId);
    const events = await readEvents(server.url, jobId);
    expect(events.map((e) => e.type)).toEqual(['job', 'done']);
  });
});

describe('queueing', () => {
  it('runs one analysis at a time with STRATA_JOB_CONCURRENCY=1; the second waits at position 1', async () => {
    const gate = gatedDecoder();
    const { server } = await serve({ jobConcurrency: 1, layerCacheMaxBytes: 0 }, { decoder: gate.decoder });
    const first = await jobIdOf(await uploadRaw(server.url, DOCKER));
    await gate.reached;
    const second = await jobIdOf(await uploadRaw(server.url, OCI));
    const waiting = (await (await fetch(`${server.url}/api/jobs/${second}`)).json()) as {
      phase: string;
      queuePosition: number;
    };
    expect(waiting).toMatchObject({ phase: 'queued', queuePosition: 1 });
    const health = (await (await fetch(`${server.url}/api/health`)).json()) as { jobs: unknown };
    expect(health.jobs).toEqual({ running: 1, queued: 1, uploading: 0 });
    const events = readEvents(server.url, second);
    gate.open();
    expect((await waitForJob(server.url, first)).phase).toBe('done');
    const secondEvents = await events;
    expect(secondEvents[0]).toMatchObject({ type: 'job', job: { phase: 'queued', queuePosition: 1 } });
    expect(phases(secondEvents)).toEqual(['analyzing', 'done']);
  });
});

describe('cancelling', () => {
  it('DELETE stops an analysis under way, fails it with CANCELLED and removes its files', async () => {
    const gate = gatedDecoder();
    const { server, dataDir } = await serve({ layerCacheMaxBytes: 0 }, { decoder: gate.decoder });
    const jobId = await jobIdOf(await uploadRaw(server.url, DOCKER));
    await gate.reached;
    expect(await tmpFiles(dataDir)).toHaveLength(1);
    const res = await fetch(`${server.url}/api/jobs/${jobId}`, { method: 'DELETE' });
    expect(await res.json()).toMatchObject({ phase: 'failed', error: { code: 'CANCELLED', status: 409 } });
    expect(await tmpFiles(dataDir)).toEqual([]);
    expect(await (await fetch(`${server.url}/api/analyses`)).json()).toEqual({ analyses: [] });
  });

  it('DELETE during the upload ends the request with 409 and removes the partial file', async () => {
    const { server, dataDir } = await serve();
    const { upload, job } = await partialUpload(server.url);
    await fetch(`${server.url}/api/jobs/${job.id}`, { method: 'DELETE' });
    const res = await upload.response;
    expect(res.status).toBe(409);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'CANCELLED' } });
    expect(await tmpFiles(dataDir)).toEqual([]);
  });

  it('a client that disconnects during the upload cancels its job', async () => {
    const { server, dataDir } = await serve();
    const { upload, job } = await partialUpload(server.url);
    upload.req.destroy();
    const ended = await waitForJob(server.url, job.id);
    expect(ended.error).toMatchObject({ code: 'CANCELLED' });
    expect(await tmpFiles(dataDir)).toEqual([]);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });

  it('DELETE of an unknown job is a 404', async () => {
    const { server } = await serve();
    const res = await fetch(`${server.url}/api/jobs/nope`, { method: 'DELETE' });
    expect(res.status).toBe(404);
  });
});

/** An upload that declares 1 MiB, sends 64 KiB and stays open: its job is in phase uploading. */
async function partialUpload(url: string) {
  const upload = startUpload(url, { 'content-type': 'application/octet-stream', 'content-length': 1 << 20 });
  upload.req.write(Buffer.alloc(64 * 1024));
  return { upload, job: await uploadingJob(url) };
}
