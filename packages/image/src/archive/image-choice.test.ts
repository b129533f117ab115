/**
 * Archives and layouts holding several images: listed, chosen by REF or @N, refused with a list
 * when no choice is made; layout directories; a misnamed config accepted with a warning.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeImageArchive, writeImageBundle, type BundleFormat, type ImageSpec } from '@strata/testkit';
import { parsePlatform } from '../platform.js';
import { SeveralImagesError } from './image-choice.js';
import { listArchiveImages, openArchive } from './open-archive.js';

const tmp = mkdtempSync(join(tmpdir(), 'strata-choice-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const base = { entries: [{ path: 'etc/os-release', content: 'ID=test\n' }] };
function image(tag: string, file: string, arch = 'amd64'): ImageSpec {
  return {
    repoTags: [tag],
    platform: { os: 'linux', architecture: arch },
    layers: [base, { entries: [{ path: file, content: { size: 3000 } }] }],
  };
}
const specs = (tags: [string, string]): ImageSpec[] => [
  image(tags[0], 'a.bin'),
  image(tags[1], 'b.bin', 'arm64'),
];

async function bundle(format: BundleFormat, tags: [string, string] = ['app:1', 'tool:2']): Promise<string> {
  const path = join(tmp, `${format}-${tags.join('-').replace(/[/:]/g, '_')}.tar`);
  await writeImageBundle(specs(tags), path, format);
  return path;
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => undefined,
    (err: unknown) => err,
  );
}

describe.each(['docker-legacy', 'podman', 'docker25'] as const)('a %s archive with two images', (format) => {
  it('lists both, refuses to guess, and opens each by RepoTag or @N', async () => {
    const path = await bundle(format);
    const listing = await listArchiveImages(path);
    expect(listing.kind).toBe('docker-archive');
    expect(listing.images.map((i) => [i.index, i.platforms])).toEqual([
      [0, ['linux/amd64']],
      [1, ['linux/arm64']],
    ]);
    // the base layer is shared, with its stored size
    const [first, second] = listing.images.map((i) => i.layers);
    expect(first?.[0]).toEqual(second?.[0]);
    expect(first?.[1]?.id).not.toBe(second?.[1]?.id);
    expect(first?.[0]?.size).toBeGreaterThan(0);
    const err = await rejection(openArchive(path));
    expect(err).toBeInstanceOf(SeveralImagesError);
    expect((err as SeveralImagesError).code).toBe('SEVERAL_IMAGES');
    expect((err as SeveralImagesError).images).toHaveLength(2);
    for (const [choice, file] of [
      ['tool:2', 'b.bin'],
      ['docker.io/library/tool:2', 'b.bin'],
      ['@0', 'a.bin'],
      ['@1', 'b.bin'],
    ] as const) {
      const img = await openArchive(path, { image: choice });
      try {
        const config = await img.config();
        expect(config.architecture).toBe(file === 'a.bin' ? 'amd64' : 'arm64');
        expect((await img.layers()).length).toBe(2);
        expect(img.source).toBe(`docker-archive:${path}:${choice}`);
      } finally {
        await img.close();
      }
    }
    const missing = await rejection(openArchive(path, { image: 'nope:3' }));
    expect(missing).toMatchObject({ code: 'NOT_FOUND' });
    expect(String(missing)).toContain('@1  ');
  });
});

describe('an OCI layout with several tags', () => {
  it('lists the tags and opens each by ref name, as an archive and as a directory', async () => {
    const path = await bundle('oci-layout', ['v1', 'v2']);
    const dir = join(tmp, 'layout-dir');
    mkdirSync(dir);
    execFileSync('tar', ['-xf', path, '-C', dir]);
    for (const [where, kind] of [
      [path, 'oci-archive'],
      [dir, 'oci'],
    ] as const) {
      const listing = await listArchiveImages(where);
      expect(listing).toEqual({
        kind,
        images: [
          { index: 0, refs: ['v1'], platforms: [], layers: [expect.anything(), expect.anything()] },
          { index: 1, refs: ['v2'], platforms: [], layers: [expect.anything(), expect.anything()] },
        ],
      });
      expect(await rejection(openArchive(where))).toBeInstanceOf(SeveralImagesError);
      const img = await openArchive(where, { image: 'v2' });
      try {
        expect((await img.config()).architecture).toBe('arm64');
        expect(await img.names()).toEqual(['v2']);
        expect(img.source).toBe(`${kind}:${where}:v2`);
      } finally {
        await img.close();
      }
    }
  });

  it('chooses a platform inside a ref that names a nested index', async () => {
    const path = join(tmp, 'nested.tar');
    await writeImageArchive(
      { repoTags: ['multi'], platforms: [image('x', 'a.bin'), image('x', 'b.bin', 'arm64')] },
      path,
      'oci-index-nested',
    );
    expect((await listArchiveImages(path)).images).toEqual([
      { index: 0, refs: ['multi'], platforms: ['linux/amd64', 'linux/arm64'], layers: [] },
    ]);
    const img = await openArchive(path, { image: 'multi', platform: parsePlatform('linux/arm64') });
    try {
      expect((await img.config()).architecture).toBe('arm64');
    } finally {
      await img.close();
    }
  });

  it('refuses a directory that is not a layout, and oci: on a file', async () => {
    const empty = join(tmp, 'not-a-layout');
    mkdirSync(empty);
    appendFileSync(join(empty, 'README'), 'hello\n');
    expect(await rejection(openArchive(empty))).toMatchObject({ code: 'NOT_AN_IMAGE' });
    const path = await bundle('oci-layout', ['v1', 'v2']);
    expect(await rejection(openArchive(path, { kind: 'oci' }))).toMatchObject({ code: 'NOT_AN_IMAGE' });
    expect(await rejection(openArchive(join(tmp, 'nowhere'), { kind: 'oci' }))).toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});

describe('a config whose name does not match its digest', () => {
  it('is read, with a warning (as go-containerregistry does)', async () => {
    const path = join(tmp, 'misnamed.tar');
    const result = await writeImageArchive(image('app:1', 'a.bin'), path, 'docker-legacy');
    const dir = join(tmp, 'misnamed');
    mkdirSync(dir);
    execFileSync('tar', ['-xf', path, '-C', dir]);
    const configName = `${result.configDigest.slice('sha256:'.length)}.json`;
    appendFileSync(join(dir, configName), '\n'); // same JSON, another digest
    const edited = join(tmp, 'misnamed-edited.tar');
    execFileSync('tar', ['-cf', edited, '-C', dir, '.']);
    const img = await openArchive(edited);
    try {
      expect((await img.layers()).length).toBe(2);
      const actual = `sha256:${
        execFileSync('sha256sum', [join(dir, configName)])
          .toString()
          .split(' ')[0]
      }`;
      expect(await img.digest()).toBe(actual);
      expect(img.warnings).toEqual([expect.stringContaining(`has digest ${actual}`)]);
    } finally {
      await img.close();
    }
  });
});
