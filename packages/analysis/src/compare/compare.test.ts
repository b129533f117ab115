import { describe, expect, it } from 'vitest';
import { analyzeImage } from '../analyze.js';
import type { ImageInput, LayerEntry, LayerInput } from '../types.js';
import { diffCompared, diffImages } from './diff-images.js';
import { diskUse } from './disk-use.js';
import { decodeFinalFiles, encodeFinalFiles } from './final-files-codec.js';
import { finalFiles } from './final-files.js';

const file = (path: string, size: number, hash = `h${size}`, mode = 0o644): LayerEntry => ({
  path,
  type: 'file',
  size,
  mode,
  uid: 0,
  gid: 0,
  linkTarget: '',
  contentHash: hash,
});
const layer = (diffId: string, entries: LayerEntry[]): LayerInput => ({
  digest: diffId,
  diffId,
  compressedSize: 10,
  mediaType: 'application/vnd.oci.image.layer.v1.tar',
  entries,
});
const image = (digest: string, layers: LayerInput[]): ImageInput => ({
  digest,
  configDigest: digest,
  platform: { os: 'linux', architecture: 'amd64' },
  names: [],
  history: [],
  annotations: {},
  labels: {},
  layers,
});

const base = layer('sha256:base', [file('etc/a', 10), file('etc/b', 20)]);
const a = analyzeImage(image('sha256:A', [base, layer('sha256:x', [file('app/v', 1, 'one')])]), 'a');
const b = analyzeImage(
  image('sha256:B', [
    base,
    layer('sha256:y', [file('app/v', 1, 'two'), file('etc/b', 20, 'h20', 0o600), file('usr/new', 5)]),
  ]),
  'b',
);

describe('comparing analyses', () => {
  it('walks the final file system without recursion, every non-directory once', () => {
    expect([...finalFiles(b)].map((f) => f.path).sort()).toEqual(['/app/v', '/etc/a', '/etc/b', '/usr/new']);
  });

  it('gives the same diff from stored final files as from the analyses', () => {
    const fromStore = diffCompared(
      { report: a.report, files: decodeFinalFiles(JSON.parse(JSON.stringify(encodeFinalFiles(a)))) },
      { report: b.report, files: decodeFinalFiles(JSON.parse(JSON.stringify(encodeFinalFiles(b)))) },
    );
    const direct = diffImages(a, b);
    expect(fromStore).toEqual(direct);
    expect(direct.files).toEqual({
      added: [{ path: '/usr/new', bytes: 5 }],
      removed: [],
      changed: [
        { path: '/app/v', bytesA: 1, bytesB: 1 },
        { path: '/etc/b', bytesA: 20, bytesB: 20 },
      ],
    });
    expect(direct.sharedLayers).toEqual([{ diffId: 'sha256:base', sizeBytes: 30 }]);
    expect(direct.commonPrefixLayers).toBe(1);
  });

  it('counts a layer shared by two images once in the disk use', () => {
    const use = diskUse([a.report, b.report]);
    expect(use).toMatchObject({ sumBytes: 31 + 56, totalBytes: 30 + 1 + 26 });
    expect(use.images.map((i) => [i.sharedBytes, i.uniqueBytes])).toEqual([
      [30, 1],
      [30, 26],
    ]);
  });
});
