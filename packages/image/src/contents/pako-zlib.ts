/**
 * The parts of pako's low-level zlib port (lib/zlib: a line-by-line port of zlib's inflate.c)
 * that the seek index needs, typed here: pako ships no declarations for them.
 */
// @ts-expect-error -- pako/lib/zlib has no type declarations; the functions are typed below
import * as inflateModule from 'pako/lib/zlib/inflate.js';
// @ts-expect-error -- as above
import ZStreamClass from 'pako/lib/zlib/zstream.js';

export interface ZStream {
  input: Uint8Array | null;
  next_in: number;
  avail_in: number;
  total_in: number;
  output: Uint8Array | null;
  next_out: number;
  avail_out: number;
  total_out: number;
  msg: string;
  /** After inflate(): bits unused in the last input byte, +64 last block, +128 at a block boundary (zlib.h). */
  data_type: number;
  /** zlib's inflate_state; `hold` and `bits` are its bit buffer (what inflatePrime fills). */
  state: { hold: number; bits: number } | null;
}

interface InflateModule {
  inflateInit2(strm: ZStream, windowBits: number): number;
  inflate(strm: ZStream, flush: number): number;
  inflateEnd(strm: ZStream): number;
  inflateSetDictionary(strm: ZStream, dictionary: Uint8Array): number;
}

const zlib = inflateModule as InflateModule;
export const { inflateInit2, inflate, inflateEnd, inflateSetDictionary } = zlib;

export function newZStream(): ZStream {
  return new (ZStreamClass as new () => ZStream)();
}
