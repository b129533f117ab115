/**
 * Builds a layer index entry by entry as the tar is parsed (in the decode worker). The tree it
 * builds mirrors dive's filetree.AddPath so that dive's node count comes out the same: names are
 * cleaned like Go's path.Clean, implied parents become nodes, `.wh.<name>` becomes a whiteout
 * node for `<name>`, `.wh..wh..opq` flags its directory opaque and other `.wh..wh.` names (AUFS
 * metadata) make no node. OCI image-spec layer.md "Whiteouts".
 */
import { cleanPath, META_PREFIX, OPAQUE_MARKER, WHITEOUT_PREFIX } from '../path.js';
import { TYPE_CODE } from './entry-types.js';
import { OPAQUE, WHITEOUT, type Compression, type LayerIdentity, type LayerIndex } from './layer-index.js';
import type { ContentFinding } from '../content/types.js';
import type { EntryType } from '../types.js';

export interface EntryHeader {
  /** The raw tar name (`./usr/bin/`, `a//b/../c`). */
  name: string;
  type: EntryType;
  size: number;
  mode: number;
  uid: number;
  gid: number;
  linkname: string;
  /** Offset of the entry's data in the uncompressed tar. */
  offset: number;
}

export class LayerIndexBuilder {
  // Entry and node columns are plain typed arrays grown together: one capacity check per entry
  // and monomorphic stores on the hot path (a million entries per layer is normal).
  private entries = 0;
  private entryCapacity = 1024;
  private entryNode = new Int32Array(1024);
  private type = new Uint8Array(1024);
  private size = new Float64Array(1024);
  private mode = new Uint16Array(1024);
  private uid = new Uint32Array(1024);
  private gid = new Uint32Array(1024);
  private hash = new Uint32Array(2048);
  private link = new Int32Array(1024);
  private offset = new Float64Array(1024);
  private nodes = 0;
  private nodeCapacity = 1024;
  private nodeParent = new Int32Array(1024);
  private nodeName = new Int32Array(1024);
  private nodeEntry = new Int32Array(1024);
  private nodeFlags = new Uint8Array(1024);
  /** Per node: its children by name (only nodes that have children). */
  private readonly children: Array<Map<string, number> | undefined> = [];
  private readonly strings: string[] = [];
  private readonly stringIds = new Map<string, number>();
  private sizeBytes = 0;
  /** Directory path -> node, for `dirNode`. */
  private readonly dirNodes = new Map<string, number>();
  readonly findings: ContentFinding[] = [];
  /** Set by a decoder that runs the content analyzers over every entry. */
  contentScanned = false;

  constructor() {
    this.addNode(-1, '');
  }

  get entryCount(): number {
    return this.entries;
  }

  /** Add an entry; returns its index, or -1 for the root itself (`./`), which is no entry. */
  add(header: EntryHeader): number {
    const { name, type, size, mode, uid, gid, linkname, offset } = header;
    return this.addCleanEntry(cleanPath(name), TYPE_CODE[type], size, mode, uid, gid, linkname, offset);
  }

  /**
   * `add` without an object per entry (the decoder's hot path), for a name already cleaned by
   * `cleanPath` (the decoder cleans once, for this and the content analyzers); `type` is a TYPE_CODE.
   */
  addCleanEntry(
    path: string,
    type: number,
    size: number,
    mode: number,
    uid: number,
    gid: number,
    linkname: string,
    offset: number,
  ): number {
    if (path === '') return -1;
    const e = this.entries;
    if (e === this.entryCapacity) this.growEntries();
    const slash = path.lastIndexOf('/');
    const dir = slash < 0 ? 0 : this.dirNode(path.slice(0, slash));
    const leaf = slash < 0 ? path : path.slice(slash + 1);
    let node = dir;
    if (leaf === OPAQUE_MARKER) {
      this.nodeFlags[dir] = (this.nodeFlags[dir] as number) | OPAQUE;
    } else if (leaf.startsWith(META_PREFIX)) {
      // Reserved AUFS names (.wh..wh.plnk, ...): not content, dive drops them too.
    } else if (leaf.startsWith(WHITEOUT_PREFIX)) {
      node = this.child(dir, leaf.slice(WHITEOUT_PREFIX.length));
      this.nodeFlags[node] = (this.nodeFlags[node] as number) | WHITEOUT;
      this.nodeEntry[node] = e;
    } else {
      node = this.child(dir, leaf);
      this.nodeEntry[node] = e;
    }
    this.entryNode[e] = node;
    this.type[e] = type;
    this.size[e] = size;
    this.mode[e] = mode & 0o7777;
    this.uid[e] = clampU32(uid);
    this.gid[e] = clampU32(gid);
    this.link[e] = linkname ? this.intern(linkname) : -1;
    this.offset[e] = offset;
    this.sizeBytes += size;
    this.entries = e + 1;
    return e;
  }

