import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { compressor } from './compress';
import { HashStream } from './hash-stream';
import { packEntries } from './tar-entries';
import { writeTar } from './tar-pack';
import type { Compression, LayerSpec } from './types';

/** A layer blob built into a temp file, with everything the archive formats need to reference it. */
export interface LayerBlob {
  /** Temp file holding the blob as stored (compressed or not). */
  file: string;
  compression: Compression;
  /** sha256 of the stored bytes. */
  digest: string;
  size: number;
  /** sha256 of the uncompressed tar. */
  diffId: string;
  uncompressedSize: number;
}

/**
 * Streams the layer tar through a diff_id hasher, the compressor and a blob hasher into `file`,
 * so a big layer costs one pass and no memory.
 */
export async function buildLayerBlob(
  layer: LayerSpec,
  compression: Compression,
  mtime: Date,
  dir: string,
  name: string,
): Promise<LayerBlob> {
  const file = join(dir, name);
  const tarHash = new HashStream();
  const blobHash = new HashStream();
  const comp = compressor(compression);
  const middle = comp ? [comp.stream, blobHash] : [];
  await Promise.all([
    writeTar([tarHash, ...middle, createWriteStream(file)], (pack) =>
      packEntries(pack, layer.entries, mtime),
    ),
    comp?.done,
  ]);
  const diffId = tarHash.digest();
  return {
    file,
    compression,
    diffId,
    uncompressedSize: tarHash.size,
    digest: comp ? blobHash.digest() : diffId,
    size: comp ? blobHash.size : tarHash.size,
  };
}
