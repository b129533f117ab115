/**
 * Builds a layer index entry by entry as the tar is parsed (in the decode worker). The tree it
 * builds mirrors dive's filetree.AddPath so that dive's node count comes out the same: names are
 * cleaned like Go's path.Clean, implied parents become nodes, `.wh.<name>` becomes a whiteout
 * node for `<name>`, `.wh..wh..opq` flags its directory opaque and other `.wh..wh.` names (AUFS
 * metadata) make no node. OCI image-spec layer.md "Whiteouts".
 */
import { META_PREFIX, OPAQUE_MARKER, WHITEOUT_PREFIX } from '../path.js';
import { Column } from './columns.js';
import { TYPE_CODE } from './entry-types.js';
import { OPAQUE, WHITEOUT, type Compression, type LayerIdentity, type LayerIndex } from './layer-index.js';
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
  private readonly entryNode = new Column(Int32Array);
  private readonly type = new Column(Uint8Array);
  private readonly size = new Column(Float64Array);
  private readonly mode = new Column(Uint16Array);
  private readonly uid = new Column(Uint32Array);
  private readonly gid = new Column(Uint32Array);
  private readonly hash = new Column(Uint32Array, 2048);
  private readonly link = new Column(Int32Array);
  private readonly offset = new Column(Float64Array);
  private readonly nodeParent = new Column(Int32Array);
  private readonly nodeName = new Column(Int32Array);
  private readonly nodeEntry = new Column(Int32Array);
  private readonly nodeFlags = new Column(Uint8Array);
  /** Per node: its children by name (only nodes that have children). */
  private readonly children: Array<Map<string, number> | undefined> = [];
  private readonly strings: string[] = [];
  private readonly stringIds = new Map<string, number>();
  private sizeBytes = 0;
  readonly findings: unknown[] = [];

  constructor() {
    this.addNode(-1, '');
  }

  get entryCount(): number {
    return this.type.length;
  }

  /** Add an entry; returns its index, or -1 for the root itself (`./`), which is no entry. */
  add(header: EntryHeader): number {
    const parts = cleanParts(header.name);
    if (parts.length === 0) return -1;
    const e = this.type.length;
    const leaf = parts.pop() as string;
    let dir = 0;
    for (const part of parts) dir = this.child(dir, part);
    let node = dir;
    if (leaf === OPAQUE_MARKER) {
      this.nodeFlags.data[dir] = (this.nodeFlags.data[dir] as number) | OPAQUE;
    } else if (leaf.startsWith(META_PREFIX)) {
      // Reserved AUFS names (.wh..wh.plnk, ...): not content, dive drops them too.
    } else if (leaf.startsWith(WHITEOUT_PREFIX)) {
      node = this.child(dir, leaf.slice(WHITEOUT_PREFIX.length));
      this.nodeFlags.data[node] = (this.nodeFlags.data[node] as number) | WHITEOUT;
      this.nodeEntry.data[node] = e;
    } else {
      node = this.child(dir, leaf);
      this.nodeEntry.data[node] = e;
    }
    this.entryNode.push(node);
    this.type.push(TYPE_CODE[header.type]);
    this.size.push(header.size);
    this.mode.push(header.mode & 0o7777);
    this.uid.push(clampU32(header.uid));
    this.gid.push(clampU32(header.gid));
    this.hash.push(0);
    this.hash.push(0);
    this.link.push(header.linkname ? this.intern(header.linkname) : -1);
    this.offset.push(header.offset);
    this.sizeBytes += header.size;
    return e;
  }

  setHash(e: number, high: number, low: number): void {
    this.hash.data[2 * e] = high;
    this.hash.data[2 * e + 1] = low;
  }

  finish(identity: LayerIdentity, compression: Compression): LayerIndex {
    return {
      ...identity,
      compression,
      entryCount: this.type.length,
      sizeBytes: this.sizeBytes,
      entryNode: this.entryNode.finish(),
      type: this.type.finish(),
      size: this.size.finish(),
      mode: this.mode.finish(),
      uid: this.uid.finish(),
      gid: this.gid.finish(),
      hash: this.hash.finish(),
      link: this.link.finish(),
      offset: this.offset.finish(),
      nodeCount: this.nodeParent.length,
      nodeParent: this.nodeParent.finish(),
      nodeName: this.nodeName.finish(),
      nodeEntry: this.nodeEntry.finish(),
      nodeFlags: this.nodeFlags.finish(),
      strings: this.strings,
      findings: this.findings,
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
    this.nodeName.push(this.intern(name));
    this.nodeEntry.push(-1);
    this.nodeFlags.push(0);
    this.children.push(undefined);
    return this.nodeParent.push(parent);
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

/** Go's path.Clean after trimming the root, as components: `./a//b/../c/` -> [a, c]. */
export function cleanParts(name: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i <= name.length; i++) {
    if (i < name.length && name.charCodeAt(i) !== 47) continue;
    if (i > start) {
      const part = name.slice(start, i);
      if (part === '..') out.pop();
      else if (part !== '.') out.push(part);
    }
    start = i + 1;
  }
  return out;
}

function clampU32(n: number): number {
  return n >= 0 && n <= 0xffffffff ? n : 0xffffffff;
}
