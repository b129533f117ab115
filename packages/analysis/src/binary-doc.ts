/**
 * One binary layout for the columnar documents (the layer index, the browser model): a header,
 * typed-array columns, and a string table, as one buffer that moves between threads or over HTTP
 * without a JSON parse of millions of values.
 *
 * Layout: 4-byte magic, u32 header length, the header (JSON, with each column's byte length and
 * the string table's), each column's bytes padded to 8, then the strings (UTF-8, NUL-separated:
 * tar names and link targets are C strings, so they hold no NUL).
 */
export type ColumnCtor = {
  new (buffer: ArrayBuffer, offset: number, length: number): ArrayBufferView;
  BYTES_PER_ELEMENT: number;
};

interface Framing {
  lengths: number[];
  stringBytes: number;
}

export function packDoc(
  magic: number,
  header: object,
  columns: ArrayBufferView[],
  strings: string[],
): Uint8Array {
  const text = new TextEncoder().encode(strings.join('\0'));
  const framing: Framing = { lengths: columns.map((c) => c.byteLength), stringBytes: text.byteLength };
  const json = new TextEncoder().encode(JSON.stringify({ ...header, framing }));
  const start = pad8(8 + json.byteLength);
  const total = framing.lengths.reduce((at, n) => at + pad8(n), start) + text.byteLength;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint32(0, magic, true);
  view.setUint32(4, json.byteLength, true);
  out.set(json, 8);
  let at = start;
  for (const col of columns) {
    out.set(new Uint8Array(col.buffer, col.byteOffset, col.byteLength), at);
    at += pad8(col.byteLength);
  }
  out.set(text, at);
  return out;
}

/** The columns are views on `bytes` (no copy). Throws on a foreign or truncated buffer. */
export function unpackDoc<H>(
  magic: number,
  bytes: Uint8Array,
  columnsOf: readonly ColumnCtor[] | ((header: H) => readonly ColumnCtor[]),
): { header: H; columns: ArrayBufferView[]; strings: string[] } {
  const buffer = bytes.byteOffset % 8 === 0 ? bytes : bytes.slice();
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  if (buffer.byteLength < 8 || view.getUint32(0, true) !== magic) throw new Error('not a Strata document');
  const jsonLength = view.getUint32(4, true);
  const { framing, ...header } = JSON.parse(
    new TextDecoder().decode(buffer.subarray(8, 8 + jsonLength)),
  ) as H & {
    framing: Framing;
  };
  const ctors = typeof columnsOf === 'function' ? columnsOf(header as H) : columnsOf;
  if (framing.lengths.length !== ctors.length) throw new Error('unexpected document layout');
  let at = buffer.byteOffset + pad8(8 + jsonLength);
  const end = buffer.byteOffset + buffer.byteLength;
  const columns = ctors.map((Ctor, i) => {
    const length = framing.lengths[i] as number;
    if (at + length > end) throw new Error('truncated document');
    const column = new Ctor(buffer.buffer as ArrayBuffer, at, length / Ctor.BYTES_PER_ELEMENT);
    at += pad8(length);
    return column;
  });
  if (at + framing.stringBytes > end) throw new Error('truncated document');
  const text = new TextDecoder().decode(new Uint8Array(buffer.buffer, at, framing.stringBytes));
  return { header: header as H, columns, strings: text.split('\0') };
}

function pad8(n: number): number {
  return (n + 7) & ~7;
}
