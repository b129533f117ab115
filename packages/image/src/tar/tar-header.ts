/**
 * Tar header decoding (POSIX ustar, pax extended headers, GNU long names), shared by the outer
 * archive index (positional reads) and the layer parser (streaming).
 *
 * Why not tar-stream's extract here: it reads on past the end-of-archive marker (estargz keeps
 * its TOC after it, shared/fixtures/dive/EXPECTED.md) and cannot skip entry data by seeking.
 * tar-stream still writes every archive our tests build.
 */
import { StrataError } from '../errors.js';

export const BLOCK = 512;

export type TarType =
  | 'file'
  | 'hardlink'
  | 'symlink'
  | 'char'
  | 'block'
  | 'dir'
  | 'fifo'
  | 'pax'
  | 'pax-global'
  | 'gnu-long-name'
  | 'gnu-long-link'
  | 'other';

export interface TarHeader {
  name: string;
  type: TarType;
  size: number;
  mode: number;
  uid: number;
  gid: number;
  linkname: string;
}

/** Extended attributes that apply to the next entry (pax `x`, GNU `L`/`K`) or to all (pax `g`). */
export interface Extensions {
  local: Record<string, string>;
  global: Record<string, string>;
  /** Local extension headers (and their bytes) read since the last real entry. */
  pendingCount: number;
  pendingBytes: number;
  /** Bytes of every global header read so far. */
  globalBytes: number;
}

export function emptyExtensions(): Extensions {
  return { local: {}, global: {}, pendingCount: 0, pendingBytes: 0, globalBytes: 0 };
}

/**
 * Bounds on extended headers, so that headers without entries between them cannot pile up in
 * memory. A real entry has at most a pax `x` header and GNU `L` and `K` ones before it.
 */
export interface TarLimits {
  /** Longest extended header (long names, pax records) accepted. */
  maxExtendedBytes: number;
  /** Extended headers before one entry. */
  maxPendingHeaders: number;
  /** Their bytes together. */
  maxPendingBytes: number;
  /** Bytes of all pax global headers of the archive together. */
  maxGlobalBytes: number;
}

export const DEFAULT_TAR_LIMITS: TarLimits = {
  maxExtendedBytes: 1 << 20,
  maxPendingHeaders: 8,
  maxPendingBytes: 2 << 20,
  maxGlobalBytes: 1 << 20,
};

const TYPES: Record<string, TarType> = {
  '0': 'file',
  '\0': 'file',
  '7': 'file',
  '1': 'hardlink',
  '2': 'symlink',
  '3': 'char',
  '4': 'block',
  '5': 'dir',
  '6': 'fifo',
  x: 'pax',
  g: 'pax-global',
  L: 'gnu-long-name',
  K: 'gnu-long-link',
};

export function isZeroBlock(block: Buffer): boolean {
  for (let i = 0; i < BLOCK; i++) if (block[i] !== 0) return false;
  return true;
}

/** The magic `ustar` at 257 (POSIX and GNU headers both start so), compared as bytes. */
function isUstar(block: Buffer): boolean {
  return (
    block[257] === 0x75 &&
    block[258] === 0x73 &&
    block[259] === 0x74 &&
    block[260] === 0x61 &&
    block[261] === 0x72
  );
}

/** Decode one header block; throws CORRUPT on a bad checksum. */
export function decodeHeader(block: Buffer): TarHeader {
  if (!checksumMatches(block)) throw new StrataError('CORRUPT', 'invalid tar header (bad checksum)');
  let name = text(block, 0, 100);
  const prefix = isUstar(block) ? text(block, 345, 155) : '';
  if (prefix) name = `${prefix}/${name}`;
  let type = TYPES[String.fromCharCode(block[156] as number)] ?? 'other';
  if (type === 'file' && name.endsWith('/')) type = 'dir';
  const size = numeric(block, 124, 12);
  if (!Number.isSafeInteger(size) || size < 0)
    throw new StrataError('CORRUPT', `invalid size field in the tar header of ${JSON.stringify(name)}`);
  return {
    name,
    type,
    size,
    mode: numeric(block, 100, 8) & 0o7777,
    uid: numeric(block, 108, 8),
    gid: numeric(block, 116, 8),
    linkname: text(block, 157, 100),
  };
}

