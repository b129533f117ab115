/**
 * Row index → node without listing the rows, as VS Code's tree model finds an element by index
 * (vs/base/browser/ui/tree/indexTreeModel.ts: every node knows how many visible rows its subtree
 * holds). One pass, children before parents, gives each node its subtree's row count in a view;
 * a row is then found by descending from the top, skipping whole subtrees. A layer switch on a
 * million paths costs that one pass over a typed array, and only the rows on screen are built.
 */

/** A directory's children in display order (-1: the top level). */
export type ChildOrder = (dir: number) => Int32Array;

/**
 * Rows per subtree: a shown node counts itself, and what shows below it unless it is collapsed.
 * `collapsed` is per node (1 = shown closed), or undefined when nothing is.
 */
export function subtreeRows(
  parent: Int32Array,
  show: Uint8Array,
  collapsed: Uint8Array | undefined,
): Int32Array {
  const n = parent.length;
  const rows = new Int32Array(n);
  for (let node = n - 1; node >= 0; node--) {
    if (!show[node]) {
      rows[node] = 0;
      continue;
    }
    const own = collapsed && collapsed[node] ? 1 : (rows[node] as number) + 1;
    rows[node] = own;
    const p = parent[node] as number;
    if (p >= 0) rows[p] = (rows[p] as number) + own;
  }
  return rows;
}

/** Directories with at least this many children get prefix sums, so a descent searches them. */
const PREFIX_FROM = 32;

export class RowIndex {
  readonly count: number;
  private readonly prefixes = new Map<number, Int32Array>();

  constructor(
    private readonly rows: Int32Array,
    private readonly order: ChildOrder,
  ) {
    let count = 0;
    for (const r of order(-1)) count += rows[r] as number;
    this.count = count;
  }

  /** Rows of a node's subtree in this view (0 when it does not show). */
  rowsOf(node: number): number {
    return this.rows[node] as number;
  }

  /** The node at a row and its depth. */
  nodeAt(index: number): { node: number; depth: number } {
    if (index < 0 || index >= this.count) throw new RangeError(`row ${index} of ${this.count}`);
    let dir = -1;
    let rest = index;
    for (let depth = 0; ; depth++) {
      const kids = this.order(dir);
      const j = this.childHolding(dir, kids, rest);
      const child = kids[j] as number;
      rest -= this.rowsBefore(dir, kids, j);
      if (rest === 0) return { node: child, depth };
      rest -= 1;
      dir = child;
    }
  }

  /**
   * The row of a node, -1 when it does not show or sits under a collapsed directory. `chain` is
   * the node with its ancestors, outermost first.
   */
  indexOf(chain: readonly number[], collapsed: Uint8Array | undefined): number {
    let index = 0;
    let dir = -1;
    for (let level = 0; level < chain.length; level++) {
      const node = chain[level] as number;
      if (!this.rows[node]) return -1;
      if (level < chain.length - 1 && collapsed?.[node]) return -1;
      const kids = this.order(dir);
      const j = kids.indexOf(node);
      if (j < 0) return -1;
      index += this.rowsBefore(dir, kids, j) + (level > 0 ? 1 : 0);
      dir = node;
    }
    return index;
  }

  /** Position among `kids` of the child whose subtree holds relative row `rest`. */
  private childHolding(dir: number, kids: Int32Array, rest: number): number {
    const prefix = this.prefixOf(dir, kids);
    if (!prefix) {
      let seen = 0;
      for (let j = 0; j < kids.length; j++) {
        seen += this.rows[kids[j] as number] as number;
        if (rest < seen) return j;
      }
      throw new RangeError('row past the end of its directory');
    }
    // The last position whose prefix is <= rest: children with no rows share a prefix and are passed.
    let lo = 0;
    let hi = kids.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((prefix[mid] as number) <= rest) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private rowsBefore(dir: number, kids: Int32Array, j: number): number {
    const prefix = this.prefixOf(dir, kids);
    if (prefix) return prefix[j] as number;
    let sum = 0;
    for (let i = 0; i < j; i++) sum += this.rows[kids[i] as number] as number;
    return sum;
  }

  private prefixOf(dir: number, kids: Int32Array): Int32Array | undefined {
    if (kids.length < PREFIX_FROM) return undefined;
    let prefix = this.prefixes.get(dir);
    if (!prefix) {
      prefix = new Int32Array(kids.length + 1);
      for (let i = 0; i < kids.length; i++)
        prefix[i + 1] = (prefix[i] as number) + (this.rows[kids[i] as number] as number);
      this.prefixes.set(dir, prefix);
    }
    return prefix;
  }
}
