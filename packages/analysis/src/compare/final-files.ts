/**
 * The one place the comparisons read an image's final merged file system. Today it walks the
 * Stacker's tree (`analysis.final`); when the analysis core goes columnar (the layer index of
 * issue 9) only this function changes. Iterative: a path can be thousands of levels deep.
 */
import type { Analysis } from '../analyze.js';
import type { FileInfo } from '../layer-tree.js';
import type { StackNode } from '../stack.js';

export interface FinalFile {
  /** Absolute path, e.g. `/etc/passwd`. */
  path: string;
  info: FileInfo;
}

/** Every non-directory entry of the final file system, in no particular order. */
export function* finalFiles(analysis: Pick<Analysis, 'final'>): Iterable<FinalFile> {
  const pending: Array<{ node: StackNode; path: string }> = [{ node: analysis.final, path: '' }];
  for (let item = pending.pop(); item; item = pending.pop()) {
    const { node, path } = item;
    if (node.info && node.info.type !== 'dir') yield { path, info: node.info };
    if (!node.children) continue;
    for (const child of node.children.values()) pending.push({ node: child, path: `${path}/${child.name}` });
  }
}
