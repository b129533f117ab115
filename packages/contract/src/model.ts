/**
 * `GET /api/analyses/:id/model`: everything the browser needs to explore the trees, loaded once
 * (the analysis package's compact model, `encodeModel`); the report is its own document
 * (`GET /api/analyses/:id`), not repeated here. Columnar: `paths[i]` is an absolute
 * path whose parent is `paths[parent[i]]` (-1 at the top, parents first); each layer lists the
 * paths it touches as parallel columns, so a million-entry image is a few arrays of numbers,
 * not a million objects. `status` indexes MODEL_STATUSES, `type` indexes MODEL_TYPES; `link`
 * maps a position in the layer's columns to a link target (sparse).
 */
import { z } from 'zod';

export const MODEL_STATUSES = ['added', 'modified', 'removed', 'unmodified'] as const;
export const MODEL_TYPES = ['file', 'dir', 'symlink', 'hardlink', 'char', 'block', 'fifo', 'other'] as const;

const ints = z.array(z.number().int());

export const ModelLayerSchema = z.object({
  node: ints,
  status: ints,
  type: ints,
  size: ints,
  mode: ints,
  uid: ints,
  gid: ints,
  link: z.record(z.string(), z.string()),
});

export const ModelSchema = z.object({
  v: z.literal(2),
  paths: z.array(z.string()),
  parent: ints,
  layers: z.array(ModelLayerSchema),
});
export type Model = z.infer<typeof ModelSchema>;
export type ModelLayer = z.infer<typeof ModelLayerSchema>;
