/**
 * Archives holding several images, as `docker save a b`, `podman save -m a b` and an OCI layout
 * with several tags make them: each image is planned by its single-image format, then the plans
 * are merged: manifest.json entries and index.json descriptors concatenated in order,
 * repositories merged, shared members (a common base layer) written once.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { walkOrder, writeArchive, type Item } from './archive-writer';
import { buildImages } from './build-images';
import { planDocker25 } from './format-docker25';
import { planDockerLegacy } from './format-docker-legacy';
import { planOciLayout } from './format-oci';
import { planPodman } from './format-podman';
import { goJson, sortKeys } from './go-json';
import { EPOCH } from './image-config';
import type { Plan, Planner } from './plan';
import type { ArchiveResult, ImageSpec } from './types';

export type BundleFormat = 'docker-legacy' | 'docker25' | 'podman' | 'oci-layout';

const PLANNERS: Record<BundleFormat, { plan: Planner; walk: boolean; compression: 'none' | 'gzip' }> = {
  'docker-legacy': { plan: planDockerLegacy, walk: true, compression: 'none' },
  docker25: { plan: planDocker25, walk: true, compression: 'none' },
  podman: { plan: planPodman, walk: false, compression: 'none' },
  'oci-layout': { plan: planOciLayout, walk: true, compression: 'gzip' },
};

export async function writeImageBundle(
  specs: ImageSpec[],
  out: string,
  format: BundleFormat,
): Promise<ArchiveResult> {
  if (specs.length === 0) throw new Error('a bundle needs at least one image');
  const { plan, walk, compression } = PLANNERS[format];
  const dir = await mkdtemp(join(tmpdir(), 'strata-bundle-'));
  try {
    const images = await buildImages(specs, compression, dir, false);
    const plans = images.map((image) => plan([image]));
    const merged = mergeItems(plans);
    const first = plans[0] as Plan;
    await writeArchive(out, walk ? walkOrder(merged) : merged, {
      style: first.style,
      mtime: first.mtime ?? specs[0]?.created ?? EPOCH,
      gzipWhole: false,
    });
    const results = images.map((img, i) => ({
      manifestDigest: plans[i]?.topDigest ?? '',
      configDigest: img.configDigest,
      diffIds: img.layers.map((l) => l.diffId),
      layerDigests: img.layers.map((l) => l.digest),
      platform: img.platform,
    }));
    return { ...(results[0] as ArchiveResult), path: out, images: results };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const INDEX_FILES: Record<string, (docs: unknown[]) => unknown> = {
  'manifest.json': (docs) => (docs as unknown[][]).flat(),
  'index.json': (docs) => ({
    ...(docs[0] as object),
    manifests: (docs as Array<{ manifests: unknown[] }>).flatMap((d) => d.manifests),
  }),
  repositories: (docs) => sortKeys(Object.assign({}, ...(docs as object[])) as Record<string, unknown>),
};

/** Index files merged; every other member kept once (by name), in the order first seen. */
function mergeItems(plans: Plan[]): Item[] {
  const items = new Map<string, Item>();
  const docs = new Map<string, unknown[]>();
  for (const item of plans.flatMap((p) => p.items)) {
    if (item.kind === 'file' && item.name in INDEX_FILES) {
      docs.set(item.name, [...(docs.get(item.name) ?? []), JSON.parse(item.data.toString('utf8'))]);
      if (!items.has(item.name)) items.set(item.name, item);
    } else if (!items.has(item.name)) items.set(item.name, item);
  }
  for (const [name, parts] of docs) {
    const data = Buffer.from(`${goJson((INDEX_FILES[name] as (d: unknown[]) => unknown)(parts))}\n`);
    items.set(name, { kind: 'file', name, data });
  }
  return [...items.values()];
}
