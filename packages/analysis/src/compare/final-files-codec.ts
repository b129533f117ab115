/**
 * The final merged file system as one binary document (binary-doc.ts), stored beside an analysis
 * so that two stored analyses can be compared later (the server's `/api/compare`) without the
 * layers. It is the stack's present paths as a trie (parent index, name), so a million files cost
 * their names once and no path string is built to store them; decoding builds each path from its
 * parent's. Decoding is the only reader.
 */
import { packDoc, unpackDoc, type ColumnCtor } from '../binary-doc.js';
import type { Analysis } from '../analyze.js';
import { DIR, FILE, TYPES } from '../layer-index/entry-types.js';
import { hashHex, type LayerIndex } from '../layer-index/layer-index.js';
import type { FinalFile } from './final-files.js';

const MAGIC = 0x32464653; // "SFF2" little-endian

interface Header {
  v: 2;
  /** Present paths, the root first, parents before children. */
  count: number;
}

const CTORS = columns(0).map((c) => c.constructor as ColumnCtor);

/** Strings: every path's name, then the link targets. Read from the columns: no FileInfo, no hex string per path. */
export function packFinalFiles(analysis: Pick<Analysis, 'stack'>): Uint8Array {
  const { stack } = analysis;
  const ids: number[] = [];
  const at = new Int32Array(stack.paths.size).fill(-1);
  for (let id = 0; id < stack.paths.size; id++) {
    if (id !== 0 && !stack.isPresent(id)) continue;
    at[id] = ids.length;
    ids.push(id);
  }
  const n = ids.length;
  const [parent, type, size, mode, uid, gid, hash, link] = columns(n);
  const strings: string[] = new Array<string>(n);
  ids.forEach((id, i) => {
    parent[i] = id === 0 ? -1 : (at[stack.paths.parent.data[id] as number] as number);
    strings[i] = stack.paths.names[id] as string;
    link[i] = -1;
    const l = id === 0 ? -1 : stack.infoLayerOf(id);
    if (l < 0) return;
    const index = stack.layers[l] as LayerIndex;
    const e = stack.infoEntryOf(id);
    type[i] = (index.type[e] as number) + 1;
    size[i] = index.size[e] as number;
    mode[i] = index.mode[e] as number;
    uid[i] = index.uid[e] as number;
    gid[i] = index.gid[e] as number;
    hash[2 * i] = index.hash[2 * e] as number;
    hash[2 * i + 1] = index.hash[2 * e + 1] as number;
    const s = index.link[e] as number;
    if (s >= 0) link[i] = strings.push(index.strings[s] as string) - 1;
  });
  const header: Header = { v: 2, count: n };
  return packDoc(MAGIC, header, [parent, type, size, mode, uid, gid, hash, link], strings);
}

/** Every non-directory path of the stored final file system, in the order the analysis named them. */
export function* unpackFinalFiles(bytes: Uint8Array): Iterable<FinalFile> {
  const { header, columns: cols, strings } = unpackDoc<Header>(MAGIC, bytes, CTORS);
  const [parent, type, size, mode, uid, gid, hash, link] = cols as unknown as Columns;
  const n = header.count;
  const paths: string[] = new Array<string>(n);
  paths[0] = '';
  for (let i = 1; i < n; i++) {
    paths[i] = `${paths[parent[i] as number] as string}/${strings[i] as string}`;
    const code = (type[i] as number) - 1;
    if (code < 0 || code === DIR) continue;
    const l = link[i] as number;
    yield {
      path: paths[i] as string,
      info: {
        type: TYPES[code] ?? 'other',
        size: size[i] as number,
        mode: mode[i] as number,
        uid: uid[i] as number,
        gid: gid[i] as number,
        linkTarget: l < 0 ? '' : (strings[l] as string),
        contentHash: code === FILE ? hashHex(hash[2 * i] as number, hash[2 * i + 1] as number) : '',
      },
    };
  }
}

type Columns = ReturnType<typeof columns>;

/** Per path: parent (its index here), type (TYPE_CODE + 1; 0 = a directory only implied), size, mode, uid, gid, the content hash's two words, link (a string index or -1). */
function columns(n: number) {
  return [
    new Int32Array(n),
    new Uint8Array(n),
    new Float64Array(n),
    new Uint16Array(n),
    new Uint32Array(n),
    new Uint32Array(n),
    new Uint32Array(2 * n),
    new Int32Array(n),
  ] as const;
}
