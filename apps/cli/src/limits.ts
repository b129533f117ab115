/**
 * The CLI's bounds, from the same environment variables the server reads (README
 * "Configuration"), so a CI job can lower or raise them: STRATA_MAX_LAYER_ENTRIES,
 * STRATA_MAX_IMAGE_ENTRIES, STRATA_MAX_PATH_BYTES, STRATA_MAX_DECOMPRESSION_RATIO.
 */
import type { LoadOptions } from '@strata/image';
import { UsageError } from './args.js';

export function limitsFromEnv(
  env: NodeJS.ProcessEnv = process.env,
): Pick<LoadOptions, 'limits' | 'maxImageEntries'> {
  const limits: NonNullable<LoadOptions['limits']> = {};
  const out: Pick<LoadOptions, 'limits' | 'maxImageEntries'> = { limits };
  const layerEntries = count(env, 'STRATA_MAX_LAYER_ENTRIES');
  if (layerEntries !== undefined) limits.maxEntries = layerEntries;
  const pathBytes = count(env, 'STRATA_MAX_PATH_BYTES');
  if (pathBytes !== undefined) limits.maxPathBytes = pathBytes;
  const ratio = count(env, 'STRATA_MAX_DECOMPRESSION_RATIO');
  if (ratio !== undefined) limits.maxRatio = ratio;
  const imageEntries = count(env, 'STRATA_MAX_IMAGE_ENTRIES');
  if (imageEntries !== undefined) out.maxImageEntries = imageEntries;
  return out;
}

function count(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 1)
    throw new UsageError(`${name} must be a positive integer, got '${raw}'`);
  return n;
}
