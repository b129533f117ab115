/** Owner and permission bits. Defaults: mode 0644 (dirs 0755, symlinks 0777), uid/gid 0. */
interface EntryMeta {
  path: string;
  mode?: number;
  uid?: number;
  gid?: number;
}

/**
 * File content: text, bytes, or `size` deterministic pseudo-random bytes (see `randomContent`),
 * streamed in chunks so big files never sit in memory. `seed` defaults to a hash of the path.
 */
export type ContentSpec = string | Buffer | { size: number; seed?: number };

/** One entry of a layer tar, written in the order given. */
export type EntrySpec =
  | (EntryMeta & { type?: 'file'; content?: ContentSpec })
  | (EntryMeta & { type: 'dir' })
  | (EntryMeta & { type: 'symlink' | 'hardlink'; target: string })
  /** Deletes `<dir>/<name>`: writes the empty file `<dir>/.wh.<name>`. */
  | { path: string; type: 'whiteout' }
  /** Hides everything below `path` from lower layers: writes `<path>/.wh..wh..opq`. */
  | { path: string; type: 'opaque' };

export type Compression = 'none' | 'gzip' | 'zstd';

export interface LayerSpec {
  entries: EntrySpec[];
  /** Default: 'none' for docker-legacy, docker25 and podman (they store layers uncompressed), else 'gzip'. */
  compression?: Compression;
  /** History text; default `/bin/sh -c #(nop) ADD file:<diff_id hex> in / `. */
  createdBy?: string;
  /** `created_by` texts of history entries with `empty_layer: true` placed before this layer's entry. */
  emptyLayersBefore?: string[];
  /** Same, placed after this layer's entry (e.g. a trailing `CMD`). */
  emptyLayersAfter?: string[];
}

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

export interface ImageSpec {
  layers: LayerSpec[];
  /** Default linux/amd64. */
  platform?: Platform;
  labels?: Record<string, string>;
  /** Extra fields for the config's `config` object (Env, Cmd, WorkingDir…); `labels` wins for Labels. */
  config?: Record<string, unknown>;
  /** Annotations of the OCI image manifest (formats that store one). */
  annotations?: Record<string, string>;
  /** e.g. `['example.com/app:1.0']`; the first one names the image in index.json. */
  repoTags?: string[];
  /** 'auto' (default) writes a history entry per layer plus the empty ones asked for; 'none' omits history. */
  history?: 'auto' | 'none';
  /** Tar mtimes and config/history `created`; default the Unix epoch. */
  created?: Date;
}

/** Several images of one multi-platform image; only 'oci-index-nested' and 'oci-layout' accept it. */
export interface MultiPlatformSpec {
  platforms: ImageSpec[];
  repoTags?: string[];
  /** Annotations of the nested image index. */
  annotations?: Record<string, string>;
}

export type ArchiveFormat =
  'docker-legacy' | 'docker25' | 'kaniko' | 'podman' | 'oci-layout' | 'oci-index-nested';

export type Tamper = 'diff-id' | 'layer-digest' | 'missing-blob' | 'truncate';

export interface WriteOptions {
  /** gzip the whole archive, like `docker save | gzip`. */
  gzipWhole?: boolean;
  /**
   * Break the archive on purpose, always at the first layer of the first image:
   * 'diff-id' changes that diff_id in the config; 'layer-digest' flips a byte in the middle of the
   * stored blob; 'missing-blob' leaves the blob out; 'truncate' cuts the file in the middle of it.
   */
  tamper?: Tamper;
}

/** Digests of one image as written. All digests are `sha256:<hex>`. */
export interface ImageResult {
  /**
   * The image manifest's digest. Formats without a stored manifest (docker-legacy, podman, kaniko)
   * report the Docker schema2 manifest skopeo synthesizes for them (layer digests = diff_ids).
   */
  manifestDigest: string;
  configDigest: string;
  /** The true diff_ids of the layer tars (before any 'diff-id' tampering). */
  diffIds: string[];
  /** Digests of the layer blobs as stored in the archive (equal to diffIds when uncompressed). */
  layerDigests: string[];
  platform: Platform;
}

/** The first image's digests, plus every image's; for 'oci-index-nested', `manifestDigest` is the nested index's. */
export interface ArchiveResult extends ImageResult {
  path: string;
  /** One result per platform; for a single image, just that image. */
  images: ImageResult[];
}
