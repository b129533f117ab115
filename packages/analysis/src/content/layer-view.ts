/**
 * One layer's change set looked up by path, for the package analysis: a package database is a
 * file like any other, and a package's bytes are those of its files the layer wrote or removed.
 * Built on the stack's integer ids; the lookup table is made only when a layer is asked.
 */
import { DIR } from '../layer-index/entry-types.js';
import { ROOT } from '../path-table.js';
import { STATUSES, type ChangeStatus, type ImageStack, type LayerChanges } from '../stack.js';

export interface PathChange {
  status: ChangeStatus;
  size: number;
  isDir: boolean;
}

export class LayerView {
  /** Change index by path id (-1: untouched), made on first use: one flat array, not a Map of a million. */
  private byNode: Int32Array | undefined;

  constructor(
    private readonly stack: ImageStack,
    private readonly layer: number,
  ) {}

  /** The change this layer made to an absolute path, if any. */
  get(path: string): PathChange | undefined {
    const g = this.stack.paths.find(path);
    return g < 0 ? undefined : this.at(g);
  }

  /** Non-directory changes at or below `dir` (an absolute path), not descending into `skipDir` names. */
  *under(dir: string, skipDir: string): Iterable<PathChange> {
    const top = this.stack.paths.find(dir);
    if (top < 0) return;
    const todo = [top];
    while (todo.length > 0) {
      const g = todo.pop() as number;
      const change = this.at(g);
      if (change && !change.isDir) yield change;
      for (const c of this.stack.paths.children(g)) if (this.stack.paths.names[c] !== skipDir) todo.push(c);
    }
  }

  private at(g: number): PathChange | undefined {
    const changes = this.stack.changes[this.layer] as LayerChanges;
    if (!this.byNode) {
      const byNode = new Int32Array(this.stack.paths.size).fill(-1);
      changes.node.forEach((node, i) => (byNode[node] = i));
      this.byNode = byNode;
    }
    const i = this.byNode[g] ?? -1;
    if (i < 0 || g === ROOT) return undefined;
    const l = changes.infoLayer[i] as number;
    const e = changes.infoEntry[i] as number;
    return {
      status: STATUSES[changes.status[i] as number] as ChangeStatus,
      size: this.stack.sizeOf(l, e),
      isDir: this.stack.typeOf(l, e) === DIR,
    };
  }
}
