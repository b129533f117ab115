import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unpackModel, type ImageInput } from '@strata/analysis';
import { loadImageInput, openArchive } from '@strata/image';
import { diveFixture } from '@strata/testkit';
import { createAnalysisPool, type AnalysisPool } from './analysis-pool.js';
import { packInput, runAnalysis } from './analysis-task.js';

let dir: string;
let pool: AnalysisPool;
let input: ImageInput;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'strata-analysis-pool-'));
  // The worker as the server bundles it (apps/server package.json "build").
  await build({
    entryPoints: [join(import.meta.dirname, 'analysis-worker.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: join(dir, 'analysis-worker.mjs'),
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
    logLevel: 'warning',
  });
  pool = createAnalysisPool(pathToFileURL(join(dir, 'analysis-worker.mjs')));
  const image = await openArchive(diveFixture('test-docker-image.tar'));
  try {
    input = await loadImageInput(image);
  } finally {
    await image.close();
  }
});

afterAll(async () => {
  await pool?.close();
  await rm(dir, { recursive: true, force: true });
});

const json = (bytes: Uint8Array): unknown => JSON.parse(gunzipSync(bytes).toString('utf8'));

describe('the analysis worker pool', () => {
  it('gives what the same task gives in this thread, for every artifact', async () => {
    const here = await runAnalysis(packInput(input), 'test');
    const there = await pool.analyze(packInput(input), 'test');
    expect(there.image).toEqual(here.image);
    expect(there.hasAdvice).toBe(true);
    for (const artifact of ['report', 'dive'] as const)
      expect(json(there.files[artifact])).toEqual(json(here.files[artifact]));
    expect(unpackModel(gunzipSync(there.files.model))).toEqual(unpackModel(gunzipSync(here.files.model)));
  });

  it('a cancelled task rejects with the cancel reason, and the pool goes on working', async () => {
    const controller = new AbortController();
    const reason = new Error('the job was cancelled');
    const pending = pool.analyze(packInput(input), 'test', controller.signal);
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    const after = await pool.analyze(packInput(input), 'test');
    expect(after.image.wastedBytes).toBe(32025);
  });
});
