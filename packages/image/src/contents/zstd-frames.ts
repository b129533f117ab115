/**
 * Frame boundaries of a zstd blob (RFC 8878 §3.1): where each frame starts in the blob and in the
 * output, from frame headers and block headers alone (no decoding). A blob of several frames
 * (zstd:chunked, or frames written per file) can then be read from the frame before an offset.
 * The output offset needs each frame's Frame_Content_Size: without it the index is undefined
 * (decode from the start).
 */
import type { Readable } from 'node:stream';

export interface ZstdFrame {
  /** Offset of the frame's magic number in the blob. */
  in: number;
  /** Offset of its first output byte in the uncompressed tar. */
  out: number;
}

const MAGIC = 0xfd2fb528;
const SKIPPABLE_MASK = 0xfffffff0;
const SKIPPABLE = 0x184d2a50;
const FCS_BYTES = [0, 2, 4, 8];
const DICT_BYTES = [0, 1, 2, 4];

/** Reads exactly `n` bytes at a time, or skips them, over a stream of chunks. */
class Cursor {
  position = 0;
  private chunk: Buffer = Buffer.alloc(0);
  private at = 0;

  constructor(private readonly chunks: AsyncIterator<Buffer>) {}

  async take(n: number): Promise<Buffer | undefined> {
    const parts: Buffer[] = [];
    let need = n;
    while (need > 0) {
      if (this.at >= this.chunk.length && !(await this.refill())) return undefined;
      const part = this.chunk.subarray(this.at, this.at + need);
      parts.push(part);
      this.at += part.length;
      need -= part.length;
    }
    this.position += n;
    return parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts);
  }

  async skip(n: number): Promise<boolean> {
    let need = n;
    while (need > 0) {
      if (this.at >= this.chunk.length && !(await this.refill())) return false;
      const step = Math.min(need, this.chunk.length - this.at);
      this.at += step;
      need -= step;
    }
    this.position += n;
    return true;
  }

  private async refill(): Promise<boolean> {
    const next = await this.chunks.next();
    if (next.done) return false;
    this.chunk = next.value;
    this.at = 0;
    return true;
  }
}

export async function zstdFrames(blob: Readable): Promise<ZstdFrame[] | undefined> {
  const cursor = new Cursor((blob as AsyncIterable<Buffer>)[Symbol.asyncIterator]());
  const frames: ZstdFrame[] = [];
  let out = 0;
  try {
    for (;;) {
      const start = cursor.position;
      const magic = await cursor.take(4);
      if (!magic) return frames;
      const word = magic.readUInt32LE(0);
      if ((word & SKIPPABLE_MASK) >>> 0 === SKIPPABLE) {
        const size = await cursor.take(4);
        if (!size || !(await cursor.skip(size.readUInt32LE(0)))) return undefined;
        continue;
      }
      if (word !== MAGIC) return undefined;
      const size = await frame(cursor);
      if (size === undefined) return undefined;
      frames.push({ in: start, out });
      out += size;
    }
  } finally {
    blob.destroy();
  }
}

/** Walks one frame after its magic number; its content size, or undefined when not declared. */
async function frame(cursor: Cursor): Promise<number | undefined> {
  const descriptor = (await cursor.take(1))?.[0];
  if (descriptor === undefined) return undefined;
  const single = (descriptor & 0x20) !== 0;
  const checksum = (descriptor & 0x04) !== 0;
  const fcsBytes = (FCS_BYTES[descriptor >> 6] as number) || (single ? 1 : 0);
  const header = await cursor.take((single ? 0 : 1) + (DICT_BYTES[descriptor & 3] as number) + fcsBytes);
  if (!header || fcsBytes === 0) return undefined;
  const fcs = header.subarray(header.length - fcsBytes);
  const contentSize =
    fcsBytes === 1
      ? fcs[0]!
      : fcsBytes === 2
        ? fcs.readUInt16LE(0) + 256
        : fcsBytes === 4
          ? fcs.readUInt32LE(0)
          : Number(fcs.readBigUInt64LE(0));
  for (let last = false; !last;) {
    const block = await cursor.take(3);
    if (!block) return undefined;
    const bits = block.readUIntLE(0, 3);
    last = (bits & 1) === 1;
    const type = (bits >> 1) & 3;
    const blockSize = bits >>> 3;
    if (type === 3 || !(await cursor.skip(type === 1 ? 1 : blockSize))) return undefined;
  }
  if (checksum && !(await cursor.skip(4))) return undefined;
  return contentSize;
}
