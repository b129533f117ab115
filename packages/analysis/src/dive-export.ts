/**
 * dive's `--json` export format (dive/runtime/export/export.go), so tools that read dive's
 * JSON read Strata's: `layer[]` with each layer's own file list, `image` with the figures.
 */
import type { Analysis } from './analyze.js';
import { rawName, sortedChildren, type TreeNode } from './layer-tree.js';
import type { EntryType } from './types.js';

export interface DiveFileInfo {
  path: string;
  typeFlag: number;
  linkName: string;
  size: number;
  fileMode: number;
  uid: number;
  gid: number;
  isDir: boolean;
}

export interface DiveExport {
  layer: Array<{
    index: number;
    id: string;
    digestId: string;
    sizeBytes: number;
    command: string;
    fileList: DiveFileInfo[];
  }>;
  image: {
    sizeBytes: number;
    inefficientBytes: number;
    efficiencyScore: number;
    fileReference: Array<{ count: number; sizeBytes: number; file: string }>;
  };
}

export function toDiveExport(analysis: Analysis): DiveExport {
  const { report, trees } = analysis;
  return {
    layer: report.layers.map((layer, i) => ({
      index: layer.index,
      id: layer.digest,
      digestId: layer.diffId,
      sizeBytes: layer.sizeBytes,
      command: layer.command,
      fileList: fileList(trees[i]?.root),
    })),
    image: {
      sizeBytes: report.image.sizeBytes,
      inefficientBytes: report.image.wastedBytes,
      efficiencyScore: report.image.efficiency,
      fileReference: report.inefficientFiles.map((f) => ({
        count: f.count,
        sizeBytes: f.bytes,
        file: f.path,
      })),
    },
  };
}

/**
 * Every node below the root, children before their parent, siblings in dive's order (what dive's
 * recursive walk emits). Iterative: a path may be thousands of directories deep.
 */
function fileList(root: TreeNode | undefined): DiveFileInfo[] {
  const out: DiveFileInfo[] = [];
  if (!root) return out;
  interface Frame {
    children: TreeNode[];
    next: number;
    path: string;
  }
  const stack: Frame[] = [{ children: sortedChildren(root), next: 0, path: '' }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as Frame;
    if (frame.next > 0) {
      const done = frame.children[frame.next - 1] as TreeNode;
      out.push(diveInfo(done, `${frame.path}/${rawName(done)}`));
    }
    const child = frame.children[frame.next++];
    if (!child) {
      stack.pop();
      continue;
    }
    stack.push({ children: sortedChildren(child), next: 0, path: `${frame.path}/${child.name}` });
  }
  return out;
}

/** Tar typeflag bytes ('0', '5', …) as numbers, like Go's byte. */
const TYPE_FLAGS: Record<EntryType, number> = {
  file: 48,
  hardlink: 49,
  symlink: 50,
  char: 51,
  block: 52,
  dir: 53,
  fifo: 54,
  other: 48,
};

/** Go's os.FileMode type bits (io/fs), as archive/tar's FileInfo().Mode() sets them. */
const GO_MODE_TYPE: Partial<Record<EntryType, number>> = {
  dir: 2 ** 31,
  symlink: 2 ** 27,
  block: 2 ** 26,
  char: 2 ** 26 + 2 ** 21,
  fifo: 2 ** 25,
};

function diveInfo(node: TreeNode, path: string): DiveFileInfo {
  const info = node.info;
  if (!info)
    return { path: '', typeFlag: 0, linkName: '', size: 0, fileMode: 0, uid: 0, gid: 0, isDir: false };
  return {
    path: path.slice(1),
    typeFlag: TYPE_FLAGS[info.type],
    linkName: info.linkTarget,
    size: info.size,
    fileMode: goFileMode(info.type, info.mode),
    uid: info.uid,
    gid: info.gid,
    isDir: info.type === 'dir',
  };
}

function goFileMode(type: EntryType, mode: number): number {
  let bits = mode & 0o777;
  if (mode & 0o4000) bits += 2 ** 23; // setuid
  if (mode & 0o2000) bits += 2 ** 22; // setgid
  if (mode & 0o1000) bits += 2 ** 20; // sticky
  return bits + (GO_MODE_TYPE[type] ?? 0);
}
