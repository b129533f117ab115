import { goJson, goTime, hexOf } from './go-json';
import type { ImageSpec, Platform } from './types';

export const DEFAULT_PLATFORM: Platform = { os: 'linux', architecture: 'amd64' };
export const EPOCH = new Date(0);

interface HistoryEntry {
  created: string;
  created_by: string;
  empty_layer?: true;
}

/** History as `docker history` shows it: empty entries where asked, one entry per layer. */
function history(spec: ImageSpec, diffIds: string[], created: string): HistoryEntry[] {
  const empty = (createdBy: string): HistoryEntry => ({ created, created_by: createdBy, empty_layer: true });
  return spec.layers.flatMap((layer, i) => [
    ...(layer.emptyLayersBefore ?? []).map(empty),
    {
      created,
      created_by: layer.createdBy ?? `/bin/sh -c #(nop) ADD file:${hexOf(diffIds[i] ?? '')} in / `,
    },
    ...(layer.emptyLayersAfter ?? []).map(empty),
  ]);
}

/** The runtime `config` object: the caller's extra fields plus Labels. */
export function runtimeConfig(spec: ImageSpec): Record<string, unknown> {
  return { ...spec.config, ...(spec.labels ? { Labels: spec.labels } : {}) };
}

/**
 * The image config JSON. `diffIds` go in as given: the caller passes a tampered list to write a
 * config that disagrees with its layers.
 */
export function buildConfig(spec: ImageSpec, diffIds: string[]): Buffer {
  const platform = spec.platform ?? DEFAULT_PLATFORM;
  const created = goTime(spec.created ?? EPOCH);
  const config = {
    architecture: platform.architecture,
    ...(platform.variant ? { variant: platform.variant } : {}),
    os: platform.os,
    created,
    config: runtimeConfig(spec),
    rootfs: { type: 'layers', diff_ids: diffIds },
    ...(spec.history === 'none' ? {} : { history: history(spec, diffIds, created) }),
  };
  return Buffer.from(goJson(config));
}

/** Flips the last hex digit of the first diff_id, the smallest change a verifier must catch. */
export function tamperDiffIds(diffIds: string[]): string[] {
  return diffIds.map((d, i) => (i === 0 ? d.slice(0, -1) + (d.endsWith('0') ? '1' : '0') : d));
}
