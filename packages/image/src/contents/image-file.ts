/**
 * A file of an image as the merged view at layer N shows it: located in the per-layer trees
 * (symlinks followed inside the image, hardlinks to their target), then read from the one layer
 * that stores it. A file a later layer deletes is still readable at its own layer.
 */
import { cleanPath, locatePath, type FileInfo, type LayerTree } from '@strata/analysis';
import { StrataError } from '../errors.js';
import type { Layer } from '../image.js';
import { findEntry, readTarRange } from './read-file.js';
import { readSeekable, type SeekableBlob } from './seekable.js';

export interface ImageFile {
  /** The layer whose entry holds the bytes. */
  layer: number;
  /** Cleaned relative path of that entry, after links (`etc/ssl/certs/ca-certificates.crt`). */
  path: string;
  info: FileInfo;
  data: AsyncGenerator<Buffer>;
}

export interface OpenImageFileOptions {
  /** The entry's data offset in the layer's tar, when a layer index knows it (skips header parsing). */
  offsetOf?: (layer: number, path: string) => { offset: number; size: number } | undefined;
  /**
   * Random access to a layer's blob, with its compression and gzip checkpoints when known: then a
   * read at a known offset decodes at most one checkpoint span (gzip) or nothing (uncompressed).
   */
  seekable?: (layer: number) => SeekableBlob | undefined;
  signal?: AbortSignal;
}

export async function openImageFile(
  layers: readonly Layer[],
  trees: readonly LayerTree[],
  path: string,
  upTo: number,
  options: OpenImageFileOptions = {},
): Promise<ImageFile> {
  const shown = `/${cleanPath(path)}`;
  if (!Number.isInteger(upTo) || upTo < 0 || upTo >= trees.length)
    throw new StrataError('NOT_FOUND', `no layer ${upTo} (the image has ${trees.length})`);
  let at = locatePath(trees, path, upTo);
  if (at.found && at.info?.type === 'hardlink') {
    // A hardlink names an earlier entry of the same tar; read that one (or what the view shows there).
    const target = cleanPath(at.info.linkTarget);
    const same = locatePath(trees.slice(0, at.layer + 1), target, at.layer);
    at = same.found && same.layer === at.layer ? same : locatePath(trees, target, at.layer);
  }
  if (!at.found) {
    const why = at.reason === 'loop' ? 'too many levels of symbolic links' : 'no such file';
    throw new StrataError('NOT_FOUND', `${shown}: ${why} at layer ${upTo}`);
  }
  const info = at.info;
  if (!info || info.type === 'dir') throw new StrataError('UNSUPPORTED', `${shown}: is a directory`);
  if (info.type !== 'file')
    throw new StrataError('UNSUPPORTED', `${shown}: is a ${info.type}, not a regular file`);
  const layer = layers[at.layer] as Layer;
  const known = options.offsetOf?.(at.layer, at.path);
  const seekable = known ? options.seekable?.(at.layer) : undefined;
  const data = known
    ? seekable
      ? readSeekable(seekable, known.offset, known.size)
      : readTarRange(layer, known.offset, known.size, options.signal)
    : (await findEntry(layer, at.path, { signal: options.signal })).data;
  return { layer: at.layer, path: at.path, info, data };
}
