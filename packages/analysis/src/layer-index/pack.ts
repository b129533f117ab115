/**
 * A layer index as bytes: one buffer for the layer cache on disk, and a set of transferable
 * buffers for postMessage (the decode worker hands its index to the main thread without a copy).
 *
 * Layout: "SLX2", u32 header length, the header (JSON: identity, counts, findings, column byte
 * lengths), then each column's bytes padded to 8, then the strings (UTF-8, NUL-separated: tar
 * names and link targets are C strings, so they hold no NUL).
 */
import type { LayerIndex } from './layer-index.js';

const MAGIC = 0x32584c53; // "SLX2" little-endian
const COLUMNS = [
  'entryNode',
  'type',
  'size',
  'mode',
  'uid',
  'gid',
  'hash',
  'link',
  'offset',
  'nodeParent',
  'nodeName',
  'nodeEntry',
  'nodeFlags',
] as const;
type ColumnName = (typeof COLUMNS)[number];

const CTORS: Record<
  ColumnName,
  { new (b: ArrayBuffer, o: number, l: number): ArrayBufferView; BYTES_PER_ELEMENT: number }
> = {
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
};

type Header = Omit<LayerIndex, ColumnName | 'strings'> & { lengths: number[]; stringBytes: number };

/** The whole index as one byte array. */
export function packLayerIndex(index: LayerIndex): Uint8Array {
  const strings = new TextEncoder().encode(index.strings.join('\0'));
  const { strings: _s, ...rest } = index;
  const meta: Record<string, unknown> = { ...rest };
  for (const c of COLUMNS) delete meta[c];
  const header: Header = {
    ...(meta as Omit<Header, 'lengths' | 'stringBytes'>),
    lengths: COLUMNS.map((c) => index[c].byteLength),
    stringBytes: strings.byteLength,
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const start = pad8(8 + json.byteLength);
  const total = header.lengths.reduce((at, n) => at + pad8(n), start) + strings.byteLength;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, json.byteLength, true);
  out.set(json, 8);
  let at = start;
  for (const c of COLUMNS) {
    const col = index[c];
    out.set(new Uint8Array(col.buffer, col.byteOffset, col.byteLength), at);
    at += pad8(col.byteLength);
  }
  out.set(strings, at);
  return out;
}

/** Read a packed index; the columns are views on `bytes` (no copy). Throws on a foreign buffer. */
export function unpackLayerIndex(bytes: Uint8Array): LayerIndex {
  const buffer = bytes.byteOffset % 8 === 0 ? bytes : bytes.slice();
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  if (buffer.byteLength < 8 || view.getUint32(0, true) !== MAGIC) throw new Error('not a layer index');
  const jsonLength = view.getUint32(4, true);
  const header = JSON.parse(new TextDecoder().decode(buffer.subarray(8, 8 + jsonLength))) as Header;
  let at = buffer.byteOffset + pad8(8 + jsonLength);
  const columns: Record<string, ArrayBufferView> = {};
  COLUMNS.forEach((c, i) => {
    const bytesLength = header.lengths[i] as number;
    const Ctor = CTORS[c];
    columns[c] = new Ctor(buffer.buffer as ArrayBuffer, at, bytesLength / Ctor.BYTES_PER_ELEMENT);
    at += pad8(bytesLength);
  });
  const stringBytes = new Uint8Array(buffer.buffer, at, header.stringBytes);
  if (at + header.stringBytes > buffer.byteOffset + buffer.byteLength)
    throw new Error('truncated layer index');
  const { lengths: _l, stringBytes: _b, ...meta } = header;
  return { ...meta, ...columns, strings: splitStrings(new TextDecoder().decode(stringBytes)) } as LayerIndex;
}

function splitStrings(joined: string): string[] {
  return joined.split('\0');
}

function pad8(n: number): number {
  return (n + 7) & ~7;
}
