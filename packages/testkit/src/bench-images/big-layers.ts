import type { LayerBlob } from '../archive-builder/layer-blob';
import { LayerStream } from './layer-stream';
import { seeded } from './seeded';
import { emptyStats, type LayerStats } from './types';

/**
 * An image of a few big files per layer whose data alternates `segmentBytes` of random bytes and
 * of zeros: half incompressible, half trivially compressible, so both gzip's slow and fast paths
 * count. A few small config files sit beside them.
 */
export interface BigLayersRecipe {
  kind: 'big-layers';
  seed: string;
  layers: number;
  /** Data bytes of the big files of one layer. */
  layerBytes: number;
  bigFilesPerLayer: number;
  segmentBytes: number;
  smallFilesPerLayer: number;
  gzipLevel: number;
  mtime: number;
}

const SMALL = 'key = value\nenabled = true\n';

export async function writeBigLayer(
  recipe: BigLayersRecipe,
  l: number,
  file: string,
): Promise<{ blob: LayerBlob; stats: LayerStats }> {
  const out = new LayerStream(file, recipe.gzipLevel);
  const src = seeded(recipe.seed, 'data', l);
  const mtime = recipe.mtime;
  const dir = `opt/data/layer-${l}`;
  const stats = emptyStats();
  stats.dataBytes = 0;
  for (const path of ['opt', 'opt/data', dir, `${dir}/conf`]) {
    out.add({ path, type: 'dir', mtime });
    stats.dirs++;
  }
  for (let k = 0; k < recipe.smallFilesPerLayer; k++) {
    const body = Buffer.from(`# layer ${l} file ${k}\n${SMALL.repeat(1 + src.int(40))}`);
    out.add({ path: `${dir}/conf/setting-${k}.conf`, type: 'file', mtime }, body);
    stats.files++;
    stats.dataBytes += body.length;
  }
  const zeros = Buffer.alloc(recipe.segmentBytes);
  const size = Math.floor(recipe.layerBytes / recipe.bigFilesPerLayer);
  for (let k = 0; k < recipe.bigFilesPerLayer; k++) {
    out.begin({ path: `${dir}/blob-${k}.bin`, type: 'file', size, mtime });
    for (let done = 0, seg = 0; done < size; seg++) {
      const n = Math.min(recipe.segmentBytes, size - done);
      // Random first in even files, zeros first in odd ones: half and half either way.
      out.data((seg + k) % 2 === 0 ? src.bytes(n) : zeros.subarray(0, n));
      done += n;
      await out.room();
    }
    out.end(size);
    stats.files++;
    stats.dataBytes += size;
  }
  stats.entries = stats.files + stats.dirs;
  return { blob: await out.finish(), stats };
}