export function isExtension(type: TarType): boolean {
  return type === 'pax' || type === 'pax-global' || type === 'gnu-long-name' || type === 'gnu-long-link';
}

/** Remember what an extension header's data says, for the entries it applies to (checkExtension first). */
export function readExtension(ext: Extensions, type: TarType, data: Buffer): void {
  if (type === 'gnu-long-name') ext.local.path = cString(data);
  else if (type === 'gnu-long-link') ext.local.linkpath = cString(data);
  else Object.assign(type === 'pax' ? ext.local : ext.global, parsePax(data));
}

/** Apply pending extensions to a real entry's header and clear the local ones. */
export function applyExtensions(header: TarHeader, ext: Extensions): TarHeader {
  // Most entries have no extension at all: nothing to apply, nothing to clear.
  if (ext.pendingCount === 0 && ext.globalBytes === 0) return header;
  // Key by key, not a merged copy: a global header may hold many records, and this runs per entry.
  const attr = (key: PaxKey): string | undefined => ext.local[key] ?? ext.global[key];
  const path = attr('path');
  const linkpath = attr('linkpath');
  const size = attr('size');
  const uid = attr('uid');
  const gid = attr('gid');
  ext.local = {};
  ext.pendingCount = 0;
  ext.pendingBytes = 0;
  if (path !== undefined) header.name = path;
  if (linkpath !== undefined) header.linkname = linkpath;
  if (size !== undefined) header.size = Number(size);
  if (uid !== undefined) header.uid = Number(uid);
  if (gid !== undefined) header.gid = Number(gid);
  if (!Number.isSafeInteger(header.size) || header.size < 0) {
    throw new StrataError('CORRUPT', `invalid tar entry size for ${JSON.stringify(header.name)}`);
  }
  return header;
}

/** Before an extension header's data is read: refuse it when it would pass a bound, else count it. */
export function checkExtension(header: TarHeader, ext: Extensions, limits: TarLimits): void {
  const tooLarge = (what: string): StrataError => new StrataError('TOO_LARGE', what);
  if (header.size > limits.maxExtendedBytes)
    throw tooLarge(`tar extended header of ${header.size} bytes exceeds ${limits.maxExtendedBytes}`);
  if (header.type === 'pax-global') {
    ext.globalBytes += header.size;
    if (ext.globalBytes > limits.maxGlobalBytes)
      throw tooLarge(`tar global headers of more than ${limits.maxGlobalBytes} bytes in all`);
    return;
  }
  ext.pendingCount += 1;
  ext.pendingBytes += header.size;
  if (ext.pendingCount > limits.maxPendingHeaders)
    throw tooLarge(`more than ${limits.maxPendingHeaders} tar extended headers before one entry`);
  if (ext.pendingBytes > limits.maxPendingBytes)
    throw tooLarge(`tar extended headers of more than ${limits.maxPendingBytes} bytes before one entry`);
}

/** Bytes an entry's data occupies, rounded up to whole blocks. */
export function paddedSize(size: number): number {
  return Math.ceil(size / BLOCK) * BLOCK;
}

/** The pax keywords Strata reads; other records (mtime, xattrs, GNU.sparse.*) are not kept. */
const PAX_KEYS = ['path', 'linkpath', 'size', 'uid', 'gid'] as const;
type PaxKey = (typeof PAX_KEYS)[number];
const isPaxKey = (key: string): key is PaxKey => (PAX_KEYS as readonly string[]).includes(key);

