/**
 * Bad input never takes the server down: each gets a typed error with its status, its temp
 * files are gone afterwards, and a good job running beside the bad ones still succeeds.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiErrorSchema, type ErrorBody } from '@strata/contract';
import { unpackModel } from '@strata/analysis';
import { diveFixture, writeImageArchive, writePlainTar } from '@strata/testkit';
import type { RunningServer } from './server.js';
import {
  gzipBombLayer,
  sha256,
  tarBuffer,
  writeDockerArchive,
  writeManyEntriesLayer,
} from './test-support/archives.js';
import { jobIdOf, rawRequest, uploadRaw, waitForJob } from './test-support/client.js';
import { startTestServer, tempDataDir, testConfig, tmpFiles } from './test-support/harness.js';

const MiB = 1024 * 1024;
const LIMIT = 48 * MiB;

let data: Awaited<ReturnType<typeof tempDataDir>>;
let work: Awaited<ReturnType<typeof tempDataDir>>;
let server: RunningServer;

beforeAll(async () => {
  data = await tempDataDir();
  work = await tempDataDir();
  const base = testConfig(data.dir);
  server = await startTestServer(data.dir, {
    maxUploadBytes: LIMIT,
    layerCacheMaxBytes: 0,
    // Lower bounds than production so the hostile archives stay small and quick to read;
    // the code paths are the production ones.
    limits: { ...base.limits, maxEntries: 100_000, ratioFloorBytes: 32 * MiB },
  });
});
afterAll(async () => {
  await server.close();
  await data.remove();
  await work.remove();
});

/** Upload a file, wait for its job; the job's error (or null). */
async function analyzeFile(path: string): Promise<{ error: ErrorBody | null; analysisId: string | null }> {
  const job = await waitForJob(server.url, await jobIdOf(await uploadRaw(server.url, path)));
  expect(await tmpFiles(data.dir)).toEqual([]);
  return job;
}

const file = (name: string): string => join(work.dir, name);

