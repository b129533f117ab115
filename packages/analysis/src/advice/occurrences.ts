/**
 * Every time a layer writes a non-directory path is one occurrence; it ends when a later layer
 * overwrites or deletes that path. An ended occurrence is what stack.ts counts as shadowed:
 * bytes a layer stores that the final image never shows. Read from the layers' change columns;
 * the path string and the attributes are made only when a rule asks for them.
 */
import { DIR, FILE } from '../layer-index/entry-types.js';
import { entryInfo, type FileInfo, type LayerIndex } from '../layer-index/layer-index.js';
import { REMOVED, type ImageStack, type LayerChanges } from '../stack.js';

export interface OccurrenceEnd {
  layer: number;
  how: 'removed' | 'overwritten';
  /** Overwritten with the same content (only mode, owner or nothing changed). */
  sameContent: boolean;
  /** The attributes the later layer wrote (overwrites only). */
  info?: FileInfo;
}

export class Occurrence {
  end?: OccurrenceEnd;

  constructor(
    private readonly stack: ImageStack,
    readonly layer: number,
    /** The path's id in the stack's path table. */
    readonly node: number,
    readonly entry: number,
  ) {}

  get path(): string {
    return this.stack.paths.path(this.node);
  }

  get size(): number {
    return this.index.size[this.entry] as number;
  }

  get info(): FileInfo {
    return entryInfo(this.index, this.entry);
  }

  get isFile(): boolean {
    return this.index.type[this.entry] === FILE;
  }

  /** Equal for equal content (content hash and size), without the hash's hex string. */
  get contentKey(): string {
    const { hash } = this.index;
    return `${hash[2 * this.entry]}:${hash[2 * this.entry + 1]}:${this.size}`;
  }

  /** Same content hash and size (what contentKey says, without making strings). */
  sameContentAs(other: Occurrence): boolean {
    const a = this.index.hash;
    const b = other.index.hash;
    const i = 2 * this.entry;
    const j = 2 * other.entry;
    return a[i] === b[j] && a[i + 1] === b[j + 1] && this.size === other.size;
  }

  /** 30 bits of the content hash (a small integer, cheap as a Map key), to bucket by before comparing contentKey. */
  get contentBucket(): number {
    return (this.index.hash[2 * this.entry + 1] as number) >>> 2;
  }

  private get index(): LayerIndex {
    return this.stack.layers[this.layer] as LayerIndex;
  }
}

export function collectOccurrences(stack: ImageStack): Occurrence[][] {
  const live: Array<Occurrence | undefined> = new Array(stack.paths.size);
  return stack.changes.map((changes, layer) => {
    const written: Occurrence[] = [];
    for (let i = 0; i < changes.node.length; i++) applyChange(stack, live, changes, i, layer, written);
    return written;
  });
}

function applyChange(
  stack: ImageStack,
  live: Array<Occurrence | undefined>,
  changes: LayerChanges,
  i: number,
  layer: number,
  out: Occurrence[],
): void {
  const g = changes.node[i] as number;
  const below = live[g];
  const l = changes.infoLayer[i] as number;
  const e = changes.infoEntry[i] as number;
  if (changes.status[i] === REMOVED || stack.typeOf(l, e) === DIR) {
    // A removal, or a directory taking the place of a file: the file below ends here.
    if (below) {
      below.end = { layer, how: 'removed', sameContent: false };
      live[g] = undefined;
    }
    return;
  }
  const occurrence = new Occurrence(stack, layer, g, e);
  if (below) {
    const info = occurrence.info;
    below.end = { layer, how: 'overwritten', sameContent: sameContent(below.info, info), info };
  }
  live[g] = occurrence;
  out.push(occurrence);
}

function sameContent(a: FileInfo, b: FileInfo): boolean {
  return (
    a.type === b.type && a.contentHash === b.contentHash && a.linkTarget === b.linkTarget && a.size === b.size
  );
}
