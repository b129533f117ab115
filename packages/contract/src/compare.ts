/**
 * `GET /api/compare?a=ID&b=ID`: two stored analyses compared (the CLI's `strata diff --json`
 * shape, packages/analysis compare/diff-images.ts), plus both reports' layers for alignment.
 */
import { z } from 'zod';
import { AnalysisIdSchema } from './analyses.js';

export const CompareQuerySchema = z.object({ a: AnalysisIdSchema, b: AnalysisIdSchema });
export type CompareQuery = z.infer<typeof CompareQuerySchema>;

const bytes = z.number().int().nonnegative();
const side = z.object({ source: z.string(), digest: z.string(), sizeBytes: bytes });
const layer = z.object({
  index: z.number().int().nonnegative(),
  diffId: z.string(),
  sizeBytes: bytes,
  command: z.string(),
});

export const CompareResponseSchema = z.object({
  a: side,
  b: side,
  sizeDeltaBytes: z.number().int(),
  sharedLayers: z.array(z.object({ diffId: z.string(), sizeBytes: bytes })),
  commonPrefixLayers: z.number().int().nonnegative(),
  files: z.object({
    added: z.array(z.object({ path: z.string(), bytes })),
    removed: z.array(z.object({ path: z.string(), bytes })),
    changed: z.array(z.object({ path: z.string(), bytesA: bytes, bytesB: bytes })),
  }),
  /** The images' first names (else their sources), A then B. */
  names: z.array(z.string()),
  layersA: z.array(layer),
  layersB: z.array(layer),
});
export type CompareResponse = z.infer<typeof CompareResponseSchema>;

/** `GET /api/disk-use?ids=A,B,…`: the CLI's `strata df` over stored analyses, plus what a grid needs. */
export const DiskUseResponseSchema = z.object({
  ids: z.array(AnalysisIdSchema),
  names: z.array(z.string()),
  platforms: z.array(z.string()),
  /** Each image's layers bottom first, for the grid. */
  imageLayers: z.array(z.array(z.object({ diffId: z.string(), command: z.string() }))),
  images: z.array(
    z.object({
      source: z.string(),
      digest: z.string(),
      sizeBytes: bytes,
      compressedSizeBytes: bytes,
      sharedBytes: bytes,
      uniqueBytes: bytes,
      uniqueCompressedBytes: bytes,
    }),
  ),
  layers: z.array(
    z.object({
      diffId: z.string(),
      sizeBytes: bytes,
      compressedSizeBytes: bytes,
      images: z.array(z.number().int().nonnegative()),
    }),
  ),
  sumBytes: bytes,
  totalBytes: bytes,
  sumCompressedBytes: bytes,
  totalCompressedBytes: bytes,
});
export type DiskUseResponse = z.infer<typeof DiskUseResponseSchema>;

/** `GET /api/tags?repository=host/name`: a registry repository's tags. */
export const TagsQuerySchema = z.object({ repository: z.string().min(1).max(1024) });
export const TagsResponseSchema = z.object({ repository: z.string(), tags: z.array(z.string()) });
export type TagsResponse = z.infer<typeof TagsResponseSchema>;
