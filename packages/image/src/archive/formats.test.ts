/**
 * Every archive format our builder writes (checked against skopeo in testkit) reads back to the
 * same analysis; tampered archives fail with an error naming what is wrong.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeImage, type Report } from '@strata/analysis';
import {
  writeImageArchive,
  type ArchiveFormat,
  type Compression,
  type ImageSpec,
  type WriteOptions,
} from '@strata/testkit';
import { StrataError } from '../errors.js';
import { loadImageInput } from '../load-image.js';
import { parsePlatform } from '../platform.js';
import { openArchive } from './open-archive.js';

const tmp = mkdtempSync(join(tmpdir(), 'strata-formats-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;

function spec(compression?: Compression): ImageSpec {
  const c = compression ? { compression } : {};
  return {
    repoTags: ['example.com/app:1.0'],
    layers: [
      {
        ...c,
        entries: [
          { path: 'etc', type: 'dir' },
          { path: 'etc/config', content: 'a=1\n' },
          { path: 'bin', type: 'dir' },
          { path: 'bin/tool', content: { size: 5000 }, mode: 0o755 },
          { path: 'bin/alias', type: 'symlink', target: 'tool' },
          { path: 'bin/hard', type: 'hardlink', target: 'bin/tool' },
          { path: `deep/${'x'.repeat(120)}/file.txt`, content: 'long path\n' },
        ],
      },
      {
        ...c,
        createdBy: '/bin/sh -c chmod 600 /etc/config',
        emptyLayersBefore: ['/bin/sh -c #(nop)  ENV A=b'],
        entries: [{ path: 'etc/config', content: 'a=1\n', mode: 0o600 }],
      },
      {
        ...c,
        createdBy: '/bin/sh -c rm -rf /bin && echo x > /new',
        emptyLayersAfter: ['/bin/sh -c #(nop)  CMD ["sh"]'],
        entries: [
          { path: 'bin', type: 'whiteout' },
          { path: 'new', content: 'x\n' },
        ],
      },
    ],
  };
}

async function analyzeArchive(path: string, platform?: string): Promise<Report> {
  const image = await openArchive(path, platform ? { platform: parsePlatform(platform) } : {});
  try {
    return analyzeImage(await loadImageInput(image), image.source).report;
  } finally {
    await image.close();
  }
}

async function write(
  format: ArchiveFormat,
  s: ImageSpec | Parameters<typeof writeImageArchive>[0],
  opts?: WriteOptions,
) {
  return writeImageArchive(s, join(tmp, `img-${n++}.tar`), format, opts);
}

/** What does not depend on the format: sizes, figures, changes, history. */
function essence(r: Report) {
  return {
    image: {
      sizeBytes: r.image.sizeBytes,
      efficiency: r.image.efficiency,
      wastedBytes: r.image.wastedBytes,
      files: r.image.files,
      fileCount: r.image.fileCount,
      recoverableBytes: r.image.recoverableBytes,
    },
    layers: r.layers.map((l) => ({
      sizeBytes: l.sizeBytes,
      text: l.instruction.text,
      added: l.added,
      modified: l.modified,
      removed: l.removed,
    })),
    history: r.history.map((h) => [h.instruction.kind, h.layerIndex]),
  };
}

