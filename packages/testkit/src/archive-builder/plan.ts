import type { Item, Style } from './archive-writer';
import type { BuiltImage } from './build-images';
import type { LayerBlob } from './layer-blob';
import type { MultiPlatformSpec } from './types';

/** What a format decides: the archive members in order, how they look, and the digests to report. */
export interface Plan {
  items: Item[];
  style: Style;
  /** Manifest digest per image (for formats without a stored manifest: skopeo's synthesized one). */
  manifestDigests: string[];
  /** What the archive's entry point refers to: the manifest, or the nested index. */
  topDigest: string;
  /** Tools that ignore image dates (skopeo) always write epoch times. */
  mtime?: Date;
}

export type Planner = (images: BuiltImage[], multi?: MultiPlatformSpec) => Plan;

export const GO_STYLE = { fileMode: 0o644, dirMode: 0o755, symlinkMode: 0o777 };

/** First occurrence of each blob digest: archives store a blob shared by two layers once. */
export function uniqueBlobs(layers: LayerBlob[]): LayerBlob[] {
  const seen = new Set<string>();
  return layers.filter((l) => !seen.has(l.digest) && seen.add(l.digest));
}

export function tagsOf(image: BuiltImage, multi?: MultiPlatformSpec): string[] {
  return multi?.repoTags ?? image.spec.repoTags ?? [];
}

/** The only image of a single-image format. */
export function single(images: BuiltImage[], format: string): BuiltImage {
  const [image] = images;
  if (!image || images.length !== 1) throw new Error(`${format} holds exactly one image`);
  return image;
}
