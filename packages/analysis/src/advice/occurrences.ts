/**
 * Every time a layer writes a non-directory path is one occurrence; it ends when a later layer
 * overwrites or deletes that path. An ended occurrence is what stack.ts counts as shadowed:
 * bytes a layer stores that the final image never shows.
 */
import type { FileInfo } from '../layer-tree.js';
import type { FileChange, LayerDelta } from '../stack.js';

export interface OccurrenceEnd {
  layer: number;
  how: 'removed' | 'overwritten';
  /** Overwritten with the same content (only mode, owner or nothing changed). */
  sameContent: boolean;
  /** The attributes the later layer wrote (overwrites only). */
  info?: FileInfo;
}

export interface Occurrence {
  layer: number;
  path: string;
  size: number;
  info: FileInfo;
  end?: OccurrenceEnd;
}

export function collectOccurrences(deltas: LayerDelta[]): Occurrence[][] {
  const live = new Map<string, Occurrence>();
  return deltas.map((delta, layer) => {
    const written: Occurrence[] = [];
    for (const change of delta.changes) applyChange(live, change, layer, written);
    return written;
  });
}

function applyChange(
  live: Map<string, Occurrence>,
  change: FileChange,
  layer: number,
  out: Occurrence[],
): void {
  const below = live.get(change.path);
  if (change.status === 'removed' || change.type === 'dir') {
    // A removal, or a directory taking the place of a file: the file below ends here.
    if (below) {
      below.end = { layer, how: 'removed', sameContent: false };
      live.delete(change.path);
    }
    return;
  }
  if (below)
    below.end = {
      layer,
      how: 'overwritten',
      sameContent: sameContent(below.info, change.info),
      info: change.info,
    };
  const occurrence: Occurrence = { layer, path: change.path, size: change.size, info: change.info };
  live.set(change.path, occurrence);
  out.push(occurrence);
}

function sameContent(a: FileInfo, b: FileInfo): boolean {
  return (
    a.type === b.type && a.contentHash === b.contentHash && a.linkTarget === b.linkTarget && a.size === b.size
  );
}
