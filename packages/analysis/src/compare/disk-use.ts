/**
 * The true disk use of a set of images (`strata df`, like `docker system df -v`; the web app's
 * shared-layers view): images share layers, so the set takes each distinct layer (diff_id)
 * once, not the sum of the images' sizes. Pure, over the reports.
 */
import type { Report } from '../report.js';

export interface DiskUseImage {
  source: string;
  digest: string;
  sizeBytes: number;
  compressedSizeBytes: number;
  /** Bytes of this image's layers that another image of the set also has. */
  sharedBytes: number;
  /** Bytes of layers no other image of the set has (what removing this image frees). */
  uniqueBytes: number;
  uniqueCompressedBytes: number;
}

export interface DiskUseLayer {
  diffId: string;
  sizeBytes: number;
  /** Stored blob size (the first image's blob when compressed differently). */
  compressedSizeBytes: number;
  /** Indexes into `images` of the images holding it. */
  images: number[];
}

export interface DiskUse {
  images: DiskUseImage[];
  /** Every distinct layer, biggest first. */
  layers: DiskUseLayer[];
  /** Σ of the images' sizes (the naive figure). */
  sumBytes: number;
  /** Σ over distinct diff_ids (the true disk use). */
  totalBytes: number;
  sumCompressedBytes: number;
  totalCompressedBytes: number;
}

type Reported = Pick<Report, 'image' | 'layers'>;

export function diskUse(reports: Reported[]): DiskUse {
  const layers = distinctLayers(reports);
  const byId = new Map(layers.map((l) => [l.diffId, l]));
  const images = reports.map((r, i): DiskUseImage => {
    const own = [...new Set(r.layers.map((l) => l.diffId))].map((id) => byId.get(id) as DiskUseLayer);
    const unique = own.filter((l) => l.images.length === 1 && l.images[0] === i);
    const uniqueBytes = sum(unique.map((l) => l.sizeBytes));
    return {
      source: r.image.source,
      digest: r.image.digest,
      sizeBytes: r.image.sizeBytes,
      compressedSizeBytes: r.image.compressedSizeBytes,
      sharedBytes: sum(own.map((l) => l.sizeBytes)) - uniqueBytes,
      uniqueBytes,
      uniqueCompressedBytes: sum(unique.map((l) => l.compressedSizeBytes)),
    };
  });
  return {
    images,
    layers: layers.sort((x, y) => y.sizeBytes - x.sizeBytes || (x.diffId < y.diffId ? -1 : 1)),
    sumBytes: sum(reports.map((r) => r.image.sizeBytes)),
    totalBytes: sum(layers.map((l) => l.sizeBytes)),
    sumCompressedBytes: sum(reports.map((r) => r.image.compressedSizeBytes)),
    totalCompressedBytes: sum(layers.map((l) => l.compressedSizeBytes)),
  };
}

function distinctLayers(reports: Reported[]): DiskUseLayer[] {
  const byId = new Map<string, DiskUseLayer>();
  reports.forEach((r, i) => {
    for (const l of r.layers) {
      const known = byId.get(l.diffId);
      if (!known)
        byId.set(l.diffId, {
          diffId: l.diffId,
          sizeBytes: l.sizeBytes,
          compressedSizeBytes: l.compressedSizeBytes,
          images: [i],
        });
      else if (!known.images.includes(i)) known.images.push(i);
    }
  });
  return [...byId.values()];
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
