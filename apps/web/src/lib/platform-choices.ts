/**
 * What the platform picker offers for the reference in the box: the platforms its index lists
 * (looked up from the registry), else those a failed pull named, else the common ones. The
 * first option is always "default platform" (the server's choice: linux/amd64, else the only one),
 * except after a pull failed for want of a platform, where a choice is required.
 */
import type { PlatformLookup } from '../store/platform-slice.js';

export const COMMON_PLATFORMS = [
  'linux/amd64',
  'linux/arm64',
  'linux/arm/v7',
  'linux/386',
  'linux/ppc64le',
  'linux/s390x',
];

export interface PlatformChoices {
  placeholder: string;
  platforms: string[];
  from: 'index' | 'error' | 'common';
}

/** The lookup counts only while it is about the reference in the box (not one typed before). */
export function lookupFor(lookup: PlatformLookup, reference: string): PlatformLookup {
  return lookup.state !== 'idle' && lookup.reference === reference.trim() ? lookup : { state: 'idle' };
}

export function platformChoices(lookup: PlatformLookup, offered: string[]): PlatformChoices {
  if (lookup.state === 'found' && lookup.platforms.length > 0)
    return { placeholder: 'default platform', platforms: lookup.platforms, from: 'index' };
  if (offered.length > 0) return { placeholder: 'pick a platform…', platforms: offered, from: 'error' };
  return { placeholder: 'default platform', platforms: COMMON_PLATFORMS, from: 'common' };
}

export type LookupStatus = { kind: 'busy' | 'info' | 'error'; text: string; detail?: string } | undefined;

/** The line under the reference box: the lookup under way, what it found, or why it failed. */
export function lookupStatus(lookup: PlatformLookup): LookupStatus {
  switch (lookup.state) {
    case 'idle':
      return undefined;
    case 'looking':
      return { kind: 'busy', text: 'looking up platforms…' };
    case 'found': {
      const n = lookup.platforms.length;
      if (!lookup.index)
        return {
          kind: 'info',
          text: `single-platform image: ${lookup.platforms[0] ?? 'platform not stated'}`,
        };
      return {
        kind: 'info',
        text: `${n} platform${n === 1 ? '' : 's'} in this image index: ${lookup.platforms.join(', ')}`,
      };
    }
    case 'failed':
      return {
        kind: 'error',
        text: `Could not look up platforms: ${lookup.error.title.toLowerCase()}.`,
        detail: lookup.error.message,
      };
  }
}
