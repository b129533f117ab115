/**
 * Issue 10's hostile archives uploaded to the server: each job fails with its typed 4xx error
 * and a one-line message, leaves no temp file, and the server stays healthy. The same catalogue
 * runs through the library and the CLI. Also the deep-path case (3,000 directories, whited out
 * by a later layer) is analyzed and its model served.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE_CASES, writeDeepArchive, writeHostileCase } from '@strata/testkit';
import { STATUS } from './http/api-error.js';
import type { RunningServer } from './server.js';
import { jobIdOf, uploadRaw, waitForJob } from './test-support/client.js';
import { startTestServer, tempDataDir, tmpFiles } from './test-support/harness.js';

let data: Awaited<ReturnType<typeof tempDataDir>>;
let work: string;
let server: RunningServer;

beforeAll(async () => {
  data = await tempDataDir();
  work = await mkdtemp(join(tmpdir(), 'strata-server-hostile-'));
  server = await startTestServer(data.dir, { layerCacheMaxBytes: 0 });
});
afterAll(async () => {
  await server.close();
  await data.remove();
  await rm(work, { recursive: true, force: true });
});

describe('hostile uploads', () => {
  it.each(HOSTILE_CASES.map((c) => [c.name, c] as const))('%s: a typed 4xx', async (_name, c) => {
    const path = await writeHostileCase(work, c);
    const job = await waitForJob(server.url, await jobIdOf(await uploadRaw(server.url, path)), 120_000);
    await rm(path);
    expect(job.phase).toBe('failed');
    expect(job.error).toMatchObject({ code: c.code, status: STATUS[c.code] });
    expect(job.error?.status).toBeLessThan(500);
    const message = job.error?.message ?? '';
    if (typeof c.message === 'string') expect(message).toContain(c.message);
    else expect(message).toMatch(c.message);
    expect(message).not.toMatch(/\n|internal error|TypeError|RangeError|is not a function/);
    expect(await tmpFiles(data.dir)).toEqual([]);
  });

  it('stays healthy', async () => {
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });
});

describe('deep paths', () => {
  it('a tree 3,000 deep, whited out by a later layer, is analyzed and its model served', async () => {
    const archive = join(work, 'deep.tar');
    await writeDeepArchive(archive, 3000);
    const job = await waitForJob(server.url, await jobIdOf(await uploadRaw(server.url, archive)), 120_000);
    expect(job.error).toBeNull();
    const model = await fetch(`${server.url}/api/analyses/${job.analysisId}/model`);
    expect(model.status).toBe(200);
  });
});
