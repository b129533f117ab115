/**
 * The inputs of the analysis: what an image source yields, already decoded.
 * Pure data, no Node APIs (this package also runs in a Web Worker).
 */
import type { ContentFinding } from './content/types.js';

/** Entry kinds as they appear in a layer tar. */
export type EntryType = 'file' | 'dir' | 'symlink' | 'hardlink' | 'char' | 'block' | 'fifo' | 'other';

/** One tar entry of a layer, as read (names are not yet interpreted: whiteouts are still `.wh.` files). */
export interface LayerEntry {
  /** Cleaned path without leading `/` or `./`, e.g. `etc/passwd`; never `.` or empty. */
  path: string;
  type: EntryType;
  /** The tar header size (0 for directories, links and whiteouts). */
  size: number;
  /** Permission and special bits (`mode & 0o7777`). */
  mode: number;
  uid: number;
  gid: number;
  /** Symlink or hardlink target, '' when none. */
  linkTarget: string;
  /** Hex digest of the content for regular files ('' for everything else). */
  contentHash: string;
}

/** The image config's history entry (OCI image-spec config.md `history`). */
export interface HistoryEntry {
  created?: string;
  created_by?: string;
  author?: string;
  comment?: string;
  empty_layer?: boolean;
}

/** A decoded layer: identity plus its entries in tar order. */
export interface LayerInput {
  /** Digest of the blob as stored (compressed), e.g. `sha256:…`. */
  digest: string;
  /** Digest of the uncompressed tar (the config's rootfs.diff_ids entry). */
  diffId: string;
  /** Bytes of the blob as stored (compressed size). */
  compressedSize: number;
  mediaType: string;
  entries: LayerEntry[];
  /** What the content analyzers found in this layer's bytes (content/), when they ran. */
  findings?: ContentFinding[];
}

/** Everything the analysis needs about an image. */
export interface ImageInput {
  /** Manifest digest when known (registry, OCI layout), else the config digest. */
  digest: string;
  configDigest: string;
  platform: { os: string; architecture: string; variant?: string };
  /** Tags or references the source named (repositories file, annotations). */
  names: string[];
  history: HistoryEntry[];
  /** Manifest and config annotations / labels (for the base-image boundary). */
  annotations: Record<string, string>;
  labels: Record<string, string>;
  layers: LayerInput[];
}
