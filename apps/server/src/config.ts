/**
 * The server's configuration, read from the environment in this one place and validated, so a
 * typo fails at start with a clear message instead of misbehaving later.
 *
 * Environment variables (sizes take bytes or units: 500MB, 2GiB):
 *
 *   PORT                          port to listen on (default 8080)
 *   HOST                          address to bind (default 0.0.0.0)
 *   STRATA_DATA_DIR               results, layer cache and upload temp files (default ./data)
 *   STRATA_MAX_UPLOAD_BYTES       largest accepted upload (default 8GiB); larger gets 413
 *   STRATA_JOB_CONCURRENCY        analyses run at once, the rest queue (default 2)
 *   STRATA_LAYER_CONCURRENCY      layers decoded in parallel per analysis (default 2)
 *   STRATA_CACHE_MAX_BYTES        budget for stored results; least recently used go first (default 2GiB)
 *   STRATA_LAYER_CACHE_MAX_BYTES  budget for decoded layer indexes reused across images (default 1GiB; 0 = off)
 *   STRATA_JOB_TIMEOUT_SECONDS    longest one analysis may run (default 1800)
 *   STRATA_MAX_LAYER_ENTRIES      tar entries allowed in one layer (default 1000000)
 *   STRATA_MAX_IMAGE_ENTRIES      tar entries allowed across an image's layers (default 5000000)
 *   STRATA_MAX_PATH_BYTES         longest path allowed in a layer (default 65536)
 *   STRATA_MAX_DECOMPRESSION_RATIO  a layer, or an archive compressed as a whole, may not inflate
 *                                 more than this past 256 MiB (default 250); a whole archive may also
 *                                 not inflate past STRATA_MAX_UPLOAD_BYTES
 *   STRATA_MAX_LAYERS             layers in one image (default 500; docker's overlay2 stops at 128)
 *   STRATA_MAX_LAYER_REPEATS      times one layer may be listed in one image (default 16)
 *   STRATA_WEB_DIR                built web app to serve at / (default apps/web/dist beside the server)
 *   STRATA_INSECURE_REGISTRIES    comma list of host[:port] pulled over plain http (loopback always is)
 *   STRATA_REGISTRY_ALLOW_LOOPBACK  pull from 127.0.0.0/8 and ::1 (default true: a local registry:5000)
 *   STRATA_REGISTRY_ALLOW_PRIVATE   pull from private networks, e.g. a compose service (default false)
 *   STRATA_REGISTRY_ALLOW_CIDRS   comma list of CIDRs allowed whatever their class
 *   STRATA_REGISTRY_TIMEOUT_SECONDS  silence from a registry before giving up (default 30)
 *   STRATA_REGISTRY_RETRIES       retries after a 429, a 5xx or a dropped connection (default 4)
 *   STRATA_REGISTRY_DOCKER_CONFIG  use the server's ~/.docker/config.json credentials for pulls
 *                                 (default false: users' pulls must not borrow the server's access)
 */
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { parseBytes } from '@strata/analysis';
import { z } from 'zod';

const GiB = 1024 ** 3;

const bytes = (fallback: number) =>
  z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (text === undefined || text === '') return fallback;
      const n = parseBytes(text);
      if (n === undefined) ctx.addIssue({ code: 'custom', message: `not a size: ${text}` });
      return n ?? fallback;
    });

