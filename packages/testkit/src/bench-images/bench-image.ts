import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeArchive } from '../archive-builder/archive-writer';
import type { BuiltImage } from '../archive-builder/build-images';
import { planOciLayout } from '../archive-builder/format-oci';
import { sha256 } from '../archive-builder/go-json';
import { buildConfig } from '../archive-builder/image-config';
import type { LayerBlob } from '../archive-builder/layer-blob';
import type { ImageSpec } from '../archive-builder/types';
import { writeBigLayer, type BigLayersRecipe } from './big-layers';
import { planManyFiles, writeManyFilesLayer, type ManyFilesRecipe } from './many-files';
import type { LayerStats } from './types';

export type BenchRecipe = ManyFilesRecipe | BigLayersRecipe;

/** What was written: the archive, its digests, and per-layer counts (bench tables and expectations). */
export interface BenchImage {
  path: string;
  manifestDigest: string;
  configDigest: string;
  layers: Array<Omit<LayerBlob, 'file'> & { stats: LayerStats }>;
}

type Written = { blob: LayerBlob; stats: LayerStats };

/**
 * Layers are independent once planned, so they are written together: gzip runs on libuv's
 * thread pool, and two layers keep two cores busy.
 */
async function writeLayers(recipe: BenchRecipe, dir: string): Promise<Written[]> {
  const file = (l: number): string => join(dir, `layer-${l}.tar.gz`);
  const plans = recipe.kind === 'many-files' ? planManyFiles(recipe) : undefined;
  const one = (l: number): Promise<Written> =>
    plans
      ? writeManyFilesLayer(recipe as ManyFilesRecipe, plans[l]!, l, file(l))
      : writeBigLayer(recipe as BigLayersRecipe, l, file(l));
  const written: Written[] = new Array(recipe.layers);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let l = next++; l < recipe.layers; l = next++) written[l] = await one(l);
  };
  await Promise.all([worker(), worker()]);
  return written;
}

function createdBy(recipe: BenchRecipe, l: number): string {
  return recipe.kind === 'many-files'
    ? `COPY layer-${l}/ / # buildkit (bench ${recipe.files} files)`
    : `COPY data-${l}/ /opt/data/layer-${l}/ # buildkit (bench big layers)`;
}

/** Writes `recipe` as an oci-archive at `out` (layer blobs go through `tmp`, removed after). */
export async function writeBenchImage(recipe: BenchRecipe, out: string, tmp: string): Promise<BenchImage> {
  const dir = await mkdtemp(join(tmp, 'bench-image-'));
  try {
    const written = await writeLayers(recipe, dir);
    const created = new Date(recipe.mtime * 1000);
    const spec: ImageSpec = {
      layers: written.map((_, l) => ({ entries: [], createdBy: createdBy(recipe, l) })),
      repoTags: [`strata-bench/${recipe.kind}:latest`],
      config: { Env: ['PATH=/usr/local/bin:/usr/bin:/bin'], Cmd: ['/bin/sh'] },
      created,
    };
    const layers = written.map((w) => w.blob);
    const config = buildConfig(
      spec,
      layers.map((b) => b.diffId),
    );
    const image: BuiltImage = {
      spec,
      platform: { os: 'linux', architecture: 'amd64' },
      config,
      configDigest: sha256(config),
      layers,
    };
    const plan = planOciLayout([image]);
    await writeArchive(out, plan.items, { style: plan.style, mtime: created, gzipWhole: false });
    return {
      path: out,
      manifestDigest: plan.topDigest,
      configDigest: image.configDigest,
      layers: written.map(({ blob: { file: _file, ...blob }, stats }) => ({ ...blob, stats })),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
