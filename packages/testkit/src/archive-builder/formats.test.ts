import { readdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hexOf } from './go-json';
import { must, run, SAMPLE_SPEC, skopeo, tarListing, tarNames, tempDir } from './test-helpers';
import type { ImageSpec } from './types';
import { writeImageArchive } from './write-image-archive';

let tmp: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  tmp = await tempDir();
});
afterAll(() => tmp.cleanup());

const member = (archive: string, name: string): Promise<string> => must('tar', ['-xOf', archive, name]);
const HEX = '[0-9a-f]{64}';

describe('docker-legacy', () => {
  it('has <id>/{VERSION,json,layer.tar} per layer in walk order, with uncompressed layers', async () => {
    const r = await writeImageArchive(SAMPLE_SPEC, tmp.path('legacy.tar'), 'docker-legacy');
    const names = await tarNames(r.path);
    const manifest = JSON.parse(await member(r.path, 'manifest.json'));
    const ids = (manifest[0].Layers as string[]).map((l) => l.split('/')[0] ?? '');
    expect(manifest).toEqual([
      {
        Config: `${hexOf(r.configDigest)}.json`,
        RepoTags: ['example.com/team/app:1.0'],
        Layers: ids.map((id) => `${id}/layer.tar`),
      },
    ]);
    const perLayer = ids.flatMap((id) => [`${id}/`, `${id}/VERSION`, `${id}/json`, `${id}/layer.tar`]);
    expect(names.filter((n) => !perLayer.includes(n))).toEqual([
      `${hexOf(r.configDigest)}.json`,
      'manifest.json',
      'repositories',
    ]);
    expect(JSON.parse(await member(r.path, 'repositories'))).toEqual({
      'example.com/team/app': { '1.0': ids[2] },
    });
    expect(JSON.parse(await member(r.path, `${ids[1]}/json`)).parent).toBe(ids[0]);
    const firstLayer = await must('sh', ['-c', `tar -xOf '${r.path}' '${ids[0]}/layer.tar' | tar -tf -`]);
    expect(firstLayer).toBe('etc/\netc/os-release\nusr/lib/libbig.so\n');
  });

  it('links a repeated layer to its first copy, as docker save does', async () => {
    const layer = { entries: [{ path: 'same', content: 'same' }] };
    const r = await writeImageArchive(
      { layers: [layer, layer] },
      tmp.path('legacy-dup.tar'),
      'docker-legacy',
    );
    const links = (await tarListing(r.path)).filter((l) => l.startsWith('l'));
    expect(links).toHaveLength(1);
    expect(links[0]).toMatch(new RegExp(`${HEX}/layer.tar -> \\.\\./${HEX}/layer.tar$`));
    expect(
      (await skopeo(['copy', '-q', `docker-archive:${r.path}`, `dir:${tmp.path('legacy-dup')}`])).code,
    ).toBe(0);
  });
});

describe('docker25', () => {
  it('is an OCI layout plus manifest.json pointing into blobs/sha256', async () => {
    const r = await writeImageArchive(SAMPLE_SPEC, tmp.path('d25.tar'), 'docker25');
    const names = await tarNames(r.path);
    expect(names.slice(0, 2)).toEqual(['blobs/', 'blobs/sha256/']);
    // 3 layers, config, manifest, and one unreferenced v1 JSON per layer, as moby writes them.
    expect(names.slice(2, -4)).toHaveLength(8);
    expect(names.slice(-4)).toEqual(['index.json', 'manifest.json', 'oci-layout', 'repositories']);
    const manifest = JSON.parse(await member(r.path, 'manifest.json'));
    expect(manifest[0].Config).toBe(`blobs/sha256/${hexOf(r.configDigest)}`);
    expect(manifest[0].Layers).toEqual(r.diffIds.map((d) => `blobs/sha256/${hexOf(d)}`));
    expect(manifest[0].RepoTags).toEqual(['example.com/team/app:1.0']);
    const index = JSON.parse(await member(r.path, 'index.json'));
    expect(index.manifests[0].annotations).toEqual({
      'io.containerd.image.name': 'example.com/team/app:1.0',
      'org.opencontainers.image.ref.name': '1.0',
    });
    expect(await member(r.path, 'oci-layout')).toBe('{"imageLayoutVersion": "1.0.0"}');
  });

  it('is read by skopeo both as docker-archive (manifest.json) and as oci-archive (index.json)', async () => {
    const r = await writeImageArchive(SAMPLE_SPEC, tmp.path('d25b.tar'), 'docker25');
    const viaDocker = JSON.parse((await skopeo(['inspect', '--raw', `docker-archive:${r.path}`])).stdout);
    expect(viaDocker.layers.map((l: { digest: string }) => l.digest)).toEqual(r.diffIds);
    expect((await skopeo(['copy', '-q', `docker-archive:${r.path}`, `dir:${tmp.path('d25-d')}`])).code).toBe(
      0,
    );
    expect((await skopeo(['copy', '-q', `oci-archive:${r.path}`, `dir:${tmp.path('d25-o')}`])).code).toBe(0);
  });
});

