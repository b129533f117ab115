/**
 * The one image model every source implements (go-containerregistry's pkg/v1 is the model):
 * a small core of getters; everything else is derived from them in shared code.
 */
import type { Readable } from 'node:stream';

/** OCI descriptor (image-spec descriptor.md). */
export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  annotations?: Record<string, string>;
  platform?: Platform;
}

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

/** Image manifest, normalized from OCI or Docker schema 2 (image-spec manifest.md). */
export interface Manifest {
  schemaVersion: number;
  mediaType: string;
  config: Descriptor;
  layers: Descriptor[];
  annotations?: Record<string, string>;
}

/** The parts of an image config the analysis reads (image-spec config.md). */
export interface ImageConfig {
  architecture?: string;
  os?: string;
  variant?: string;
  config?: { Labels?: Record<string, string> | null; [key: string]: unknown };
  rootfs: { type: string; diff_ids: string[] };
  history?: Array<{
    created?: string;
    created_by?: string;
    author?: string;
    comment?: string;
    empty_layer?: boolean;
  }>;
  [key: string]: unknown;
}

/** One layer blob. `open()` streams the blob as stored (still compressed). */
export interface Layer {
  /** Blob digest (`sha256:…`) of the stored bytes; the diff_id when the blob is an uncompressed tar. */
  readonly digest: string;
  /** Digest of the uncompressed tar, from the config's rootfs.diff_ids. */
  readonly diffId: string;
  readonly size: number;
  readonly mediaType: string;
  open(): Promise<Readable>;
}

/** An image from any source. Getters are lazy and memoized by the source. */
export interface Image {
  /** Human name of the source, for messages (`docker-archive:/tmp/x.tar`, `localhost:5000/a:b`). */
  readonly source: string;
  /** Manifest digest when the source has one, else the config digest. */
  digest(): Promise<string>;
  manifest(): Promise<Manifest>;
  config(): Promise<ImageConfig>;
  layers(): Promise<Layer[]>;
  /**
   * The image index the manifest was chosen from (OCI layout `index.json`), as parsed JSON, for
   * display; undefined when there is none. Optional: sources without one may leave it out.
   */
  index?(): Promise<Record<string, unknown> | undefined>;
  /** Names the source gives the image (repositories file, RepoTags, ref annotations). */
  names(): Promise<string[]>;
  /** What the source tolerated (e.g. a misnamed config), filled as the getters run; shown as warnings. */
  readonly warnings?: string[];
  /** Release resources (temp files, file handles). Idempotent. */
  close(): Promise<void>;
}
