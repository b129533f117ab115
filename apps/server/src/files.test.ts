/**
 * The file API over real uploads: the bytes GNU tar extracts from the layer that holds the entry,
 * a sniffed Content-Type, Content-Length, byte ranges; blobs shared and dropped with the result.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  buildCachedImage,
  deflateSample,
  diveFixture,
  layerEntryBytes,
  recipeDir,
  seedImage,
  startRegistry,
} from '@strata/testkit';
import { writeDockerArchive } from './test-support/archives.js';
import { jobIdOf, uploadRaw, waitForJob } from './test-support/client.js';
import { startTestServer, tempDataDir, tmpFiles } from './test-support/harness.js';

const isRoot = process.getuid?.() === 0;
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

async function serve(): Promise<{ url: string; dir: string }> {
  const data = await tempDataDir();
  cleanups.push(data.remove);
  const server = await startTestServer(data.dir, { layerCacheMaxBytes: 0 });
  cleanups.push(server.close);
  return { url: server.url, dir: data.dir };
}

async function analyze(base: string, archive: string): Promise<string> {
  const job = await waitForJob(base, await jobIdOf(await uploadRaw(base, archive)), 120_000);
  expect(job.phase).toBe('done');
  return job.analysisId as string;
}

const tarBytes = (archive: string, index: number, entry: string): Buffer =>
  layerEntryBytes(archive, index, entry) as Buffer;

const fileUrl = (base: string, id: string, query: string): string =>
  `${base}/api/analyses/${id}/files?${query}`;

describe('GET /api/analyses/:id/files', () => {
  it('serves a file, its type and length, byte ranges, downloads; refuses directories and missing paths', async () => {
    const { url, dir } = await serve();
    const archive = diveFixture('test-docker-image.tar');
    const id = await analyze(url, archive);
    // /root/saved.txt: written by layer 7 (chmod +x rewrites it again later).
    const res = await fetch(fileUrl(url, id, 'path=/somefile.txt'));
    expect(res.status).toBe(200);
    const body = Buffer.from(await res.arrayBuffer());
    const layer = Number(res.headers.get('x-strata-layer'));
    expect(body.equals(tarBytes(archive, layer, 'somefile.txt'))).toBe(true);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(res.headers.get('content-length')).toBe(String(body.length));
    expect(res.headers.get('content-security-policy')).toContain('sandbox');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');

    const saved = Buffer.from(await (await fetch(fileUrl(url, id, 'path=root/saved.txt'))).arrayBuffer());
    expect(saved.equals(tarBytes(archive, 13, 'root/saved.txt'))).toBe(true);
    const part = await fetch(fileUrl(url, id, 'path=/root/saved.txt'), {
      headers: { range: 'bytes=100-199' },
    });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${saved.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(saved.subarray(100, 200))).toBe(true);
    const tail = await fetch(fileUrl(url, id, 'path=/root/saved.txt'), { headers: { range: 'bytes=-10' } });
    expect(Buffer.from(await tail.arrayBuffer()).equals(saved.subarray(saved.length - 10))).toBe(true);
    const beyond = await fetch(fileUrl(url, id, 'path=/root/saved.txt'), {
      headers: { range: `bytes=${saved.length}-` },
    });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${saved.length}`);

    const download = await fetch(fileUrl(url, id, 'path=/root/saved.txt&download=1'));
    expect(download.headers.get('content-disposition')).toBe("attachment; filename*=UTF-8''saved.txt");
    await download.arrayBuffer();

    const dirRes = await fetch(fileUrl(url, id, 'path=/root'));
    expect(dirRes.status).toBe(400);
    expect(((await dirRes.json()) as { error: { message: string } }).error.message).toBe(
      '/root: is a directory',
    );
    expect((await fetch(fileUrl(url, id, 'path=/nope'))).status).toBe(404);
    expect((await fetch(fileUrl(url, id, 'path=/root/saved.txt&layer=99'))).status).toBe(404);
    expect((await fetch(fileUrl(url, id, 'layer=1'))).status).toBe(400);
    expect(await tmpFiles(dir)).toEqual([]);
  });

  it('layer blobs are kept by digest and dropped with the results that need them', async () => {
    const { url, dir } = await serve();
    const blobs = (): Promise<string[]> => readdir(join(dir, 'blobs', 'sha256'));
    const a = await analyze(url, diveFixture('test-oci-gzip-image.tar'));
    const b = await analyze(url, diveFixture('test-oci-zstd-image.tar'));
    const both = await blobs();
    expect(both.length).toBeGreaterThan(0);
    expect((await fetch(`${url}/api/analyses/${a}`, { method: 'DELETE' })).status).toBe(204);
    expect((await fetch(fileUrl(url, a, 'path=/somefile.txt'))).status).toBe(404);
    const left = await blobs();
    expect(left.length).toBeLessThan(both.length);
    expect(left.length).toBeGreaterThan(0);
    // the zstd image's files are still served, from zstd blobs
    const res = await fetch(fileUrl(url, b, 'path=/README.md'));
    expect([res.status, await res.text()]).toEqual([200, expect.any(String)]);
    await fetch(`${url}/api/analyses/${b}`, { method: 'DELETE' });
    expect(await blobs()).toEqual([]);
  });
});

describe('kept layers follow the results', () => {
  it('a result evicted by the size budget takes its entries and unshared blobs with it', async () => {
    const data = await tempDataDir();
    cleanups.push(data.remove);
    // Room for about two small results (see storage.test.ts).
    const server = await startTestServer(data.dir, { cacheMaxBytes: 5_000, layerCacheMaxBytes: 0 });
    cleanups.push(server.close);
    const contents = (): Promise<string[]> => readdir(join(data.dir, 'contents'));
    const a = await analyze(server.url, diveFixture('test-oci-gzip-image.tar'));
    await analyze(server.url, diveFixture('test-oci-zstd-image.tar'));
    await new Promise((r) => setTimeout(r, 20));
    await analyze(server.url, diveFixture('test-oci-uncompressed-image.tar'));
    const ids = (
      (await (await fetch(`${server.url}/api/analyses`)).json()) as { analyses: Array<{ id: string }> }
    ).analyses.map((x) => x.id);
    expect(ids).not.toContain(a);
    expect((await contents()).filter((f) => f.startsWith(a))).toEqual([]);
    expect((await contents()).filter((f) => f.endsWith('.json.gz'))).toHaveLength(ids.length);
    expect((await readdir(join(data.dir, 'blobs', 'sha256'))).length).toBe(ids.length);
  });
});

describe('GET /api/analyses/:id/files for a registry image', () => {
  it('keeps the blobs as they stream by: files are served after the registry is gone', async () => {
    const registry = await startRegistry();
    cleanups.push(() => registry.stop());
    const archive = diveFixture('test-oci-gzip-image.tar');
    await seedImage(registry, `oci-archive:${archive}`, 'dive/oci:1');
    const { url } = await serve();
    const res = await fetch(`${url}/api/analyses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ reference: `${registry.host}/dive/oci:1` }),
    });
    const job = await waitForJob(url, await jobIdOf(res), 60_000);
    expect(job.phase).toBe('done');
    await registry.stop();
    const file = await fetch(fileUrl(url, job.analysisId as string, 'path=/README.md'));
    expect(file.status).toBe(200);
    const expected = tarBytes(archive, 0, 'README.md');
    expect(Buffer.from(await file.arrayBuffer()).equals(expected)).toBe(true);
  });
});

describe.skipIf(!isRoot)('GET /api/analyses/:id/files on a buildah image', () => {
  it('a symlink followed inside the image, a file deleted later read at its layer', async () => {
    const { url } = await serve();
    const archive = await buildCachedImage(recipeDir('multi-layer'), { format: 'docker-archive' });
    const id = await analyze(url, archive);
    const sh = await fetch(fileUrl(url, id, 'path=/bin/sh'));
    expect(sh.headers.get('content-type')).toBe('application/x-executable');
    expect(sh.headers.get('x-strata-path')).toBe('/bin/busybox');
    expect(Buffer.from(await sh.arrayBuffer()).equals(tarBytes(archive, 0, 'bin/busybox'))).toBe(true);
    expect((await fetch(fileUrl(url, id, 'path=/data/big.bin'))).status).toBe(404);
    const big = await fetch(fileUrl(url, id, 'path=/data/big.bin&layer=3'));
    expect(big.headers.get('x-strata-layer')).toBe('2');
    expect(Buffer.from(await big.arrayBuffer()).equals(tarBytes(archive, 2, 'data/big.bin'))).toBe(true);
  });
});

describe('GET /api/analyses/:id/files on a gzip layer past several checkpoints', () => {
  it('the job leaves the seek index by blob digest; a file and a range past checkpoints equal tar -xO', async () => {
    const { url, dir } = await serve();
    const work = await mkdtemp(join(tmpdir(), 'strata-files-seek-'));
    cleanups.push(() => rm(work, { recursive: true, force: true }));
    await mkdir(join(work, 'root'));
    await writeFile(join(work, 'root', 'a-big.bin'), deflateSample(14 * 1024 * 1024));
    await writeFile(join(work, 'root', 'z-last.txt'), 'the last file\n'.repeat(500));
    execFileSync('sh', [
      '-c',
      `tar --sort=name -C '${work}/root' -cf '${work}/l.tar' . && gzip -6 -c '${work}/l.tar' > '${work}/l.tar.gz'`,
    ]);
    const gz = await readFile(join(work, 'l.tar.gz'));
    const tar = await readFile(join(work, 'l.tar'));
    await writeDockerArchive(join(work, 'image.tar'), [
      {
        name: 'l0/layer.tar',
        content: gz,
        diffId: `sha256:${createHash('sha256').update(tar).digest('hex')}`,
      },
    ]);
    const id = await analyze(url, join(work, 'image.tar'));
    const blobHex = createHash('sha256').update(gz).digest('hex');
    expect(await readdir(join(dir, 'seek-indexes'))).toEqual([`${blobHex}.gz`]);

    const extract = (name: string): Buffer =>
      execFileSync('tar', ['-xOf', join(work, 'l.tar'), `./${name}`], { maxBuffer: 1 << 26 });
    const last = await fetch(fileUrl(url, id, 'path=/z-last.txt'));
    expect(Buffer.from(await last.arrayBuffer()).equals(extract('z-last.txt'))).toBe(true);
    const big = extract('a-big.bin');
    const part = await fetch(fileUrl(url, id, 'path=/a-big.bin'), {
      headers: { range: 'bytes=9000000-9099999' },
    });
    expect(part.status).toBe(206);
    expect(Buffer.from(await part.arrayBuffer()).equals(big.subarray(9_000_000, 9_100_000))).toBe(true);
  });
});
