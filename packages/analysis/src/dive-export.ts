/**
 * dive's `--json` export format (dive/runtime/export/export.go), so tools that read dive's
 * JSON read Strata's: `layer[]` with each layer's own file list, `image` with the figures.
 */
import type { Analysis } from './analyze.js';
import { entryLink, entryType, nodeName, rawNodeName, type LayerIndex } from './layer-index/layer-index.js';
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
  return {
    layer: analysis.report.layers.map((_, i) => diveLayer(analysis, i)),
    image: diveImage(analysis),
  };
}

/**
 * The same document as `JSON.stringify(toDiveExport(analysis))`, as text pieces of a few thousand
 * entries: a million-entry image never holds a layer's file list at once.
 */
export function* diveExportJson(analysis: Analysis): Generator<string> {
  yield '{"layer":[';
  for (let i = 0; i < analysis.report.layers.length; i++) {
    if (i > 0) yield ',';
    yield* layerJson(analysis, i);
  }
  yield `],"image":${JSON.stringify(diveImage(analysis))}}`;
}

/** Entries per piece of a file list: a million-entry layer is never one string or one array. */
const PIECE_ENTRIES = 4096;

/** One layer as JSON.stringify writes it (fileList last), its file list in pieces. */
function* layerJson(analysis: Analysis, i: number): Generator<string> {
  const head = JSON.stringify(layerHead(analysis, i));
  yield `${head.slice(0, -1)},"fileList":[`;
  let piece: string[] = [];
  let first = true;
  for (const info of fileList(analysis.stack.layers[i] as LayerIndex)) {
    piece.push(JSON.stringify(info));
    if (piece.length < PIECE_ENTRIES) continue;
    yield `${first ? '' : ','}${piece.join(',')}`;
    first = false;
    piece = [];
  }
  if (piece.length > 0) yield `${first ? '' : ','}${piece.join(',')}`;
  yield ']}';
}

function diveLayer(analysis: Analysis, i: number): DiveExport['layer'][number] {
  return { ...layerHead(analysis, i), fileList: [...fileList(analysis.stack.layers[i] as LayerIndex)] };
}

function layerHead(analysis: Analysis, i: number): Omit<DiveExport['layer'][number], 'fileList'> {
  const layer = analysis.report.layers[i] as Analysis['report']['layers'][number];
  return {
    index: layer.index,
    id: layer.digest,
    digestId: layer.diffId,
    sizeBytes: layer.sizeBytes,
    command: layer.command,
  };
}

function diveImage({ report }: Analysis): DiveExport['image'] {
  return {
    sizeBytes: report.image.sizeBytes,
    inefficientBytes: report.image.wastedBytes,
    efficiencyScore: report.image.efficiency,
    fileReference: report.inefficientFiles.map((f) => ({
      count: f.count,
      sizeBytes: f.bytes,
      file: f.path,
    })),
  };
}

/** dive's VisitDepthChildFirst over the layer's own tree: children sorted by raw name, each before its parent. */
function* fileList(layer: LayerIndex): Generator<DiveFileInfo> {
  const kids = sortedChildren(layer);
  // Each frame: a node, its path, and how many of its children were visited.
  const stack: Array<{ node: number; path: string; next: number }> = [{ node: 0, path: '', next: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as { node: number; path: string; next: number };
    const children = kids[top.node] ?? [];
    if (top.next < children.length) {
      const child = children[top.next++] as number;
      stack.push({ node: child, path: `${top.path}/${nodeName(layer, child)}`, next: 0 });
      continue;
    }
    stack.pop();
    if (top.node === 0) continue;
    const parentPath = top.path.slice(0, top.path.lastIndexOf('/'));
    yield diveInfo(layer, top.node, `${parentPath}/${rawNodeName(layer, top.node)}`);
  }
}

function sortedChildren(layer: LayerIndex): number[][] {
  const kids: number[][] = [];
  for (let v = 1; v < layer.nodeCount; v++) (kids[layer.nodeParent[v] as number] ??= []).push(v);
  for (const list of kids)
    if (list) list.sort((a, b) => compareRaw(rawNodeName(layer, a), rawNodeName(layer, b)));
  return kids;
}

/** Byte-wise comparison like Go's string ordering (UTF-16 order differs only outside the BMP). */
function compareRaw(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
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

/** Read from the columns (no FileInfo: dive's export has no content hash, and a million hex strings cost seconds). */
function diveInfo(layer: LayerIndex, node: number, path: string): DiveFileInfo {
  const e = layer.nodeEntry[node] as number;
  if (e < 0)
    return { path: '', typeFlag: 0, linkName: '', size: 0, fileMode: 0, uid: 0, gid: 0, isDir: false };
  const type = entryType(layer, e);
  return {
    path: path.slice(1),
    typeFlag: TYPE_FLAGS[type],
    linkName: entryLink(layer, e),
    size: layer.size[e] as number,
    fileMode: goFileMode(type, layer.mode[e] as number),
    uid: layer.uid[e] as number,
    gid: layer.gid[e] as number,
    isDir: type === 'dir',
  };
}

function goFileMode(type: EntryType, mode: number): number {
  let bits = mode & 0o777;
  if (mode & 0o4000) bits += 2 ** 23; // setuid
  if (mode & 0o2000) bits += 2 ** 22; // setgid
  if (mode & 0o1000) bits += 2 ** 20; // sticky
  return bits + (GO_MODE_TYPE[type] ?? 0);
}
