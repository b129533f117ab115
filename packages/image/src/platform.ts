/**
 * Platforms (image-spec image-index.md `platform`): parsing `os/arch[/variant]`, and choosing
 * one manifest of an index: the asked platform, else linux/amd64, else the only one.
 */
import { StrataError } from './errors.js';
import type { Descriptor, Platform } from './image.js';

export const DEFAULT_PLATFORM: Platform = { os: 'linux', architecture: 'amd64' };

export function parsePlatform(text: string): Platform {
  const [os, architecture, variant, extra] = text.split('/');
  if (!os || !architecture || extra !== undefined) {
    throw new StrataError(
      'PLATFORM',
      `invalid platform '${text}': expected os/architecture[/variant], e.g. linux/arm64/v8`,
    );
  }
  return variant ? { os, architecture, variant } : { os, architecture };
}

export function formatPlatform(p: Platform): string {
  return [p.os, p.architecture, p.variant].filter(Boolean).join('/');
}

/** A wanted platform without a variant matches any variant. */
export function platformMatches(have: Platform, want: Platform): boolean {
  return (
    have.os === want.os &&
    have.architecture === want.architecture &&
    (!want.variant || have.variant === want.variant)
  );
}

/** Attestations (BuildKit provenance/SBOM) are listed as unknown/unknown manifests. */
export function isAttestation(d: Descriptor): boolean {
  return (
    d.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest' || d.platform?.os === 'unknown'
  );
}

export function selectManifest(
  manifests: Descriptor[],
  wanted: Platform | undefined,
  what: string,
): Descriptor {
  const images = manifests.filter((d) => !isAttestation(d));
  const pick = (p: Platform): Descriptor | undefined =>
    images.find((d) => d.platform && platformMatches(d.platform, p));
  const chosen = wanted
    ? pick(wanted)
    : (pick(DEFAULT_PLATFORM) ?? (images.length === 1 ? images[0] : undefined));
  if (chosen) return chosen;
  const available =
    images.map((d) => (d.platform ? formatPlatform(d.platform) : '(no platform)')).join(', ') || 'none';
  const asked = wanted
    ? `no manifest for platform ${formatPlatform(wanted)}`
    : 'several platforms and no linux/amd64';
  throw new StrataError(
    'PLATFORM',
    `${what} has ${asked}; available: ${available} (choose one with --platform)`,
  );
}
