/** The parts of pako's low-level zlib port (lib/zlib, a line-by-line port of zlib 1.2.x) used here. */
declare module 'pako/lib/zlib/zstream.js' {
  export default class ZStream {
    input: Uint8Array | null;
    next_in: number;
    avail_in: number;
    total_in: number;
    output: Uint8Array | null;
    next_out: number;
    avail_out: number;
    total_out: number;
    msg: string;
    /** After inflate(): bits unused in the last input byte (0..7), +64 last block, +128 at a block boundary. */
    data_type: number;
    /** zlib's inflate_state; `hold` and `bits` are its bit buffer (what inflatePrime fills). */
    state: { hold: number; bits: number } | null;
  }
}

declare module 'pako/lib/zlib/inflate.js' {
  import type ZStream from 'pako/lib/zlib/zstream.js';
  export function inflateInit2(strm: ZStream, windowBits: number): number;
  export function inflate(strm: ZStream, flush: number): number;
  export function inflateReset(strm: ZStream): number;
  export function inflateEnd(strm: ZStream): number;
  export function inflateSetDictionary(strm: ZStream, dictionary: Uint8Array): number;
}
