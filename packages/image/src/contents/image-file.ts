/**
 * A file of an image as the merged view at layer N shows it: located in the layer indexes
 * (symlinks followed inside the image, hardlinks to their target), then read from the one layer
 * that stores it, at the data offset its index recorded. A file a later layer deletes is still
 * readable at its own layer.
 */
import { cleanPath, locatePath, type FileInfo, type LayerIndex } from '@strata/analysis';
import { StrataError } from '../errors.js';
import type { Layer } from '../image.js';
import { readTarRange } from './read-file.js';
import { readSeekable, type SeekableBlob } from './seekable.js';

export interface ImageFile {
  /** The layer whose entry holds the bytes. */
  layer: number;
  /** Cleaned relative path of that entry, after links (`etc/ssl/certs/ca-certificates.crt`). */
  path: string;
  info: FileInfo;
  data: AsyncGenerator<Buffer>;
  /** Bytes `[start, start + length)` of the file alone (an HTTP Range): read from the checkpoint before them. */
  read(start: number, length: number): AsyncGenerator<Buffer>;
}

export interface OpenImageFileOptions {
  /**
   * Random access to a layer's blob, with its compression and gzip checkpoints when known: then a
   * read at a known offset decodes at most one checkpoint span (gzip) or nothing (uncompressed).
   */
  seekable?: (layer: number) => Promise<SeekableBlob | undefined> | SeekableBlob | undefined;
  signal?: AbortSignal;
}

export async function openImageFile(
  layers: readonly Layer[],
  trees: readonly LayerIndex[],
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
  const index = trees[at.layer] as LayerIndex;
  const offset = index.offset[at.entry] as number;
  const seekable = await options.seekable?.(at.layer);
  const read = (start: number, length: number): AsyncGenerator<Buffer> =>
    seekable
      ? readSeekable(seekable, offset + start, length)
      : readTarRange(layer, offset + start, length, options.signal);
  return { layer: at.layer, path: at.path, info, data: read(0, info.size), read };
}
