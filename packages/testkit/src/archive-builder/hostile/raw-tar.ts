/**
 * Tar bytes written by hand, header by header, for archives no tar tool would write: floods of
 * pax headers, negative size fields, bad checksums part-way. Each header is ustar (POSIX.1-1988
 * with the POSIX.1-2001 pax `x`/`g` typeflags).
 */
const BLOCK = 512;

export interface RawEntry {
  name: string;
  /** Typeflag: '0' file (default), '5' dir, 'x' pax, 'g' pax global, '2' symlink. */
  type?: string;
  data?: Buffer | string;
  /** Written as is into the size field instead of the data's length in octal (e.g. `-0000001`). */
  sizeField?: string;
  linkname?: string;
  /** Store a wrong checksum. */
  badChecksum?: boolean;
}

export function rawHeader(entry: RawEntry, size: number): Buffer {
  const h = Buffer.alloc(BLOCK);
  h.write(entry.name, 0, 100, 'utf8');
  h.write('0000644\0', 100, 'latin1');
  h.write('0000000\0', 108, 'latin1');
  h.write('0000000\0', 116, 'latin1');
  h.write(entry.sizeField ?? `${size.toString(8).padStart(11, '0')}\0`, 124, 12, 'latin1');
  h.write('00000000000\0', 136, 'latin1');
  h.write(entry.type ?? '0', 156, 'latin1');
  if (entry.linkname) h.write(entry.linkname, 157, 100, 'utf8');
  h.write('ustar\x0000', 257, 'latin1');
  h.fill(0x20, 148, 156);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += h[i] as number;
  if (entry.badChecksum) sum += 1;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return h;
}

/** Entries, each a header and its data padded to 512, then (by default) the two zero blocks. */
export function rawTar(entries: RawEntry[], end = true): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    const data = Buffer.from(entry.data ?? '');
    parts.push(rawHeader(entry, data.length), data, Buffer.alloc((BLOCK - (data.length % BLOCK)) % BLOCK));
  }
  if (end) parts.push(Buffer.alloc(2 * BLOCK));
  return Buffer.concat(parts);
}

/** pax records, `<len> <key>=<value>\n`, where len counts the whole record. */
export function paxData(records: Record<string, string>): Buffer {
  const out: string[] = [];
  for (const [key, value] of Object.entries(records)) {
    const body = ` ${key}=${value}\n`;
    let len = Buffer.byteLength(body) + 1;
    while (String(len).length + Buffer.byteLength(body) !== len)
      len = String(len).length + Buffer.byteLength(body);
    out.push(`${len}${body}`);
  }
  return Buffer.from(out.join(''));
}
