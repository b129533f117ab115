/**
 * A seek index for gzip layers, as zlib's examples/zran.c builds one: while inflating, stop at
 * deflate block boundaries (Z_BLOCK) and, every `span` bytes of output, record a checkpoint: the
 * output offset, the input byte offset and bit count where the next block starts, and the 32 KiB
 * of output before it (the window a later inflate needs for back-references). Reading a range
 * then inflates from the checkpoint before it: at most one span plus the range.
 *
 * Node's zlib can neither stop at block boundaries nor start at a bit offset, so both sides use
 * pako's port of zlib's inflate: it reports data_type as zlib does, and its state takes the
 * leftover bits as zlib's inflatePrime would. (Realigning the input to a byte boundary for Node's
 * native inflate does not work: a stored block pads to the ORIGINAL byte grid.)
 */
import { inflate, inflateEnd, inflateInit2, newZStream } from './pako-zlib.js';
import { StrataError } from '../errors.js';

export const WINDOW = 32 * 1024;
/** Output between checkpoints: reading any byte decodes at most this much before it. */
export const DEFAULT_SPAN = 4 * 1024 * 1024;

export interface GzipCheckpoint {
  /** Offset in the uncompressed output (the tar) where a deflate block starts. */
  out: number;
  /** Offset in the compressed blob of the first byte wholly in that block. */
  in: number;
  /** Bits of the byte before `in` that belong to the block (0..7), as zran's `bits`. */
  bits: number;
  /** The up to 32 KiB of output before `out`. */
  window: Uint8Array;
}

const Z_OK = 0;
const Z_STREAM_END = 1;
const Z_BLOCK = 5;
const Z_BUF_ERROR = -5;
/** windowBits 15 + 16: a gzip stream (RFC 1952), as layer blobs are. */
const GZIP_WINDOW_BITS = 15 + 16;
const OUT_CHUNK = 256 * 1024;
const MIN_ROOM = 32 * 1024;

/** Feed compressed chunks; collects checkpoints and passes the output on (for the decode pass). */
export class GzipIndexer {
  readonly checkpoints: GzipCheckpoint[] = [];
  private readonly strm = newZStream();
  /** The output buffer filled before `out` (the window may reach back into it). */
  private previous: Uint8Array | undefined;
  private last = 0;
  private ended = false;
  /** Output goes into one buffer until it is nearly full: the slices handed on stay valid. */
  private out = new Uint8Array(OUT_CHUNK);
  private outAt = 0;

  constructor(
    private readonly span = DEFAULT_SPAN,
    private readonly onOutput?: (chunk: Uint8Array) => void,
  ) {
    if (inflateInit2(this.strm, GZIP_WINDOW_BITS) !== Z_OK)
      throw new StrataError('INTERNAL', 'inflateInit2 failed');
  }

  push(chunk: Uint8Array): void {
    if (this.ended) return; // after the first gzip member: trailing bytes are not indexed
    const strm = this.strm;
    strm.input = chunk;
    strm.next_in = 0;
    strm.avail_in = chunk.length;
    while (strm.avail_in > 0 && !this.ended) {
      if (OUT_CHUNK - this.outAt < MIN_ROOM) {
        this.previous = this.out.subarray(0, this.outAt);
        this.out = new Uint8Array(OUT_CHUNK);
        this.outAt = 0;
      }
      strm.output = this.out;
      strm.next_out = this.outAt;
      strm.avail_out = OUT_CHUNK - this.outAt;
      const ret = inflate(strm, Z_BLOCK);
      if (ret !== Z_OK && ret !== Z_STREAM_END && ret !== Z_BUF_ERROR)
        throw new StrataError('CORRUPT', `corrupt gzip stream: ${strm.msg || `inflate error ${ret}`}`);
      if (strm.next_out > this.outAt) {
        const out = this.out.subarray(this.outAt, strm.next_out);
        this.outAt = strm.next_out;
        this.onOutput?.(out);
      }
      if (ret === Z_STREAM_END) this.ended = true;
      else this.maybeCheckpoint();
    }
  }

  finish(): GzipCheckpoint[] {
    inflateEnd(this.strm);
    return this.checkpoints;
  }

  /** At a block boundary that is not after the last block, once a span of output has gone by. */
  private maybeCheckpoint(): void {
    const { data_type: type, total_out: out, total_in: at } = this.strm;
    if ((type & 128) === 0 || (type & 64) !== 0) return;
    if (this.checkpoints.length > 0 ? out - this.last < this.span : out < this.span) return;
    // The bits zlib holds at a block boundary come from the last byte it took (zran: data_type & 7).
    const bits = type & 63;
    if (bits > 7) return;
    this.last = out;
    this.checkpoints.push({ out, in: at, bits, window: this.window(Math.min(WINDOW, out)) });
  }

  /** The last `n` bytes of output: the tail of the current buffer, after the previous one's tail. */
  private window(n: number): Uint8Array {
    const window = new Uint8Array(n);
    const here = Math.min(n, this.outAt);
    window.set(this.out.subarray(this.outAt - here, this.outAt), n - here);
    if (here < n && this.previous) window.set(this.previous.subarray(this.previous.length - (n - here)), 0);
    return window;
  }
}

/** Checkpoints of a whole gzip blob (or stream), for indexing outside the decode pass. */
export async function buildGzipIndex(
  blob: AsyncIterable<Uint8Array>,
  span = DEFAULT_SPAN,
): Promise<GzipCheckpoint[]> {
  const indexer = new GzipIndexer(span);
  for await (const chunk of blob) indexer.push(chunk);
  return indexer.finish();
}