describe('kaniko', () => {
  it('names the config sha256:<hex> first, gzip layers <blob hex>.tar.gz, manifest.json last', async () => {
    const r = await writeImageArchive(SAMPLE_SPEC, tmp.path('kaniko.tar'), 'kaniko');
    const layerFiles = r.layerDigests.map((d) => `${hexOf(d)}.tar.gz`);
    expect(await tarNames(r.path)).toEqual([r.configDigest, ...layerFiles, 'manifest.json']);
    expect(JSON.parse(await member(r.path, 'manifest.json'))).toEqual([
      { Config: r.configDigest, RepoTags: ['example.com/team/app:1.0'], Layers: layerFiles },
    ]);
    expect(await must('sh', ['-c', `tar -xOf '${r.path}' '${layerFiles[0]}' | gzip -dc | tar -tf -`])).toBe(
      'etc/\netc/os-release\nusr/lib/libbig.so\n',
    );
  });
});

describe('podman', () => {
  it('matches what skopeo itself writes for docker-archive, member for member', async () => {
    const spec: ImageSpec = { ...SAMPLE_SPEC, repoTags: ['app:1.0'] };
    const ours = await writeImageArchive(spec, tmp.path('podman.tar'), 'podman');
    const oci = await writeImageArchive(spec, tmp.path('podman-src.tar'), 'oci-layout');
    const theirs = tmp.path('skopeo.tar');
    await must('skopeo', [
      '--insecure-policy',
      'copy',
      '-q',
      `oci-archive:${oci.path}`,
      `docker-archive:${theirs}:app:1.0`,
    ]);
    // Same names, order, types, modes (0444, symlinks 0), sizes, times and link targets…
    expect(await tarListing(ours.path)).toEqual(await tarListing(theirs));
    expect((await tarListing(ours.path)).filter((l) => l.startsWith('l'))).toHaveLength(3);
    // …and the same bytes in every member (headers differ only in Go's octal field padding).
    await must('mkdir', [tmp.path('x-ours'), tmp.path('x-theirs')]);
    await must('tar', ['-C', tmp.path('x-ours'), '-xf', ours.path]);
    await must('tar', ['-C', tmp.path('x-theirs'), '-xf', theirs]);
    expect(
      (await run('diff', ['-r', '--no-dereference', tmp.path('x-ours'), tmp.path('x-theirs')])).code,
    ).toBe(0);
  });
});

