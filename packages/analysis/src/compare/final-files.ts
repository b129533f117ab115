/**
 * The one place the comparisons read an image's final merged file system: the stack's present
 * non-directory paths (ImageStack, over integer path ids). Iterative: a path can be thousands
 * of levels deep.
 */
import type { Analysis } from '../analyze.js';
import type { FileInfo } from '../layer-index/layer-index.js';

export interface FinalFile {
  /** Absolute path, e.g. `/etc/passwd`. */
  path: string;
  info: FileInfo;
}

/** Every non-directory entry of the final file system, in path-id order. */
export function* finalFiles(analysis: Pick<Analysis, 'stack'>): Iterable<FinalFile> {
  const { stack } = analysis;
  for (let id = 1; id < stack.paths.size; id++) {
    if (!stack.isPresent(id)) continue;
    const info = stack.info(id);
    if (info && info.type !== 'dir') yield { path: stack.paths.path(id), info };
  }
}
