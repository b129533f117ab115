/**
 * Reads at known tar offsets (what the layer index records) on real buildah layers: gzip through
 * the seek index, uncompressed directly. Offsets come from Python's tarfile (offset_data), bytes
 * are compared with GNU tar's.
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCachedImage, layerBlob, recipeDir } from '@strata/testkit';
import { buildGzipIndex } from './gzip-index.js';
import { readSeekable } from './seekable.js';

const isRoot = process.getuid?.() === 0;
const tmp = mkdtempSync(join(tmpdir(), 'strata-seek-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Data offsets and sizes of a tar's members, by Python's tarfile (an independent reader). */
function pythonOffsets(tarPath: string): Map<string, { offset: number; size: number }> {
  const script =
    'import sys,tarfile,json\nt=tarfile.open(sys.argv[1],"r:*")\nprint(json.dumps({m.name:[m.offset_data,m.size] for m in t if m.isfile()}))';
  const out = JSON.parse(
    execFileSync('python3', ['-c', script, tarPath], { encoding: 'utf8', maxBuffer: 1 << 26 }),
  ) as Record<string, [number, number]>;
  return new Map(
    Object.entries(out).map(([k, [offset, size]]) => [k.replace(/^\.\//, ''), { offset, size }]),
  );
}

async function collect(gen: AsyncGenerator<Buffer>): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const c of gen) out.push(c);
  return Buffer.concat(out);
}

describe.skipIf(!isRoot)('reads at known tar offsets', () => {
  it(
    'gzip through checkpoints, uncompressed directly: the bytes GNU tar extracts',
    { timeout: 120_000 },
    async () => {
      const archive = await buildCachedImage(recipeDir('multi-layer'), {
        format: 'oci-archive',
        compress: 'gzip',
      });
      // Layer 2 holds the 3 MiB big.bin and small files after it.
      const gz = join(tmp, 'layer2.tar.gz');
      writeFileSync(gz, layerBlob(archive, 2));
      const plain = join(tmp, 'layer2.tar');
      writeFileSync(plain, execFileSync('gzip', ['-dc', gz], { maxBuffer: 1 << 26 }));
      const offsets = pythonOffsets(plain);
      const checkpoints = await buildGzipIndex(createReadStream(gz), 256 * 1024);
      expect(checkpoints.length).toBeGreaterThanOrEqual(3);
      const openGz = async (start: number) => createReadStream(gz, { start });
      const openPlain = async (start: number) => createReadStream(plain, { start });
      for (const name of ['data/big.bin', 'data/hello.txt', 'etc/conf.d/b']) {
        const at = offsets.get(name);
        expect(at, name).toBeDefined();
        const { offset, size } = at as { offset: number; size: number };
        const expected = execFileSync('tar', ['-xOf', plain, name], { maxBuffer: 1 << 26 });
        const viaIndex = await collect(
          readSeekable({ compression: 'gzip', openAt: openGz, checkpoints }, offset, size),
        );
        expect(viaIndex.equals(expected), name).toBe(true);
        const direct = await collect(readSeekable({ compression: 'none', openAt: openPlain }, offset, size));
        expect(direct.equals(expected), name).toBe(true);
      }
    },
  );
});
