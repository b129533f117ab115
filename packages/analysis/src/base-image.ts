/**
 * Where the base image ends. dive treats layer 0 as the base; an image built with the OCI base
 * annotations (image-spec annotations.md `org.opencontainers.image.base.name` / `.digest`) says it
 * has a base, and its history says where: base entries were created in an earlier build, so the
 * boundary is the largest jump in `created` times. Without annotations: layer 0, as dive does.
 */
import type { HistoryItem } from './history.js';

export interface BaseImage {
  /** Layers 0..layerCount-1 belong to the base. */
  layerCount: number;
  source: 'annotation' | 'layer0';
  name?: string;
  digest?: string;
}

export const BASE_NAME = 'org.opencontainers.image.base.name';
export const BASE_DIGEST = 'org.opencontainers.image.base.digest';

export function findBaseImage(
  annotations: Record<string, string>,
  history: HistoryItem[],
  layerCount: number,
): BaseImage {
  const fallback: BaseImage = { layerCount: Math.min(1, layerCount), source: 'layer0' };
  const name = annotations[BASE_NAME];
  const digest = annotations[BASE_DIGEST];
  if (name === undefined && digest === undefined) return fallback;
  const split = largestTimeJump(history);
  if (split === undefined) return fallback;
  const layers = history.slice(0, split).filter((h) => h.layerIndex !== null).length;
  const base: BaseImage = { layerCount: layers, source: 'annotation' };
  if (name !== undefined) base.name = name;
  if (digest !== undefined) base.digest = digest;
  return base;
}

/** Index of the first entry after the biggest gap between consecutive `created` times. */
function largestTimeJump(history: HistoryItem[]): number | undefined {
  let best: number | undefined;
  let bestGap = 0;
  for (let i = 1; i < history.length; i++) {
    const gap = Date.parse(history[i]?.created ?? '') - Date.parse(history[i - 1]?.created ?? '');
    if (gap > bestGap) {
      bestGap = gap;
      best = i;
    }
  }
  return best;
}
