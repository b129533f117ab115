/**
 * The platforms a reference offers, from its top manifest only (nothing is pulled): every image
 * of an index but its attestations, or the single image's platform from its config. Fills the
 * start page's platform picker before the user presses Analyze.
 */
import type { PlatformsRequest, PlatformsResponse } from '@strata/contract';
import {
  formatPlatform,
  formatReference,
  isAttestation,
  parseReference,
  referenceIdentifier,
  RegistryClient,
  StrataError,
  type Descriptor,
  type Platform,
} from '@strata/image';
import type { Config } from '../config.js';
import { ApiError } from '../http/api-error.js';
import { registryOptions, type Credentials } from './registry-options.js';

/**
 * A lookup answers a picker while the user waits: one retry at most, so a dead registry is
 * reported in seconds rather than after the pull's full backoff.
 */
const LOOKUP_RETRIES = 1;

export async function listPlatforms(
  request: PlatformsRequest,
  config: Config,
  signal: AbortSignal,
): Promise<PlatformsResponse> {
  const ref = parseReference(request.reference.trim());
  const reference = formatReference(ref);
  const options = registryOptions(config, signal, credentialsOf(request));
  options.retries = Math.min(config.registry.retries, LOOKUP_RETRIES);
  const client = new RegistryClient(options);
  try {
    const top = await client.fetchManifest(ref, referenceIdentifier(ref));
    if (top.parsed.kind === 'index') {
      return {
        reference,
        digest: top.digest,
        index: true,
        platforms: indexPlatforms(top.parsed.index.manifests),
      };
    }
    const bytes = await client.fetchBlob(
      ref,
      top.parsed.manifest.config,
      client.settings.maxConfigBytes,
      `config of ${reference}`,
    );
    const platform = configPlatform(bytes, reference);
    return { reference, digest: top.digest, index: false, platforms: platform ? [platform] : [] };
  } finally {
    client.close();
  }
}

function credentialsOf(request: PlatformsRequest): Credentials | undefined {
  if (request.username === undefined) {
    if (request.password !== undefined) throw new ApiError('BAD_REQUEST', 'a password needs a username');
    return undefined;
  }
  return { username: request.username, password: request.password ?? '' };
}

/** In the index's order, each once; entries without a platform cannot be picked, so they are left out. */
function indexPlatforms(manifests: Descriptor[]): string[] {
  const found = new Set<string>();
  for (const d of manifests) if (d.platform && !isAttestation(d)) found.add(formatPlatform(d.platform));
  return [...found];
}

/** `os/arch[/variant]` of an image config (image-spec config.md); undefined when it says none. */
function configPlatform(bytes: Buffer, reference: string): string | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new StrataError('CORRUPT', `the config of ${reference} is not valid JSON`);
  }
  const c = (typeof doc === 'object' && doc !== null ? doc : {}) as Record<string, unknown>;
  const { os, architecture, variant } = c;
  if (typeof os !== 'string' || typeof architecture !== 'string' || !os || !architecture) return undefined;
  const platform: Platform = { os, architecture };
  if (typeof variant === 'string' && variant) platform.variant = variant;
  return formatPlatform(platform);
}
