/** A layer blob stored inside an archive file, read by range. */
import type { Readable } from 'node:stream';
import type { Layer } from '../image.js';
import type { TarIndex } from './tar-index.js';

export class ArchiveLayer implements Layer {
  constructor(
    private readonly index: TarIndex,
    private readonly name: string,
    readonly digest: string,
    readonly diffId: string,
    readonly mediaType: string,
  ) {}

  get size(): number {
    return this.index.require(this.name).size;
  }

  async open(): Promise<Readable> {
    return this.index.open(this.name);
  }
}

/** `sha256:<hex>` when a file name carries a digest (`<hex>.tar.gz`, `blobs/sha256/<hex>`, `sha256:<hex>`). */
export function digestInName(name: string): string | undefined {
  const m = /(?:^|\/|sha256:)([a-f0-9]{64})(?:\.json|\.tar|\.tar\.gz|\.tgz)?$/.exec(name);
  return m ? `sha256:${m[1]}` : undefined;
}

export function blobPath(digest: string): string {
  return `blobs/${digest.replace(':', '/')}`;
}
