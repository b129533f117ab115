/**
 * `strata cat` as a real process on a real buildah image (packages/testkit/recipes/multi-layer,
 * docker-archive: plain tar layers): stdout equals GNU tar's extraction of the entry from the layer.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { buildCachedImage, layerEntryBytes, recipeDir } from '@strata/testkit';
import { CLI } from './run-cli.js';

const isRoot = process.getuid?.() === 0;

function cat(args: string[]): { status: number | null; stdout: Buffer; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, 'cat', ...args], { timeout: 120_000, maxBuffer: 1 << 26 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr.toString() };
}

const tarBytes = (archive: string, index: number, entry: string): Buffer =>
  layerEntryBytes(archive, index, entry) as Buffer;

describe.skipIf(!isRoot)('strata cat', () => {
  it('prints the bytes the layer tar holds: files, a symlink, a file deleted later at its layer', async () => {
    const archive = await buildCachedImage(recipeDir('multi-layer'), { format: 'docker-archive' });
    const numbers = cat([archive, '/numbers.txt']);
    expect(numbers.status).toBe(0);
    expect(numbers.stdout.equals(tarBytes(archive, 6, 'numbers.txt'))).toBe(true);

    const link = cat([archive, '/bin/sh']); // a symlink to /bin/busybox
    expect(link.status).toBe(0);
    expect(link.stdout.equals(tarBytes(archive, 0, 'bin/busybox'))).toBe(true);

    const hello = cat([`docker-archive:${archive}`, 'data/hello.txt', '--layer', '2']);
    expect(hello.stdout.equals(tarBytes(archive, 2, 'data/hello.txt'))).toBe(true);

    const big = cat([archive, '/data/big.bin', '--layer', '3']);
    expect(big.status).toBe(0);
    expect(big.stdout.equals(tarBytes(archive, 2, 'data/big.bin'))).toBe(true);
  });

  it('a directory, a missing path, a file deleted by then: exit 2 and one line', async () => {
    const archive = await buildCachedImage(recipeDir('multi-layer'), { format: 'docker-archive' });
    for (const [args, message] of [
      [[archive, '/etc'], 'strata: /etc: is a directory [UNSUPPORTED]\n'],
      [[archive, '/nope'], 'strata: /nope: no such file at layer 6 [NOT_FOUND]\n'],
      [[archive, '/data/big.bin'], 'strata: /data/big.bin: no such file at layer 6 [NOT_FOUND]\n'],
      [[archive, '/x', '--layer', '9'], 'strata: no layer 9: the image has 7 [NOT_FOUND]\n'],
    ] as const) {
      const r = cat([...args]);
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(message);
      expect(r.stdout.length).toBe(0);
    }
  });
});
