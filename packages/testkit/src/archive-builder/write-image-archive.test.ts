import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from './go-json';
import { fileDigest, must, SAMPLE_SPEC, skopeo, tempDir, transportOf } from './test-helpers';
import type { ArchiveFormat, ArchiveResult } from './types';
import { writeImageArchive } from './write-image-archive';

const FORMATS: ArchiveFormat[] = [
  'docker-legacy',
  'docker25',
  'kaniko',
  'podman',
  'oci-layout',
  'oci-index-nested',
];

let tmp: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  tmp = await tempDir();
});
afterAll(() => tmp.cleanup());

describe.each(FORMATS)('%s', (format) => {
  const transport = transportOf(format);
  let result: ArchiveResult;
  /** How skopeo reads the archive; docker25 is read as the OCI layout it also is, to see its stored manifest. */
  let ref: string;
  beforeAll(async () => {
    result = await writeImageArchive(SAMPLE_SPEC, tmp.path(`${format}.tar`), format);
    ref = `${format === 'docker25' ? 'oci-archive' : transport}:${result.path}`;
  });

  it('is accepted by skopeo copy, which verifies every digest and diff_id', async () => {
    const copy = await skopeo(['copy', '-q', ref, `dir:${tmp.path(`${format}-dir`)}`]);
    expect(copy.stderr).toBe('');
    expect(copy.code).toBe(0);
  });

  it('reports the manifest digest skopeo sees', async () => {
    const raw = await skopeo(['inspect', '--raw', ref]);
    expect(sha256(raw.stdout)).toBe(result.manifestDigest);
    if (format === 'oci-index-nested') {
      const index = JSON.parse(raw.stdout) as { manifests: Array<{ digest: string }> };
      expect(index.manifests.map((m) => m.digest)).toEqual(result.images.map((i) => i.manifestDigest));
    }
  });

  it('writes the config skopeo reads: diff_ids, history with empty layers, labels', async () => {
    const raw = (await skopeo(['inspect', '--config', '--raw', ref])).stdout;
    expect(sha256(raw)).toBe(result.configDigest);
    const config = JSON.parse(raw) as {
      rootfs: { diff_ids: string[] };
      history: Array<{ created_by: string; empty_layer?: boolean; created: string }>;
      config: { Labels: Record<string, string>; Cmd: string[] };
      created: string;
    };
    expect(config.rootfs.diff_ids).toEqual(result.diffIds);
    expect(config.created).toBe('2024-01-02T03:04:05Z');
    expect(config.config.Labels).toEqual(SAMPLE_SPEC.labels);
    expect(config.config.Cmd).toEqual(['/bin/sh']);
    expect(config.history.map((h) => [h.created_by, h.empty_layer ?? false])).toEqual([
      ['/bin/sh -c #(nop) ADD file:rootfs in / ', false],
      ['/bin/sh -c #(nop)  ENV A=1', true],
      ['/bin/sh -c rm /etc/os-release && ln -s ...', false],
      [`/bin/sh -c #(nop) ADD file:${result.diffIds[2]?.slice(7)} in / `, false],
      ['/bin/sh -c #(nop)  CMD ["/bin/sh"]', true],
    ]);
  });

  it('is byte-for-byte deterministic', async () => {
    const again = await writeImageArchive(SAMPLE_SPEC, tmp.path(`${format}-again.tar`), format);
    expect(await fileDigest(again.path)).toBe(await fileDigest(result.path));
    expect(again).toEqual({ ...result, path: again.path });
  });

  it('gzipWhole is `gzip` of the same archive', async () => {
    const gz = await writeImageArchive(SAMPLE_SPEC, tmp.path(`${format}.tar.gz`), format, {
      gzipWhole: true,
    });
    const unzipped = await must('sh', ['-c', `gzip -dc '${gz.path}' | sha256sum | cut -d' ' -f1`]);
    expect(`sha256:${unzipped.trim()}`).toBe(await fileDigest(result.path));
    // skopeo 1.9's docker-archive cannot read a gzipped archive (docker load can); oci-archive can.
    if (transport === 'oci-archive')
      expect((await skopeo(['inspect', '--raw', `${transport}:${gz.path}`])).code).toBe(0);
  });
});

describe('writeImageArchive', () => {
  it('changes the bytes when the date changes, and only then', async () => {
    const a = await writeImageArchive(SAMPLE_SPEC, tmp.path('date-a.tar'), 'oci-layout');
    const b = await writeImageArchive(
      { ...SAMPLE_SPEC, created: new Date('2025-01-01T00:00:00Z') },
      tmp.path('date-b.tar'),
      'oci-layout',
    );
    expect(b.configDigest).not.toBe(a.configDigest);
    expect(b.layerDigests).not.toEqual(a.layerDigests);
  });

  it('defaults: epoch, linux/amd64, gzip layers for OCI and none for docker', async () => {
    const spec = { layers: [{ entries: [{ path: 'a', content: 'a' }] }] };
    const oci = await writeImageArchive(spec, tmp.path('default-oci.tar'), 'oci-layout');
    const docker = await writeImageArchive(spec, tmp.path('default-docker.tar'), 'docker25');
    expect(oci.platform).toEqual({ os: 'linux', architecture: 'amd64' });
    expect(oci.layerDigests).not.toEqual(oci.diffIds);
    expect(docker.layerDigests).toEqual(docker.diffIds);
    const config = JSON.parse(
      await must('sh', ['-c', `tar -xOf '${oci.path}' 'blobs/sha256/${oci.configDigest.slice(7)}'`]),
    );
    expect(config.created).toBe('1970-01-01T00:00:00Z');
  });

  it("history 'none' leaves the history out", async () => {
    const spec = { history: 'none' as const, layers: [{ entries: [{ path: 'a', content: 'a' }] }] };
    const r = await writeImageArchive(spec, tmp.path('no-history.tar'), 'kaniko');
    const config = JSON.parse(await must('tar', ['-xOf', r.path, r.configDigest]));
    expect(config.history).toBeUndefined();
    expect(config.rootfs.diff_ids).toEqual(r.diffIds);
  });

  it('rejects several platforms for a single-image format', async () => {
    const spec = { platforms: [{ layers: [] }] };
    await expect(writeImageArchive(spec, tmp.path('x.tar'), 'podman')).rejects.toThrow(/several platforms/);
  });

  it('leaves no temp files behind', async () => {
    const before = await must('sh', ['-c', 'ls -d ${TMPDIR:-/tmp}/strata-archive-* 2>/dev/null | wc -l']);
    await writeImageArchive(SAMPLE_SPEC, tmp.path('clean.tar'), 'kaniko');
    const after = await must('sh', ['-c', 'ls -d ${TMPDIR:-/tmp}/strata-archive-* 2>/dev/null | wc -l']);
    expect(after).toBe(before);
    expect((await readFile(tmp.path('clean.tar'))).length).toBeGreaterThan(200_000);
  });
});
