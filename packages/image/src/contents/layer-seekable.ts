/**
 * Random access into a layer that can only be read from its start (an archive member, a
 * registry stream), for reads right after its decode pass (`strata cat`): the blob is read from
 * the start but its bytes before the checkpoint are only skipped, not inflated, so one file
 * costs a sequential read of the compressed bytes before it plus at most one span of inflate.
 * gzip needs the seek index of the decode pass; uncompressed tars skip to the offset; zstd
 * without frames, or gzip without an index, gives undefined (the caller decodes from the start).
 */
import type { LayerIndex } from '@strata/analysis';
import { Readable } from 'node:stream';
import type { Layer } from '../image.js';
import { unpackSeekIndex } from './seek-index-pack.js';
import type { SeekableBlob } from './seekable.js';

export async function layerSeekable(layer: Layer, index: LayerIndex): Promise<SeekableBlob | undefined> {
  const openAt = async (start: number): Promise<Readable> => Readable.from(skip(await layer.open(), start));
  if (index.compression === 'none') return { compression: 'none', openAt };
  if (index.compression !== 'gzip' || !index.seekIndex) return undefined;
  return { compression: 'gzip', openAt, checkpoints: await unpackSeekIndex(index.seekIndex) };
}

async function* skip(blob: Readable, bytes: number): AsyncGenerator<Buffer> {
  let left = bytes;
  try {
    for await (const chunk of blob as AsyncIterable<Buffer>) {
      if (left >= chunk.length) {
        left -= chunk.length;
        continue;
      }
      yield left > 0 ? chunk.subarray(left) : chunk;
      left = 0;
    }
  } finally {
    blob.destroy();
  }
}