/** pax records: `<len> <key>=<value>\n` (POSIX pax "extended header"). */
function parsePax(data: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let at = 0;
  while (at < data.length) {
    const space = data.indexOf(0x20, at);
    const len = Number(data.toString('latin1', at, space));
    if (space < 0 || !Number.isInteger(len) || len <= 0) break;
    const eq = data.indexOf(0x3d, space + 1);
    const key = eq > 0 && eq < at + len ? data.toString('utf8', space + 1, eq) : '';
    if (isPaxKey(key)) out[key] = data.toString('utf8', eq + 1, at + len - 1);
    at += len;
  }
  return out;
}

/** A header block's checksum is right: the bytes are a tar header at all. */
export function checksumMatches(block: Buffer): boolean {
  // The checksum field itself counts as eight spaces. Most writers use the unsigned sum; the
  // signed one (old Sun tar) is computed only when that does not match.
  let unsigned = 8 * 0x20 + byteSum(block);
  for (let i = 148; i < 156; i++) unsigned -= block[i] as number;
  const stored = numeric(block, 148, 8);
  if (stored === unsigned) return true;
  let signed = 8 * 0x20;
  for (let i = 0; i < BLOCK; i++) {
    if (i >= 148 && i < 156) continue;
    const byte = block[i] as number;
    signed += byte > 127 ? byte - 256 : byte;
  }
  return stored === signed;
}

/**
 * The sum of a block's bytes. Every header of every layer passes here, so an aligned block is
 * summed four bytes at a time: two 16-bit lanes of alternate bytes, which cannot overflow in 512
 * bytes (at most 256 bytes of 255 each per lane).
 */
function byteSum(block: Buffer): number {
  if (block.length !== BLOCK || (block.byteOffset & 3) !== 0) {
    let sum = 0;
    for (let i = 0; i < BLOCK; i++) sum += block[i] as number;
    return sum;
  }
  const words = wordsOf(block);
  let lanes = 0;
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as number;
    lanes += (w & 0xff00ff) + ((w >>> 8) & 0xff00ff);
  }
  return (lanes & 0xffff) + (lanes >>> 16);
}

/** A parser reads every header into one block buffer: its word view is made once, not per header. */
let lastBlock: Buffer | undefined;
let lastWords: Uint32Array<ArrayBufferLike> = new Uint32Array(0);

function wordsOf(block: Buffer): Uint32Array<ArrayBufferLike> {
  if (block !== lastBlock) {
    lastBlock = block;
    lastWords = new Uint32Array(block.buffer, block.byteOffset, BLOCK / 4);
  }
  return lastWords;
}

/** Octal ASCII, or base-256 when the high bit of the first byte is set (GNU / star). */
function numeric(block: Buffer, offset: number, length: number): number {
  if ((block[offset] as number) & 0x80) {
    let value = (block[offset] as number) & 0x7f;
    for (let i = 1; i < length; i++) value = value * 256 + (block[offset + i] as number);
    return value;
  }
  // Octal digits, with leading spaces and trailing NULs or spaces (what tar writers emit).
  let i = offset;
  const end = offset + length;
  while (i < end && block[i] === 0x20) i++;
  let value = 0;
  let digits = 0;
  for (; i < end; i++) {
    const c = block[i] as number;
    if (c === 0 || c === 0x20) break;
    if (c < 0x30 || c > 0x37) return digits > 0 ? value : NaN; // as parseInt(…, 8) reads it
    value = value * 8 + (c - 0x30);
    digits++;
  }
  return value;
}

/** A NUL-terminated header field (no Buffer view per field: this runs for every field of every header). */
function text(block: Buffer, offset: number, length: number): string {
  if (block[offset] === 0) return '';
  const nul = block.indexOf(0, offset);
  const end = nul < 0 || nul > offset + length ? offset + length : nul;
  return block.toString('utf8', offset, end);
}

function cString(buf: Buffer): string {
  const nul = buf.indexOf(0);
  return buf.toString('utf8', 0, nul < 0 ? buf.length : nul);
}
