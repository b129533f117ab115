/**
 * zstd frames written by hand (RFC 8878 §3.1.1) out of raw and RLE blocks only, so a test can
 * say exactly what a frame declares: its window, its block sizes, how far it inflates.
 */
const MAGIC = Buffer.from([0x28, 0xb5, 0x2f, 0xfd]);
const MAX_BLOCK = 128 * 1024;

/** Frame header without content size or checksum: magic, descriptor 0, window descriptor 2^windowLog. */
function frameHeader(windowLog: number): Buffer {
  return Buffer.concat([MAGIC, Buffer.from([0x00, (windowLog - 10) << 3])]);
}

function blockHeader(type: 0 | 1, size: number, last: boolean): Buffer {
  const word = (size << 3) | (type << 1) | (last ? 1 : 0);
  return Buffer.from([word & 0xff, (word >> 8) & 0xff, (word >> 16) & 0xff]);
}

/** `data` as raw blocks: a valid frame that any zstd decoder inflates back to `data`. */
export function zstdRawFrame(data: Buffer, windowLog = 17): Buffer {
  const parts = [frameHeader(windowLog)];
  for (let at = 0; at < data.length || at === 0; at += MAX_BLOCK) {
    const chunk = data.subarray(at, at + MAX_BLOCK);
    parts.push(blockHeader(0, chunk.length, at + MAX_BLOCK >= data.length), chunk);
    if (data.length === 0) break;
  }
  return Buffer.concat(parts);
}

/** `blocks` RLE blocks of `blockBytes` copies of `byte` each: 4 bytes in, `blockBytes` out, per block. */
export function zstdRleFrame(blocks: number, blockBytes = MAX_BLOCK, windowLog = 17, byte = 0): Buffer {
  const parts = [frameHeader(windowLog)];
  for (let i = 0; i < blocks; i++)
    parts.push(blockHeader(1, blockBytes, i === blocks - 1), Buffer.from([byte]));
  return Buffer.concat(parts);
}

/** Only a frame header, declaring a window of 2^windowLog bytes, and one empty last block. */
export function zstdWindowFrame(windowLog: number): Buffer {
  return Buffer.concat([frameHeader(windowLog), blockHeader(0, 0, true)]);
}