describe('bad uploads', () => {
  it('a file that is not an archive: NOT_AN_IMAGE, 422', async () => {
    await writeFile(file('text.tar'), 'hello, this is not a tar file\n'.repeat(100));
    const { error } = await analyzeFile(file('text.tar'));
    expect(error).toMatchObject({ code: 'NOT_AN_IMAGE', status: 422 });
  });

  it('a tar that is not an image: NOT_AN_IMAGE, 422', async () => {
    await writePlainTar([{ path: 'etc/hosts', content: '127.0.0.1 localhost\n' }], file('plain.tar'));
    const { error } = await analyzeFile(file('plain.tar'));
    expect(error).toMatchObject({ code: 'NOT_AN_IMAGE', status: 422 });
  });

  it('a truncated archive: CORRUPT, 422', async () => {
    const spec = { layers: [{ entries: [{ path: 'a.bin', content: { size: 200_000 } }] }] };
    await writeImageArchive(spec, file('cut.tar'), 'docker-legacy', { tamper: 'truncate' });
    const { error } = await analyzeFile(file('cut.tar'));
    expect(error).toMatchObject({ code: 'CORRUPT', status: 422 });
  });

  it('a declared Content-Length over the limit: 413 before any byte is read', async () => {
    const res = await rawRequest(server.url, {
      headers: { 'content-type': 'application/octet-stream', 'content-length': LIMIT + 1 },
      end: false,
    });
    expect(res.status).toBe(413);
    expect(ApiErrorSchema.parse(JSON.parse(res.body)).error.code).toBe('TOO_LARGE');
  });

  it('Expect: 100-continue over the limit: 413 without the 100', async () => {
    const res = await rawRequest(server.url, {
      headers: {
        'content-type': 'application/octet-stream',
        'content-length': LIMIT * 4,
        expect: '100-continue',
      },
      end: false,
    });
    expect(res.status).toBe(413);
  });

  it('a chunked body that grows past the limit: 413, partial file removed', async () => {
    const res = await rawRequest(server.url, {
      headers: { 'content-type': 'application/octet-stream', 'transfer-encoding': 'chunked' },
      body: Buffer.alloc(LIMIT + MiB),
    });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'TOO_LARGE' } });
    expect(await tmpFiles(data.dir)).toEqual([]);
  });

  it('a multipart file over the limit: 413', async () => {
    const boundary = 'strata-test-boundary';
    const head = `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="big.tar"\r\ncontent-type: application/x-tar\r\n\r\n`;
    const body = Buffer.concat([
      Buffer.from(head),
      Buffer.alloc(LIMIT + 1),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await rawRequest(server.url, {
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': body.length },
      body,
    });
    expect(res.status).toBe(413);
    expect(await tmpFiles(data.dir)).toEqual([]);
  });

  it('a multipart form without a file: 400', async () => {
    const form = new FormData();
    form.append('platform', 'linux/amd64');
    const res = await fetch(`${server.url}/api/analyses`, { method: 'POST', body: form });
    expect(res.status).toBe(400);
    expect(ApiErrorSchema.parse(await res.json()).error.code).toBe('BAD_REQUEST');
  });

  it('unsupported content types, bad JSON, bad references, bad platforms: 415 and 400', async () => {
    const post = (type: string, body: string, query = ''): Promise<Response> =>
      fetch(`${server.url}/api/analyses${query}`, {
        method: 'POST',
        headers: { 'content-type': type },
        body,
      });
    const cases: Array<[Promise<Response>, number, string]> = [
      [post('text/plain', 'x'), 415, 'UNSUPPORTED_MEDIA_TYPE'],
      [post('application/x-www-form-urlencoded', 'a=b'), 415, 'UNSUPPORTED_MEDIA_TYPE'],
      [post('application/json', '{"reference":'), 400, 'BAD_REQUEST'],
      [post('application/json', '{"ref":"x"}'), 400, 'BAD_REQUEST'],
      [post('application/json', '{"reference":"UPPER/Case:tag"}'), 400, 'INVALID_REFERENCE'],
      [post('application/json', '{"reference":"a:b","password":"p"}'), 400, 'BAD_REQUEST'],
      [post('application/octet-stream', 'x', '?platform=not-a-platform'), 400, 'BAD_REQUEST'],
    ];
    for (const [res, status, code] of cases) {
      const r = await res;
      expect([r.status, ApiErrorSchema.parse(await r.json()).error.code]).toEqual([status, code]);
    }
  });
});

