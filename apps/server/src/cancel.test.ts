/**
 * Cancel in every phase ends the job `cancelled` and stops the work: the abort reaches the
 * final phase (analysis) and the loop over layers, and no result is stored afterwards.
 * No wall-clock bounds here (shared machines): the tests assert what the abort reached.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeLayer, type BlobDecoder } from '@strata/image';
import { runAnalysis, type AnalysisOutput, type PackedInput } from './analysis/analysis-task.js';
import { diveFixture } from '@strata/testkit';
import { jobIdOf, uploadRaw, waitForJob } from './test-support/client.js';
import { startTestServer, tempDataDir, tmpFiles } from './test-support/harness.js';
import type { ServiceOptions } from './services.js';

const DOCKER = diveFixture('test-docker-image.tar');

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

async function serve(options: ServiceOptions, layerConcurrency = 2) {
  const data = await tempDataDir();
  const server = await startTestServer(data.dir, { layerCacheMaxBytes: 0, layerConcurrency }, options);
  cleanups.push(data.remove, server.close);
  return { server, dataDir: data.dir };
}

/** A final phase held until the test lets it go; it records whether the abort reached it. */
function gatedAnalysis() {
  let reached!: () => void;
  let release!: () => void;
  const state = { aborted: false };
  const atGate = new Promise<void>((resolve) => (reached = resolve));
  const opened = new Promise<void>((resolve) => (release = resolve));
  const analyze = async (
    input: PackedInput,
    source: string,
    signal?: AbortSignal,
  ): Promise<AnalysisOutput> => {
    reached();
    await new Promise<void>((resolve, reject) => {
      void opened.then(resolve);
      signal?.addEventListener(
        'abort',
        () => {
          state.aborted = true;
          reject(signal.reason);
        },
        { once: true },
      );
    });
    return runAnalysis(input, source);
  };
  return { analyze, atGate, release, state };
}

async function cancel(url: string, jobId: string) {
  const res = await fetch(`${url}/api/jobs/${jobId}`, { method: 'DELETE' });
  return (await res.json()) as { phase: string; error: { code: string; status: number } | null };
}

describe('cancel', () => {
  it('during the final phase: the analysis sees the abort, the job ends cancelled, nothing is stored', async () => {
    const gate = gatedAnalysis();
    const { server, dataDir } = await serve({ analyzer: gate.analyze });
    const jobId = await jobIdOf(await uploadRaw(server.url, DOCKER));
    await gate.atGate;
    const ended = await cancel(server.url, jobId);
    expect(ended).toMatchObject({ phase: 'failed', error: { code: 'CANCELLED', status: 409 } });
    expect(gate.state.aborted).toBe(true);
    gate.release();
    expect((await waitForJob(server.url, jobId)).error).toMatchObject({ code: 'CANCELLED' });
    expect(await (await fetch(`${server.url}/api/analyses`)).json()).toEqual({ analyses: [] });
    expect(await tmpFiles(dataDir)).toEqual([]);
  });

  it('between layers: no layer starts after the cancel', async () => {
    let started = 0;
    let reached!: () => void;
    const atFirst = new Promise<void>((resolve) => (reached = resolve));
    const decoder: BlobDecoder = async (layer, options) => {
      // Blobs decoded while the upload arrives have no identity yet: not held; the analysis's own are.
      if (layer.digest === undefined) return decodeLayer(layer, options);
      started++;
      reached();
      await new Promise<void>((_resolve, reject) =>
        options.signal?.addEventListener('abort', () => reject(options.signal?.reason), { once: true }),
      );
      return decodeLayer(layer, options);
    };
    const { server, dataDir } = await serve({ decoder }, 1);
    // Gzipped as a whole, the upload is not decoded while it arrives: every layer goes through the loop.
    const gzipped = join(dataDir, 'docker.tar.gz');
    await writeFile(gzipped, gzipSync(await readFile(DOCKER)));
    const jobId = await jobIdOf(await uploadRaw(server.url, gzipped));
    await atFirst;
    expect(await cancel(server.url, jobId)).toMatchObject({ phase: 'failed', error: { code: 'CANCELLED' } });
    expect(started).toBe(1); // the image has 14 layers, one at a time: the other 13 never started
  });

  it('a job that finished before the DELETE stays done (the DELETE forgets it)', async () => {
    const { server } = await serve({});
    const jobId = await jobIdOf(await uploadRaw(server.url, DOCKER));
    expect((await waitForJob(server.url, jobId)).phase).toBe('done');
    expect(await cancel(server.url, jobId)).toMatchObject({ phase: 'done' });
    expect((await fetch(`${server.url}/api/jobs/${jobId}`)).status).toBe(404);
  });
});
