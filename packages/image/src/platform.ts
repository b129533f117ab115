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

const ARCH_ALIASES: Record<string, string> = {
  aarch64: 'arm64',
  x86_64: 'amd64',
  'x86-64': 'amd64',
  armhf: 'arm',
  armel: 'arm',
  i386: '386',
};
const DEFAULT_VARIANT: Record<string, string> = { arm64: 'v8', arm: 'v7', amd64: 'v1' };

/**
 * Canonical architecture and variant, as containerd's platforms package compares them:
 * `linux/aarch64` equals `linux/arm64/v8`, and an entry saying only `arm64` is `v8`.
 */
export function normalizePlatform(p: Platform): Required<Platform> {
  const raw = p.architecture.toLowerCase();
  const architecture = ARCH_ALIASES[raw] ?? raw;
  const implied = raw === 'armel' ? 'v6' : undefined;
  const variant = (p.variant ?? implied ?? DEFAULT_VARIANT[architecture] ?? '').toLowerCase();
  return { os: p.os.toLowerCase(), architecture, variant };
}

/** Same OS and architecture, and the variant when one is asked for. */
export function platformMatches(have: Platform, want: Platform): boolean {
  const h = normalizePlatform(have);
  const w = normalizePlatform(want);
  return h.os === w.os && h.architecture === w.architecture && (!want.variant || h.variant === w.variant);
}

/** Attestations (BuildKit provenance/SBOM) are listed as unknown/unknown manifests. */
export function isAttestation(d: Descriptor): boolean {
  return (
    d.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest' || d.platform?.os === 'unknown'
  );
}

/**
 * One manifest of an index: the asked platform (the architecture's default variant first when
 * no variant is asked), else linux/amd64, else the only image; otherwise an error listing them.
 */
export function selectManifest(
  manifests: Descriptor[],
  wanted: Platform | undefined,
  what: string,
): Descriptor {
  const images = manifests.filter((d) => !isAttestation(d));
  const chosen = wanted
    ? bestMatch(images, wanted)
    : (bestMatch(images, DEFAULT_PLATFORM) ?? (images.length === 1 ? images[0] : undefined));
  if (chosen) return chosen;
  const listed = [
    ...new Set(images.filter((d) => d.platform).map((d) => formatPlatform(d.platform as Platform))),
  ];
  const available = listed.length ? listed.join(', ') : 'none (the index lists no platforms)';
  if (wanted)
    throw new StrataError(
      'PLATFORM',
      `no image for platform ${formatPlatform(wanted)} in ${what}; available: ${available}`,
    );
  throw new StrataError(
    'PLATFORM',
    `${what} has several platforms and no linux/amd64; available: ${available} (choose one with --platform)`,
  );
}

function bestMatch(images: Descriptor[], wanted: Platform): Descriptor | undefined {
  const want = normalizePlatform(wanted);
  const sameArch = images.filter(
    (d) => d.platform && platformMatches(d.platform, { os: want.os, architecture: want.architecture }),
  );
  const exact = sameArch.find((d) => normalizePlatform(d.platform as Platform).variant === want.variant);
  return exact ?? (wanted.variant ? undefined : sameArch[0]);
}
