/**
 * The layer index (DESIGN.md "The data's way through" 3): THE representation of one decoded
 * layer, built in the decode worker in the same pass that hashes and parses the tar, transferred
 * to the main thread without copying, stored on disk by the layer's digest, and read by the
 * analysis, advice, the browser model and file reads.
 *
 * Columnar: per tar entry (tar order, whiteouts included) one slot in each typed array, and the
 * layer's own tree (dive's per-layer tree: implied parents are nodes, `.wh.x` is a whiteout node
 * for `x`, `.wh..wh..opq` flags its directory) as parent ids. Names and link targets live once in
 * `strings`.
 */
import type { ContentFinding } from '../content/types.js';
import { WHITEOUT_PREFIX } from '../path.js';
import type { EntryType, LayerEntry } from '../types.js';
import { TYPES } from './entry-types.js';

export type Compression = 'gzip' | 'zstd' | 'none';

/** Node flags. */
export const WHITEOUT = 1;
export const OPAQUE = 2;

export interface LayerIdentity {
  /** Digest of the blob as stored (compressed), `sha256:…`. */
  digest: string;
  /** Digest of the uncompressed tar (the config's rootfs.diff_ids entry). */
  diffId: string;
  /** Bytes of the blob as stored. */
  compressedSize: number;
  mediaType: string;
}

export interface LayerIndex extends LayerIdentity {
  compression: Compression;
  /** Entries with a path (the tar's `./` root entry is not one). */
  entryCount: number;
  /** Σ of the entries' header sizes: dive's layer size. */
  sizeBytes: number;
  /** Per entry. */
  entryNode: Int32Array;
  type: Uint8Array;
  size: Float64Array;
  mode: Uint16Array;
  uid: Uint32Array;
  gid: Uint32Array;
  /** Two words per entry: a 64-bit content hash (xxhash64) of regular files, 0 for the rest. */
  hash: Uint32Array;
  /** Index into `strings` of the link target, -1 for none. */
  link: Int32Array;
  /** Offset of the entry's data in the uncompressed tar (for reading a file's bytes later). */
  offset: Float64Array;
  /** Per node of the layer's own tree; node 0 is the root. */
  nodeCount: number;
  nodeParent: Int32Array;
  nodeName: Int32Array;
  /** The entry that defines the node (the last one when a tar repeats a path), -1 when implied. */
  nodeEntry: Int32Array;
  nodeFlags: Uint8Array;
  strings: string[];
  /** What content analyzers found in the decode pass (packages, secrets). */
  findings: ContentFinding[];
  /** The decode pass ran the content analyzers over this layer (an index built from entry objects did not). */
  contentScanned: boolean;
  /**
   * Random access into the layer's blob, when the decode pass built it: gzip checkpoints packed by
   * @strata/image (contents/seek-index-pack.ts). Not part of the packed index; kept by blob digest.
   */
  seekIndex?: Uint8Array;
}

/** An entry's attributes without its path (the tree gives the path); contentHash is hex, '' for non-files. */
export type FileInfo = Omit<LayerEntry, 'path'>;

export function entryType(index: LayerIndex, e: number): EntryType {
  return TYPES[index.type[e] as number] ?? 'other';
}

export function entryLink(index: LayerIndex, e: number): string {
  const s = index.link[e] as number;
  return s < 0 ? '' : (index.strings[s] as string);
}

export function entryHash(index: LayerIndex, e: number): string {
  if (index.type[e] !== 0) return '';
  return hashHex(index.hash[2 * e] as number, index.hash[2 * e + 1] as number);
}

/** A content hash's two 32-bit words as FileInfo.contentHash writes them. */
export function hashHex(high: number, low: number): string {
  return hex32(high) + hex32(low);
}

export function entryInfo(index: LayerIndex, e: number): FileInfo {
  return {
    type: entryType(index, e),
    size: index.size[e] as number,
    mode: index.mode[e] as number,
    uid: index.uid[e] as number,
    gid: index.gid[e] as number,
    linkTarget: entryLink(index, e),
    contentHash: entryHash(index, e),
  };
}

/** The node's path in this layer's tree, relative (`etc/passwd`), whiteouts by their target's name. */
export function nodePath(index: LayerIndex, node: number): string {
  const parts: string[] = [];
  for (let n = node; n > 0; n = index.nodeParent[n] as number) parts.push(nodeName(index, n));
  return parts.reverse().join('/');
}

export function nodeName(index: LayerIndex, node: number): string {
  return index.strings[index.nodeName[node] as number] as string;
}

/** The node's name as the tar wrote it: a whiteout keeps its `.wh.` prefix (dive sorts by it). */
export function rawNodeName(index: LayerIndex, node: number): string {
  const name = nodeName(index, node);
  return (index.nodeFlags[node] as number) & WHITEOUT ? WHITEOUT_PREFIX + name : name;
}

/** The entry's cleaned relative path as in the tar (a whiteout keeps its `.wh.` name). */
export function entryPath(index: LayerIndex, e: number): string {
  const node = index.entryNode[e] as number;
  const path = nodePath(index, node);
  if (!((index.nodeFlags[node] as number) & WHITEOUT) || index.nodeEntry[node] !== e) return path;
  const slash = path.lastIndexOf('/');
  return path.slice(0, slash + 1) + rawNodeName(index, node);
}

const HEX_BYTES = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Eight hex digits by byte table: hashes are shown for every file of an image. */
function hex32(n: number): string {
  return (
    (HEX_BYTES[n >>> 24] as string) +
    (HEX_BYTES[(n >>> 16) & 255] as string) +
    (HEX_BYTES[(n >>> 8) & 255] as string) +
    (HEX_BYTES[n & 255] as string)
  );
}
