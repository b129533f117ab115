import { execFileSync } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readSeekable } from './seekable.js';
import { zstdFrames } from './zstd-frames.js';

const tmp = mkdtempSync(join(tmpdir(), 'strata-zstd-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Parts compressed one by one by the zstd CLI (from files: it records each frame's content size). */
function framed(parts: Buffer[]): { blob: string; plain: Buffer } {
  const frames = parts.map((part, i) => {
    const file = join(tmp, `part${i}`);
    writeFileSync(file, part);
    return execFileSync('zstd', ['-q', '-c', '-3', file]);
  });
  const blob = join(tmp, `blob-${parts.length}.zst`);
  writeFileSync(blob, Buffer.concat(frames));
  return { blob, plain: Buffer.concat(parts) };
}

async function collect(gen: AsyncGenerator<Buffer>): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const c of gen) out.push(c);
  return Buffer.concat(out);
}

describe('zstd frames', () => {
  it('finds every frame of a multi-frame blob and reads from the frame before an offset', async () => {
    const parts = [0, 1, 2, 3].map((i) => Buffer.from(`part ${i} `.repeat(20_000 + i * 5000)));
    const { blob, plain } = framed(parts);
    const frames = await zstdFrames(createReadStream(blob));
    let out = 0;
    expect(frames?.map((f) => f.out)).toEqual(parts.map((p) => ((out += p.length), out - p.length)));
    const openAt = async (start: number) => createReadStream(blob, { start });
    const offset = plain.length - 1000;
    const got = await collect(
      readSeekable({ compression: 'zstd', openAt, frames: frames ?? [] }, offset, 900),
    );
    expect(got.equals(plain.subarray(offset, offset + 900))).toBe(true);
  });

  it('a frame without a declared content size gives no index (read from the start)', async () => {
    const blob = join(tmp, 'stdin.zst');
    writeFileSync(blob, execFileSync('zstd', ['-q', '-c'], { input: Buffer.from('x'.repeat(5000)) }));
    expect(await zstdFrames(createReadStream(blob))).toBeUndefined();
  });
});
