import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hexOf } from './go-json';
import { must, run, skopeo, tempDir, transportOf } from './test-helpers';
import type { ArchiveFormat, ImageSpec, Tamper } from './types';
import { writeImageArchive } from './write-image-archive';

const FORMATS: ArchiveFormat[] = [
  'docker-legacy',
  'docker25',
  'kaniko',
  'podman',
  'oci-layout',
  'oci-index-nested',
];

const SPEC: ImageSpec = {
  layers: [
    { entries: [{ path: 'data', content: { size: 20_000, seed: 2 } }] },
    { entries: [{ path: 'more', content: 'more' }] },
  ],
};

/** What skopeo says when it meets each kind of damage. */
const EXPECTED: Record<Tamper, RegExp> = {
  'diff-id': /Digest did not match/,
  // A flipped byte in a gzip stream may fail the gzip CRC before the digest is compared.
  'layer-digest': /Digest did not match|gzip: invalid checksum|flate: corrupt/,
  'missing-blob': /missing in the tarball|no such file or directory/,
  truncate: /unexpected EOF/,
};

let tmp: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  tmp = await tempDir();
});
afterAll(() => tmp.cleanup());

describe.each(FORMATS)('%s', (format) => {
  const isOci = transportOf(format) === 'oci-archive';

  it.each(['diff-id', 'layer-digest', 'missing-blob', 'truncate'] as const)(
    '%s is caught',
    async (tamper) => {
      const r = await writeImageArchive(SPEC, tmp.path(`${format}-${tamper}.tar`), format, { tamper });
      const copy = await skopeo([
        'copy',
        '-q',
        `${transportOf(format)}:${r.path}`,
        `dir:${tmp.path(`${format}-${tamper}`)}`,
      ]);
      if (tamper === 'diff-id' && isOci) {
        // skopeo does not compare an OCI config's diff_ids with the layers (only blob digests), so check it here.
        expect(copy.code).toBe(0);
        const config = JSON.parse(
          await must('tar', ['-xOf', r.path, `blobs/sha256/${hexOf(r.configDigest)}`]),
        );
        expect(config.rootfs.diff_ids[0]).not.toBe(r.diffIds[0]);
        expect(config.rootfs.diff_ids[1]).toBe(r.diffIds[1]);
        return;
      }
      expect(copy.code).not.toBe(0);
      expect(copy.stderr).toMatch(EXPECTED[tamper]);
    },
  );
});

describe('tampering details', () => {
  it('truncate cuts inside the first layer blob, so the outer tar itself is broken', async () => {
    const r = await writeImageArchive(SPEC, tmp.path('cut.tar'), 'docker25', { tamper: 'truncate' });
    const listing = await run('tar', ['-tf', r.path]);
    expect(listing.code).not.toBe(0);
    expect(listing.stderr).toMatch(/Unexpected EOF/);
    expect(listing.stdout).toContain(`blobs/sha256/${hexOf(r.diffIds[0] ?? '')}`);
  });

  it('truncate with gzipWhole cuts the compressed stream', async () => {
    const r = await writeImageArchive(SPEC, tmp.path('cut.tar.gz'), 'docker-legacy', {
      tamper: 'truncate',
      gzipWhole: true,
    });
    expect((await run('gzip', ['-t', r.path])).code).not.toBe(0);
  });

  it('missing-blob leaves the podman symlink dangling', async () => {
    const r = await writeImageArchive(SPEC, tmp.path('dangling.tar'), 'podman', { tamper: 'missing-blob' });
    const names = (await must('tar', ['-tf', r.path])).split('\n');
    expect(names).not.toContain(`${hexOf(r.diffIds[0] ?? '')}.tar`);
    expect(names).toContain(`${hexOf(r.diffIds[1] ?? '')}.tar`);
  });

  it('refuses to tamper with an image that has no layer', async () => {
    await expect(
      writeImageArchive({ layers: [] }, tmp.path('none.tar'), 'oci-layout', { tamper: 'truncate' }),
    ).rejects.toThrow(/needs a layer/);
  });
});