const int = (fallback: number, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((text) => (text === undefined || text === '' ? fallback : Number(text)))
    .pipe(z.number().int().min(min).max(max));

const flag = (fallback: boolean) =>
  z
    .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
    .optional()
    .transform((t) => (t === undefined || t === '' ? fallback : ['1', 'true', 'yes'].includes(t)));

const list = z
  .string()
  .optional()
  .transform((t) => (t ?? '').split(',').map((s) => s.trim()).filter(Boolean)); // prettier-ignore

/** apps/web/dist, both from src/ (tests) and from dist/server.mjs (the bundle). */
const defaultWebDir = fileURLToPath(new URL('../../web/dist', import.meta.url));

const EnvSchema = z.object({
  PORT: int(8080, 0, 65535),
  HOST: z.string().default('0.0.0.0'),
  STRATA_DATA_DIR: z.string().default('./data'),
  STRATA_MAX_UPLOAD_BYTES: bytes(8 * GiB),
  STRATA_JOB_CONCURRENCY: int(2, 1, 64),
  STRATA_LAYER_CONCURRENCY: int(2, 1, 16),
  STRATA_CACHE_MAX_BYTES: bytes(2 * GiB),
  STRATA_LAYER_CACHE_MAX_BYTES: bytes(GiB),
  STRATA_LAYER_BLOBS_MAX_BYTES: bytes(4 * GiB),
  STRATA_JOB_TIMEOUT_SECONDS: int(1800, 1, 7 * 24 * 3600),
  STRATA_MAX_LAYER_ENTRIES: int(1_000_000, 1, 50_000_000),
  STRATA_MAX_IMAGE_ENTRIES: int(5_000_000, 1, 100_000_000),
  STRATA_MAX_PATH_BYTES: int(64 * 1024, 256, 1024 * 1024),
  STRATA_MAX_DECOMPRESSION_RATIO: int(250, 2, 100_000),
  STRATA_MAX_LAYERS: int(500, 1, 100_000),
  STRATA_MAX_LAYER_REPEATS: int(16, 1, 100_000),
  STRATA_WEB_DIR: z.string().default(defaultWebDir),
  STRATA_INSECURE_REGISTRIES: list,
  STRATA_REGISTRY_ALLOW_LOOPBACK: flag(true),
  STRATA_REGISTRY_ALLOW_PRIVATE: flag(false),
  STRATA_REGISTRY_ALLOW_CIDRS: list,
  STRATA_REGISTRY_TIMEOUT_SECONDS: int(30, 1, 3600),
  STRATA_REGISTRY_RETRIES: int(4, 0, 10),
  STRATA_REGISTRY_DOCKER_CONFIG: flag(false),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  maxUploadBytes: number;
  jobConcurrency: number;
  layerConcurrency: number;
  cacheMaxBytes: number;
  layerCacheMaxBytes: number;
  /** Layer blobs kept for the file API (issue 11), shared by analyses; 0 = none. */
  layerBlobsMaxBytes: number;
  jobTimeoutMs: number;
  limits: { maxEntries: number; maxPathBytes: number; maxRatio: number; ratioFloorBytes?: number };
  /** Tar entries allowed across all layers of one image. */
  maxImageEntries: number;
  /** The image's shape: layers, and repeats of one layer. */
  imageLimits: { maxLayers: number; maxLayerRepeats: number };
  webDir: string;
  registry: {
    insecureRegistries: string[];
    allowLoopback: boolean;
    allowPrivate: boolean;
    allowCidrs: string[];
    idleTimeoutMs: number;
    retries: number;
    useDockerConfig: boolean;
  };
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.STRATA_DATA_DIR),
    maxUploadBytes: e.STRATA_MAX_UPLOAD_BYTES,
    jobConcurrency: e.STRATA_JOB_CONCURRENCY,
    layerConcurrency: e.STRATA_LAYER_CONCURRENCY,
    cacheMaxBytes: e.STRATA_CACHE_MAX_BYTES,
    layerCacheMaxBytes: e.STRATA_LAYER_CACHE_MAX_BYTES,
    layerBlobsMaxBytes: e.STRATA_LAYER_BLOBS_MAX_BYTES,
    jobTimeoutMs: e.STRATA_JOB_TIMEOUT_SECONDS * 1000,
    limits: {
      maxEntries: e.STRATA_MAX_LAYER_ENTRIES,
      maxPathBytes: e.STRATA_MAX_PATH_BYTES,
      maxRatio: e.STRATA_MAX_DECOMPRESSION_RATIO,
    },
    maxImageEntries: e.STRATA_MAX_IMAGE_ENTRIES,
    imageLimits: { maxLayers: e.STRATA_MAX_LAYERS, maxLayerRepeats: e.STRATA_MAX_LAYER_REPEATS },
    webDir: resolve(e.STRATA_WEB_DIR),
    registry: {
      insecureRegistries: e.STRATA_INSECURE_REGISTRIES,
      allowLoopback: e.STRATA_REGISTRY_ALLOW_LOOPBACK,
      allowPrivate: e.STRATA_REGISTRY_ALLOW_PRIVATE,
      allowCidrs: e.STRATA_REGISTRY_ALLOW_CIDRS,
      idleTimeoutMs: e.STRATA_REGISTRY_TIMEOUT_SECONDS * 1000,
      retries: e.STRATA_REGISTRY_RETRIES,
      useDockerConfig: e.STRATA_REGISTRY_DOCKER_CONFIG,
    },
  };
}