describe('archive formats', () => {
  const cases: Array<[ArchiveFormat, Compression | undefined, boolean]> = [
    ['docker-legacy', undefined, false],
    ['docker-legacy', undefined, true],
    ['docker25', undefined, false],
    ['kaniko', undefined, false],
    ['podman', undefined, false],
    ['podman', undefined, true],
    ['oci-layout', 'none', false],
    ['oci-layout', 'gzip', false],
    ['oci-layout', 'zstd', false],
    ['oci-layout', 'gzip', true],
  ];

  it.each(cases)(
    '%s (layers %s, whole archive gzipped: %s) reads to the same analysis',
    async (format, compression, gzipWhole) => {
      const written = await write(format, spec(compression), { gzipWhole });
      const report = await analyzeArchive(written.path);
      const reference = await analyzeArchive((await write('oci-layout', spec('none'))).path);
      expect(essence(report)).toEqual(essence(reference));
      expect(report.layers.map((l) => l.diffId)).toEqual(written.diffIds);
      expect(report.layers.map((l) => l.digest)).toEqual(written.layerDigests);
    },
  );

  it('reads what it should from the spec', async () => {
    const report = await analyzeArchive((await write('oci-layout', spec('gzip'))).path);
    expect(report.layers[1]).toMatchObject({
      modified: { count: 1, bytes: 4 },
      instruction: { kind: 'RUN', text: 'RUN chmod 600 /etc/config' },
    });
    // rm -rf /bin: the tool (5000), the symlink and the hardlink are gone.
    expect(report.layers[2]?.removed).toEqual({ count: 3, bytes: 5000 });
    expect(report.image.recoverableBytes).toBe(5000 + 4);
    expect(report.history.map((h) => h.instruction.kind)).toEqual(['ADD', 'ENV', 'RUN', 'RUN', 'CMD']);
    expect(report.image.names).toContain('example.com/app:1.0');
  });

  it('uses the manifest digest of Docker 25+ archives and OCI layouts, and shows their index.json', async () => {
    for (const format of ['docker25', 'oci-layout'] as const) {
      const written = await write(format, spec());
      expect((await analyzeArchive(written.path)).image.digest).toBe(written.manifestDigest);
      const image = await openArchive(written.path);
      try {
        const index = (await image.index?.()) as { manifests: Array<{ digest: string }> } | undefined;
        expect(index?.manifests.map((m) => m.digest)).toContain(written.manifestDigest);
      } finally {
        await image.close();
      }
    }
  });
});

describe('multi-platform archives', () => {
  const platforms = (archs: string[]) => ({
    platforms: archs.map((architecture) => ({ ...spec('gzip'), platform: { os: 'linux', architecture } })),
  });

  it('picks linux/amd64 by default, another with --platform', async () => {
    const written = await write('oci-index-nested', platforms(['arm64', 'amd64']));
    expect((await analyzeArchive(written.path)).image.platform).toBe('linux/amd64');
    expect((await analyzeArchive(written.path, 'linux/arm64')).image.platform).toBe('linux/arm64');
  });

  it('lists the platforms when none fits', async () => {
    const written = await write('oci-index-nested', platforms(['arm64', 's390x']));
    await expect(analyzeArchive(written.path)).rejects.toThrow(
      /several platforms and no linux\/amd64; available: linux\/arm64, linux\/s390x/,
    );
    await expect(analyzeArchive(written.path, 'linux/riscv64')).rejects.toThrow(
      /no image for platform linux\/riscv64/,
    );
  });
});

describe('damaged archives', () => {
  const expectError = async (path: string, code: string, pattern: RegExp) => {
    const err = await analyzeArchive(path).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StrataError);
    expect((err as StrataError).code).toBe(code);
    expect((err as StrataError).message).toMatch(pattern);
  };

  it.each(['docker-legacy', 'kaniko', 'oci-layout'] as const)(
    '%s: a wrong diff_id names the layer',
    async (format) => {
      const written = await write(format, spec());
      const tampered = await write(format, spec(), { tamper: 'diff-id' });
      // A docker-legacy archive knows its layers by diff_id only, so it names the layer by the config's.
      const named = format === 'docker-legacy' ? 'sha256:[a-f0-9]{64}' : written.layerDigests[0];
      await expectError(
        tampered.path,
        'DIGEST_MISMATCH',
        new RegExp(`reading layer ${named}: uncompressed content .* diff_id`),
      );
    },
  );

  it.each(['kaniko', 'oci-layout'] as const)(
    '%s: a corrupted blob fails naming the layer',
    async (format) => {
      const written = await write(format, spec('gzip'), { tamper: 'layer-digest' });
      const err = (await analyzeArchive(written.path).catch((e: unknown) => e)) as StrataError;
      expect(['DIGEST_MISMATCH', 'CORRUPT']).toContain(err.code);
      expect(err.message).toContain(`reading layer ${written.layerDigests[0]}`);
    },
  );

  it.each(['docker-legacy', 'podman', 'oci-layout'] as const)(
    '%s: a missing blob is named',
    async (format) => {
      const written = await write(format, spec(), { tamper: 'missing-blob' });
      await expectError(written.path, 'MISSING_BLOB', /missing|lacks|no file/);
    },
  );

  it.each(['docker-legacy', 'oci-layout'] as const)('%s: a truncated archive says so', async (format) => {
    const written = await write(format, spec(), { tamper: 'truncate' });
    await expectError(written.path, 'CORRUPT', /truncated|unexpected/);
  });
});