describe('oci-layout', () => {
  it('holds blobs, index.json with a ref name and oci-layout, and no manifest.json', async () => {
    const r = await writeImageArchive(SAMPLE_SPEC, tmp.path('oci.tar'), 'oci-layout');
    const names = await tarNames(r.path);
    expect(names.slice(0, 2)).toEqual(['blobs/', 'blobs/sha256/']);
    expect(names.slice(-2)).toEqual(['index.json', 'oci-layout']);
    expect(names).not.toContain('manifest.json');
    const index = JSON.parse(await member(r.path, 'index.json'));
    expect(index.manifests[0].annotations).toEqual({
      'org.opencontainers.image.ref.name': 'example.com/team/app:1.0',
    });
    expect(index.manifests[0].digest).toBe(r.manifestDigest);
  });

  it('writes zstd layers that skopeo verifies and decompresses', async () => {
    const spec: ImageSpec = {
      layers: SAMPLE_SPEC.layers.map((l) => ({ ...l, compression: 'zstd' as const })),
    };
    const r = await writeImageArchive(spec, tmp.path('zstd.tar'), 'oci-layout');
    const manifest = JSON.parse((await skopeo(['inspect', '--raw', `oci-archive:${r.path}`])).stdout);
    expect(manifest.layers.map((l: { mediaType: string }) => l.mediaType)).toEqual(
      Array(3).fill('application/vnd.oci.image.layer.v1.tar+zstd'),
    );
    // skopeo checks the compressed digests; zstd itself checks that each blob holds its diff_id's tar.
    const dir = tmp.path('zstd-dir');
    expect((await skopeo(['copy', '-q', `oci-archive:${r.path}`, `dir:${dir}`])).code).toBe(0);
    for (const [i, digest] of r.layerDigests.entries()) {
      const hex = await must('sh', ['-c', `zstd -dc '${dir}/${hexOf(digest)}' | sha256sum | cut -c1-64`]);
      expect(`sha256:${hex.trim()}`).toBe(r.diffIds[i]);
    }
  });
});

describe('oci-index-nested', () => {
  const base = { entries: [{ path: 'etc/os-release', content: 'ID=test\n' }] };
  const platforms: ImageSpec[] = [
    {
      platform: { os: 'linux', architecture: 'amd64' },
      layers: [base, { entries: [{ path: 'bin/x', content: 'amd64' }] }],
    },
    {
      platform: { os: 'linux', architecture: 'arm64', variant: 'v8' },
      layers: [base, { entries: [{ path: 'bin/x', content: 'arm64' }] }],
    },
  ];

  it('points index.json at an image index listing one manifest per platform, sharing blobs', async () => {
    const r = await writeImageArchive(
      { platforms, repoTags: ['multi:1'] },
      tmp.path('nested.tar'),
      'oci-index-nested',
    );
    const top = JSON.parse(await member(r.path, 'index.json'));
    expect(top.manifests[0].mediaType).toBe('application/vnd.oci.image.index.v1+json');
    expect(top.manifests[0].digest).toBe(r.manifestDigest);
    const nested = JSON.parse((await skopeo(['inspect', '--raw', `oci-archive:${r.path}`])).stdout);
    expect(nested.manifests.map((m: { platform: unknown }) => m.platform)).toEqual([
      { architecture: 'amd64', os: 'linux' },
      { architecture: 'arm64', os: 'linux', variant: 'v8' },
    ]);
    // The shared base layer is stored once: 3 layers + 2 configs + 2 manifests + 1 index.
    expect(
      (await tarNames(r.path)).filter((n) => n.startsWith('blobs/sha256/') && n.length > 14),
    ).toHaveLength(8);
  });

  it('lets skopeo pick a platform and copy them all', async () => {
    const r = await writeImageArchive({ platforms }, tmp.path('nested2.tar'), 'oci-index-nested');
    const arm = await skopeo([
      '--override-arch',
      'arm64',
      '--override-variant',
      'v8',
      'inspect',
      '--config',
      '--raw',
      `oci-archive:${r.path}`,
    ]);
    expect(JSON.parse(arm.stdout).architecture).toBe('arm64');
    expect(r.images[1]?.configDigest).toBe(
      `sha256:${(await must('sh', ['-c', `printf '%s' '${arm.stdout}' | sha256sum`])).slice(0, 64)}`,
    );
    const all = tmp.path('nested-all');
    expect((await skopeo(['copy', '-q', '--all', `oci-archive:${r.path}`, `oci:${all}`])).code).toBe(0);
    expect((await readdir(`${all}/blobs/sha256`)).length).toBe(8);
  });
});
