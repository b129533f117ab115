/** Test helpers: LayerEntry records from a terse description (`f:path:size`, `d:path`, ...). */
import { indexFromEntries } from './layer-index/from-entries.js';
import type { HistoryEntry, ImageInput, LayerEntry } from './types.js';

export function file(path: string, size: number, extra: Partial<LayerEntry> = {}): LayerEntry {
  return {
    path,
    type: 'file',
    size,
    mode: 0o644,
    uid: 0,
    gid: 0,
    linkTarget: '',
    contentHash: `h${size}`,
    ...extra,
  };
}

export function dir(path: string, extra: Partial<LayerEntry> = {}): LayerEntry {
  return { ...file(path, 0, { contentHash: '' }), type: 'dir', mode: 0o755, ...extra };
}

export function symlink(path: string, target: string): LayerEntry {
  return { path, type: 'symlink', size: 0, mode: 0o777, uid: 0, gid: 0, linkTarget: target, contentHash: '' };
}

/** `.wh.<name>` beside the deleted path. */
export function whiteout(path: string): LayerEntry {
  const i = path.lastIndexOf('/');
  return file(`${path.slice(0, i + 1)}.wh.${path.slice(i + 1)}`, 0, { contentHash: '' });
}

export function opaque(dirPath: string): LayerEntry {
  return file(`${dirPath}/.wh..wh..opq`, 0, { contentHash: '' });
}

export function imageOf(layers: LayerEntry[][], history?: HistoryEntry[]): ImageInput {
  return {
    digest: 'sha256:test',
    configDigest: 'sha256:config',
    platform: { os: 'linux', architecture: 'amd64' },
    names: [],
    history: history ?? layers.map((_, i) => ({ created_by: `/bin/sh -c step-${i}` })),
    annotations: {},
    labels: {},
    layers: layers.map((entries, i) =>
      indexFromEntries(entries, {
        digest: `sha256:layer${i}`,
        diffId: `sha256:diff${i}`,
        compressedSize: 100,
        mediaType: 'application/vnd.oci.image.layer.v1.tar',
      }),
    ),
  };
}
