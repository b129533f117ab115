/**
 * A pull-based zstd decoder: fzstd (pure JS, no native build) does the decoding, but it is fed
 * one block at a time, and only when the consumer asks for more, so a bomb cannot run ahead of
 * the ratio guard downstream. fzstd decodes everything it is given in one call, which is why
 * it is never handed more than one block (RFC 8878 §3.1.1.2: at most 128 KiB out per block).
 *
 * The frame and block headers are read here (RFC 8878 §3.1.1) to cut the stream into blocks,
 * and to refuse what fzstd would take too much memory or time for: a window over MAX_WINDOW
 * (fzstd allocates it up front) and floods of tiny blocks in a big window (fzstd shifts its
 * whole window for every block).
 */
import { Duplex } from 'node:stream';
import { Decompress } from 'fzstd';
import { StrataError } from '../errors.js';
import { ByteReader } from './byte-reader.js';

const MiB = 1024 * 1024;
/** Windows beyond zstd's default levels (level 19 uses 8 MiB); `--long`/`--ultra` frames need more. */
export const MAX_WINDOW = 32 * MiB;
const MAX_BLOCK = 128 * 1024;
/** Window bytes shifted per output byte allowed past the floor (full 128 KiB blocks in a 32 MiB window: 256). */
const WORK_PER_BYTE = 512;
const WORK_FLOOR = 4 * 1024 * MiB;

const FRAME_MAGIC = 0xfd2fb528;
const SKIPPABLE_MASK = 0xfffffff0;
const SKIPPABLE_MAGIC = 0x184d2a50;

export function zstdDecompressor(): Duplex {
  return Duplex.from(async function* (source: AsyncIterable<Buffer>) {
    yield* decodeZstd(source);
  });
}

class Decoder {
  private readonly out: Buffer[] = [];
  private readonly fzstd = new Decompress((data) => {
    if (data.length > 0) this.out.push(Buffer.from(data.buffer, data.byteOffset, data.length));
  });

  push(bytes: Uint8Array, final = false): Buffer[] {
    try {
      this.fzstd.push(bytes, final);
    } catch (err) {
      throw corrupt(err instanceof Error ? err.message : String(err));
    }
    return this.out.splice(0);
  }
}

export async function* decodeZstd(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const input = new ByteReader(source);
  const decoder = new Decoder();
  const work = { shifted: 0, output: 0 };
  while (!(await input.atEnd())) {
    if (!(await input.fill(4))) throw corrupt('unexpected end');
    const magic = input.take(4);
    const value = magic.readUInt32LE(0);
    if ((value & SKIPPABLE_MASK) >>> 0 === SKIPPABLE_MAGIC) {
      if (!(await input.fill(4))) throw corrupt('unexpected end');
      if (!(await input.skip(input.take(4).readUInt32LE(0)))) throw corrupt('unexpected end');
      continue;
    }
    if (value !== FRAME_MAGIC) throw corrupt('not a zstd frame');
    yield* decodeFrame(input, decoder, magic, work);
  }
  yield* decoder.push(new Uint8Array(0), true);
}

async function* decodeFrame(
  input: ByteReader,
  decoder: Decoder,
  magic: Buffer,
  work: { shifted: number; output: number },
): AsyncGenerator<Buffer> {
  if (!(await input.fill(1))) throw corrupt('unexpected end');
  const descriptor = input.take(1);
  const header = frameHeader(descriptor[0] as number);
  if (!(await input.fill(header.rest))) throw corrupt('unexpected end');
  const rest = input.take(header.rest);
  const window = windowSize(header, rest);
  if (window > MAX_WINDOW) {
    throw new StrataError(
      'UNSUPPORTED',
      `zstd frame needs a ${Math.ceil(window / MiB)} MiB window; at most ${MAX_WINDOW / MiB} MiB is supported`,
    );
  }
  yield* decoder.push(Buffer.concat([magic, descriptor, rest]));
  for (let last = false; !last;) {
    if (!(await input.fill(3))) throw corrupt('unexpected end');
    const head = input.take(3);
    const word = head.readUIntLE(0, 3);
    last = (word & 1) === 1;
    const type = (word >> 1) & 3;
    const size = word >>> 3;
    if (type === 3) throw corrupt('reserved block type');
    if (size > Math.min(MAX_BLOCK, Math.max(window, 1))) throw corrupt('block larger than the frame allows');
    const payload = type === 1 ? 1 : size;
    if (!(await input.fill(payload))) throw corrupt('unexpected end');
    const out = decoder.push(Buffer.concat([head, input.take(payload)]));
    work.shifted += window;
    for (const chunk of out) work.output += chunk.length;
    if (work.shifted > WORK_FLOOR && work.shifted > work.output * WORK_PER_BYTE) {
      throw new StrataError(
        'TOO_LARGE',
        'zstd stream of tiny blocks in a large window (a decompression bomb?)',
      );
    }
    yield* out;
  }
  if (header.checksum) {
    if (!(await input.fill(4))) throw corrupt('unexpected end');
    yield* decoder.push(input.take(4));
  }
}

interface FrameHeader {
  singleSegment: boolean;
  checksum: boolean;
  dictBytes: number;
  sizeBytes: number;
  /** Header bytes after the descriptor. */
  rest: number;
}

/** Frame_Header_Descriptor, RFC 8878 §3.1.1.1.1. */
function frameHeader(descriptor: number): FrameHeader {
  if (descriptor & 0x08) throw corrupt('reserved bit set in the frame header');
  const singleSegment = (descriptor & 0x20) !== 0;
  const dictBytes = [0, 1, 2, 4][descriptor & 3] as number;
  const sizeFlag = descriptor >> 6;
  const sizeBytes = sizeFlag === 0 ? (singleSegment ? 1 : 0) : 1 << sizeFlag;
  const rest = (singleSegment ? 0 : 1) + dictBytes + sizeBytes;
  return { singleSegment, checksum: (descriptor & 0x04) !== 0, dictBytes, sizeBytes, rest };
}

/** Window_Size, RFC 8878 §3.1.1.1.2; a single-segment frame's window is its content size. */
function windowSize(header: FrameHeader, rest: Buffer): number {
  if (!header.singleSegment) {
    const byte = rest[0] as number;
    const base = 2 ** (10 + (byte >> 3));
    return base + (base / 8) * (byte & 7);
  }
  const at = header.dictBytes;
  if (header.sizeBytes === 1) return rest[at] as number;
  if (header.sizeBytes === 2) return rest.readUInt16LE(at) + 256;
  if (header.sizeBytes === 4) return rest.readUInt32LE(at);
  return rest.readUInt32LE(at) + rest.readUInt32LE(at + 4) * 2 ** 32;
}

function corrupt(what: string): StrataError {
  return new StrataError('CORRUPT', `corrupt zstd stream: ${what}`);
}