describe('hostile archives', () => {
  it('paths with .. and absolute paths inside a layer stay names inside the image', async () => {
    const layer = await tarBuffer([
      { name: '../../../../tmp/strata-escape', content: 'x' },
      { name: '/etc/absolute', content: 'y' },
      { name: 'ok/../../../up', content: 'z' },
    ]);
    await writeDockerArchive(file('dotdot.tar'), [{ name: 'l0/layer.tar', content: layer }], {
      tag: 'dotdot:1',
    });
    const { error, analysisId } = await analyzeFile(file('dotdot.tar'));
    expect(error).toBeNull();
    const res = await fetch(`${server.url}/api/analyses/${analysisId}/model`);
    const model = unpackModel(new Uint8Array(await res.arrayBuffer()));
    expect(model.paths).toEqual(expect.arrayContaining(['/tmp/strata-escape', '/etc/absolute', '/up']));
    expect(model.paths.every((p) => p.startsWith('/') && !p.split('/').includes('..'))).toBe(true);
  });

  it('a manifest naming a layer outside the archive: MISSING_BLOB, 422', async () => {
    const layer = await tarBuffer([{ name: 'a', content: 'a' }]);
    await writeDockerArchive(file('outside.tar'), [{ name: 'l0/layer.tar', content: layer }], {
      layerNames: ['../../../../etc/passwd'],
    });
    const { error } = await analyzeFile(file('outside.tar'));
    expect(error).toMatchObject({ code: 'MISSING_BLOB', status: 422 });
  });

  it('symlink chains and loops for layer.tar: MISSING_BLOB, 422', async () => {
    const layer = await tarBuffer([{ name: 'a', content: 'a' }]);
    const chain = Array.from({ length: 40 }, (_, i) => ({
      name: `hop${i}`,
      type: 'symlink' as const,
      linkname: i === 39 ? 'real/layer.tar' : `hop${i + 1}`,
    }));
    await writeDockerArchive(file('chain.tar'), [{ name: 'real/layer.tar', content: layer }], {
      extra: [
        ...chain,
        { name: 'loop-a', type: 'symlink', linkname: 'loop-b' },
        { name: 'loop-b', type: 'symlink', linkname: 'loop-a' },
      ],
      layerNames: ['hop0'],
    });
    expect((await analyzeFile(file('chain.tar'))).error).toMatchObject({ code: 'MISSING_BLOB', status: 422 });
    await writeDockerArchive(file('loop.tar'), [{ name: 'real/layer.tar', content: layer }], {
      extra: [
        { name: 'loop-a', type: 'symlink', linkname: 'loop-b' },
        { name: 'loop-b', type: 'symlink', linkname: 'loop-a' },
        { name: 'abs', type: 'symlink', linkname: '/etc/passwd' },
      ],
      layerNames: ['loop-a'],
    });
    expect((await analyzeFile(file('loop.tar'))).error).toMatchObject({ code: 'MISSING_BLOB', status: 422 });
  });

  it('a gzip bomb: TOO_LARGE, 413, while a good upload beside it succeeds', async () => {
    const bomb = gzipBombLayer(1024 * MiB);
    expect(bomb.length).toBeLessThan(2 * MiB); // inflates 1000x
    await writeDockerArchive(file('bomb.tar'), [
      { name: 'l0/layer.tar', content: bomb, diffId: sha256(Buffer.alloc(0)) },
    ]);
    // Both jobs end before the temp folder is looked at: the good upload's file is there until its job ends.
    const started = async (path: string) =>
      waitForJob(server.url, await jobIdOf(await uploadRaw(server.url, path)));
    const [bad, good] = await Promise.all([
      started(file('bomb.tar')),
      started(diveFixture('test-kaniko-image.tar')),
    ]);
    expect(await tmpFiles(data.dir)).toEqual([]);
    expect(bad.error).toMatchObject({ code: 'TOO_LARGE', status: 413 });
    expect(bad.error?.message).toMatch(/decompression bomb/);
    expect(good).toMatchObject({ phase: 'done', error: null });
  });

  it('a million tiny entries in one layer: TOO_LARGE at the entry bound', async () => {
    await writeManyEntriesLayer(file('many.tar.gz'), 1_000_000);
    await writeDockerArchive(file('many.tar'), [
      { name: 'l0/layer.tar', file: file('many.tar.gz'), diffId: sha256(Buffer.alloc(0)) },
    ]);
    const { error } = await analyzeFile(file('many.tar'));
    expect(error).toMatchObject({ code: 'TOO_LARGE', status: 413 });
    expect(error?.message).toMatch(/more than 100000 entries/);
  });

  it('a 10 MB path name: TOO_LARGE', async () => {
    const layer = gzipSync(await tarBuffer([{ name: `d/${'a'.repeat(10 * MiB)}`, content: 'x' }]));
    await writeDockerArchive(file('longname.tar'), [
      { name: 'l0/layer.tar', content: layer, diffId: sha256(Buffer.alloc(0)) },
    ]);
    const { error } = await analyzeFile(file('longname.tar'));
    expect(error).toMatchObject({ code: 'TOO_LARGE', status: 413 });
  });

  it('is still healthy after all of it, with no temp files left', async () => {
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    expect(await tmpFiles(data.dir)).toEqual([]);
  });
});

describe('bounds across the image', () => {
  it('more entries across the layers than STRATA_MAX_IMAGE_ENTRIES: TOO_LARGE, 413', async () => {
    const own = await tempDataDir();
    const small = await startTestServer(own.dir, { layerCacheMaxBytes: 0, maxImageEntries: 100 });
    try {
      const job = await waitForJob(
        small.url,
        await jobIdOf(await uploadRaw(small.url, diveFixture('test-docker-image.tar'))),
      );
      expect(job.error).toMatchObject({ code: 'TOO_LARGE', status: 413 });
      expect(job.error?.message).toContain('more than 100 tar entries across its layers');
      expect(await tmpFiles(own.dir)).toEqual([]);
    } finally {
      await small.close();
      await own.remove();
    }
  });
});