  /**
   * The node of a cleaned directory path. Every directory's path is kept once: entries of one
   * directory are rarely listed together, and one lookup beats a walk from the root. A new
   * directory's parent is usually known (tars list directories before their contents); else the
   * path is walked from the root, in a loop (a 64 KiB name can be 30,000 levels deep).
   */
  private dirNode(dirPath: string): number {
    const known = this.dirNodes.get(dirPath);
    if (known !== undefined) return known;
    const slash = dirPath.lastIndexOf('/');
    const parent = slash < 0 ? 0 : this.dirNodes.get(dirPath.slice(0, slash));
    let node: number;
    if (parent !== undefined) node = this.child(parent, dirPath.slice(slash + 1));
    else {
      node = 0;
      for (const part of dirPath.split('/')) node = this.child(node, part);
    }
    this.dirNodes.set(dirPath, node);
    return node;
  }

  setHash(e: number, high: number, low: number): void {
    this.hash[2 * e] = high;
    this.hash[2 * e + 1] = low;
  }

  /**
   * The index, its columns as views on the builder's arrays (no copy: the decode worker packs
   * them into one transferable buffer right away, and a copy here would double its peak).
   */
  finish(identity: LayerIdentity, compression: Compression): LayerIndex {
    const n = this.entries;
    const v = this.nodes;
    return {
      ...identity,
      compression,
      entryCount: n,
      sizeBytes: this.sizeBytes,
      entryNode: this.entryNode.subarray(0, n),
      type: this.type.subarray(0, n),
      size: this.size.subarray(0, n),
      mode: this.mode.subarray(0, n),
      uid: this.uid.subarray(0, n),
      gid: this.gid.subarray(0, n),
      hash: this.hash.subarray(0, 2 * n),
      link: this.link.subarray(0, n),
      offset: this.offset.subarray(0, n),
      nodeCount: v,
      nodeParent: this.nodeParent.subarray(0, v),
      nodeName: this.nodeName.subarray(0, v),
      nodeEntry: this.nodeEntry.subarray(0, v),
      nodeFlags: this.nodeFlags.subarray(0, v),
      strings: this.strings,
      findings: this.findings,
      contentScanned: this.contentScanned,
    };
  }

  private child(dir: number, name: string): number {
    let map = this.children[dir];
    if (!map) this.children[dir] = map = new Map();
    const known = map.get(name);
    if (known !== undefined) return known;
    const node = this.addNode(dir, name);
    map.set(name, node);
    return node;
  }

  private addNode(parent: number, name: string): number {
    const v = this.nodes;
    if (v === this.nodeCapacity) this.growNodes();
    this.nodeParent[v] = parent;
    this.nodeName[v] = this.intern(name);
    this.nodeEntry[v] = -1;
    this.children.push(undefined);
    this.nodes = v + 1;
    return v;
  }

  private growEntries(): void {
    const c = (this.entryCapacity *= 2);
    this.entryNode = grown(this.entryNode, c);
    this.type = grown(this.type, c);
    this.size = grown(this.size, c);
    this.mode = grown(this.mode, c);
    this.uid = grown(this.uid, c);
    this.gid = grown(this.gid, c);
    this.hash = grown(this.hash, 2 * c);
    this.link = grown(this.link, c);
    this.offset = grown(this.offset, c);
  }

  private growNodes(): void {
    const c = (this.nodeCapacity *= 2);
    this.nodeParent = grown(this.nodeParent, c);
    this.nodeName = grown(this.nodeName, c);
    this.nodeEntry = grown(this.nodeEntry, c);
    this.nodeFlags = grown(this.nodeFlags, c);
  }

  private intern(s: string): number {
    let id = this.stringIds.get(s);
    if (id === undefined) {
      id = this.strings.push(s) - 1;
      this.stringIds.set(s, id);
    }
    return id;
  }
}

type Grownable = Int32Array | Uint32Array | Uint16Array | Uint8Array | Float64Array;

function grown<T extends Grownable>(array: T, capacity: number): T {
  const next = new (array.constructor as { new (n: number): T })(capacity);
  next.set(array);
  return next;
}

function clampU32(n: number): number {
  return n >= 0 && n <= 0xffffffff ? n : 0xffffffff;
}
