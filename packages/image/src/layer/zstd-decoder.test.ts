/**
 * The pull-based zstd decoder: it reproduces what the zstd CLI compressed (levels, checksums,
 * several frames, skippable frames), it reads no further ahead than its consumer pulls, and it
 * names what is wrong with a damaged stream.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { zstdRawFrame, zstdRleFrame } from '@strata/testkit';
import { StrataError } from '../errors.js';
import { decodeZstd } from './zstd-decoder.js';

const zstdCli = (data: Buffer, ...args: string[]): Buffer =>
  execFileSync('zstd', ['-q', '-c', ...args], { input: data, maxBuffer: 64 << 20 });

/** Text-like data (compresses, so the CLI writes compressed blocks, not raw ones). */
function sample(bytes: number): Buffer {
  const words = randomBytes(bytes / 8).toString('hex');
  return Buffer.from(
    words
      .replace(/(.{7})/g, '$1 ')
      .repeat(4)
      .slice(0, bytes),
  );
}

async function decode(input: Buffer, chunkBytes = 64 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  async function* source(): AsyncGenerator<Buffer> {
    for (let at = 0; at < input.length; at += chunkBytes) yield input.subarray(at, at + chunkBytes);
  }
  for await (const chunk of decodeZstd(source())) chunks.push(chunk);
  return Buffer.concat(chunks);
}

async function failure(input: Buffer): Promise<StrataError> {
  const err = await decode(input).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(StrataError);
  return err as StrataError;
}

describe('decodeZstd', () => {
  const data = sample(3 * 1024 * 1024);

  it.each([['-1'], ['-19'], ['-3', '--no-check'], ['-3', '--content-size']])(
    'decodes what `zstd %s` wrote, in any chunking',
    async (...args) => {
      const compressed = zstdCli(data, ...args);
      expect((await decode(compressed)).equals(data)).toBe(true);
      expect((await decode(compressed, 7)).equals(data)).toBe(true);
    },
  );

  it('decodes several frames and skips skippable ones', async () => {
    const skippable = Buffer.concat([
      Buffer.from([0x50, 0x2a, 0x4d, 0x18, 5, 0, 0, 0]),
      Buffer.from('12345'),
    ]);
    const a = sample(200_000);
    const b = sample(10);
    const stream = Buffer.concat([zstdCli(a), skippable, zstdRawFrame(b), zstdCli(Buffer.alloc(0))]);
    expect((await decode(stream)).equals(Buffer.concat([a, b]))).toBe(true);
  });

  it('pulls its input only as its output is taken (a 1 GiB bomb, 4 blocks read)', async () => {
    const bomb = zstdRleFrame(8192);
    let consumed = 0;
    async function* source(): AsyncGenerator<Buffer> {
      for (let at = 0; at < bomb.length; at += 16) {
        consumed += 16;
        yield bomb.subarray(at, at + 16);
      }
    }
    const output = decodeZstd(source());
    let produced = 0;
    for (let i = 0; i < 4; i++) produced += (await output.next()).value?.length ?? 0;
    await output.return(undefined);
    expect(produced).toBe(4 * 128 * 1024);
    expect(consumed).toBeLessThanOrEqual(64); // 6 header bytes and 4 bytes per block, in 16-byte chunks
  });

  it('names a truncated stream, a stream that is not zstd, and a reserved block type', async () => {
    const compressed = zstdCli(data);
    expect((await failure(compressed.subarray(0, compressed.length - 100))).message).toBe(
      'corrupt zstd stream: unexpected end',
    );
    expect((await failure(Buffer.from('not zstd at all'))).message).toBe(
      'corrupt zstd stream: not a zstd frame',
    );
    const reserved = Buffer.concat([
      Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x38]),
      Buffer.from([0x07, 0, 0]),
    ]);
    expect((await failure(reserved)).message).toBe('corrupt zstd stream: reserved block type');
  });
});
