import type { BigLayersRecipe } from './big-layers';
import type { ManyFilesRecipe } from './many-files';

const MTIME = 1_700_000_000;
const MiB = 1024 * 1024;

/** Issue 9's million-file image: 1,000,000 small files in 5 gzip layers, 1% overwritten and 1% deleted per layer. */
export const MILLION_FILES: ManyFilesRecipe = {
  kind: 'many-files',
  seed: 'strata-bench-million-files',
  files: 1_000_000,
  layers: 5,
  overwritePercent: 1,
  deletePercent: 1,
  gzipLevel: 6,
  mtime: MTIME,
};

/** Issue 9's 3 GB image: three 1 GiB gzip layers of half-random, half-zero data, few files. */
export const THREE_GB: BigLayersRecipe = {
  kind: 'big-layers',
  seed: 'strata-bench-3gb',
  layers: 3,
  layerBytes: 1024 * MiB,
  bigFilesPerLayer: 4,
  segmentBytes: MiB,
  smallFilesPerLayer: 12,
  gzipLevel: 6,
  mtime: MTIME,
};
