/**
 * A layer index as bytes (binary-doc.ts): one buffer for the layer cache on disk, and a
 * transferable buffer for postMessage (the decode worker hands its index to the main thread
 * without a copy).
 */
import { packDoc, unpackDoc, type ColumnCtor } from '../binary-doc.js';
import type { LayerIndex } from './layer-index.js';

const MAGIC = 0x32584c53; // "SLX2" little-endian

const COLUMNS = {
  entryNode: Int32Array,
  type: Uint8Array,
  size: Float64Array,
  mode: Uint16Array,
  uid: Uint32Array,
  gid: Uint32Array,
  hash: Uint32Array,
  link: Int32Array,
  offset: Float64Array,
  nodeParent: Int32Array,
  nodeName: Int32Array,
  nodeEntry: Int32Array,
  nodeFlags: Uint8Array,
} satisfies Record<string, ColumnCtor>;
type ColumnName = keyof typeof COLUMNS;
const NAMES = Object.keys(COLUMNS) as ColumnName[];
const CTORS = Object.values(COLUMNS) as ColumnCtor[];

type Header = Omit<LayerIndex, ColumnName | 'strings'>;

export function packLayerIndex(index: LayerIndex): Uint8Array {
  const header: Record<string, unknown> = { ...index };
  // The seek index is kept by blob digest, beside the blob (see LayerIndex.seekIndex), not here.
  for (const name of [...NAMES, 'strings', 'seekIndex']) delete header[name];
  return packDoc(
    MAGIC,
    header,
    NAMES.map((name) => index[name]),
    index.strings,
  );
}

/** Read a packed index; the columns are views on `bytes`. Throws on a foreign buffer. */
export function unpackLayerIndex(bytes: Uint8Array): LayerIndex {
  const { header, columns, strings } = unpackDoc<Header>(MAGIC, bytes, CTORS);
  const index: Record<string, unknown> = { ...header, strings };
  NAMES.forEach((name, i) => (index[name] = columns[i]));
  return index as unknown as LayerIndex;
}
