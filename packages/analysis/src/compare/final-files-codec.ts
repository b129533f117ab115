/**
 * The final merged file system as one binary document (binary-doc.ts), stored beside an analysis
 * so that two stored analyses can be compared later (the server's `/api/compare`) without the
 * layers. It is the stack's present paths as a trie (parent index, name), so a million files cost
 * their names once and no path string is built to store them; decoding builds each path from its
 * parent's. Decoding is the only reader.
 */
import { packDoc, unpackDoc, type ColumnCtor } from '../binary-doc.js';
import type { Analysis } from '../analyze.js';
import { TYPE_CODE, TYPES } from '../layer-index/entry-types.js';
import type { FinalFile } from './final-files.js';

const MAGIC = 0x32464653; // "SFF2" little-endian

interface Header {
  v: 2;
  /** Present paths, the root first, parents before children. */
  count: number;
}

/** Per path: parent (its index here), type (TYPE_CODE + 1; 0 = a directory only implied), size, mode, uid, gid, link (a string index or -1). */
const CTORS: readonly ColumnCtor[] = [
  Int32Array,
  Uint8Array,
  Float64Array,
  Uint16Array,
  Uint32Array,
  Uint32Array,
  Int32Array,
];

/** Strings: every path's name, then every path's content hash, then the link targets. */
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
  const [parent, type, size, mode, uid, gid, link] = columns(n);
  const names: string[] = new Array<string>(n);
  const hashes: string[] = new Array<string>(n).fill('');
  const links: string[] = [];
  ids.forEach((id, i) => {
    parent[i] = id === 0 ? -1 : (at[stack.paths.parent.data[id] as number] as number);
    names[i] = stack.paths.names[id] as string;
    link[i] = -1;
    const info = id === 0 ? undefined : stack.info(id);
    if (!info) return;
    type[i] = TYPE_CODE[info.type] + 1;
    size[i] = info.size;
    mode[i] = info.mode;
    uid[i] = info.uid;
    gid[i] = info.gid;
    hashes[i] = info.contentHash;
    if (info.linkTarget) link[i] = 2 * n + links.push(info.linkTarget) - 1;
  });
  const header: Header = { v: 2, count: n };
  return packDoc(MAGIC, header, [parent, type, size, mode, uid, gid, link], [...names, ...hashes, ...links]);
}

/** Every non-directory path of the stored final file system, in the order the analysis named them. */
export function* unpackFinalFiles(bytes: Uint8Array): Iterable<FinalFile> {
  const { header, columns: cols, strings } = unpackDoc<Header>(MAGIC, bytes, CTORS);
  const [parent, type, size, mode, uid, gid, link] = cols as unknown as Columns;
  const n = header.count;
  const paths: string[] = new Array<string>(n);
  paths[0] = '';
  for (let i = 1; i < n; i++) {
    paths[i] = `${paths[parent[i] as number] as string}/${strings[i] as string}`;
    const code = type[i] as number;
    if (code === 0 || TYPES[code - 1] === 'dir') continue;
    const l = link[i] as number;
    yield {
      path: paths[i] as string,
      info: {
        type: TYPES[code - 1] ?? 'other',
        size: size[i] as number,
        mode: mode[i] as number,
        uid: uid[i] as number,
        gid: gid[i] as number,
        linkTarget: l < 0 ? '' : (strings[l] as string),
        contentHash: strings[n + i] as string,
      },
    };
  }
}

type Columns = readonly [Int32Array, Uint8Array, Float64Array, Uint16Array, Uint32Array, Uint32Array, Int32Array];

function columns(n: number): Columns {
  return [
    new Int32Array(n),
    new Uint8Array(n),
    new Float64Array(n),
    new Uint16Array(n),
    new Uint32Array(n),
    new Uint32Array(n),
    new Int32Array(n),
  ] as const;
}
