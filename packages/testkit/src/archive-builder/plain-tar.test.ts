import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writePlainTar } from './plain-tar';
import { randomContent } from './random-content';
import { fileDigest, must, tarListing, tempDir } from './test-helpers';
import type { EntrySpec } from './types';

/** Fits ustar's prefix + name split. */
const LONG = `deep/${'d'.repeat(60)}/${'e'.repeat(60)}/file-with-a-long-name-${'f'.repeat(40)}.txt`;
/** One 120-byte component: only a pax header can carry it (and the long link target). */
const PAX = `dir/${'p'.repeat(120)}`;

const entries: EntrySpec[] = [
  { path: '/etc', type: 'dir' },
  { path: 'etc/hostname', content: 'box\n' },
  { path: 'etc/shadow', content: 'x', mode: 0o600, uid: 0, gid: 42 },
  { path: 'usr/bin/tool', content: { size: 150_000, seed: 5 }, mode: 0o755 },
  { path: 'usr/bin/alias', type: 'symlink', target: '/usr/bin/tool' },
  { path: 'usr/bin/hard', type: 'hardlink', target: '/usr/bin/tool' },
  { path: 'var/cache/apt', type: 'opaque' },
  { path: 'tmp/junk', type: 'whiteout' },
  { path: 'top', type: 'whiteout' },
  { path: 'locked', content: '', mode: 0 },
  { path: LONG, content: 'long' },
  { path: 'ünïcödé.txt', content: 'u' },
  { path: PAX, type: 'symlink', target: `/${PAX}` },
];

describe('writePlainTar', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    tmp = await tempDir();
  });
  afterAll(() => tmp.cleanup());

  it('writes entries in the given order with the given metadata', async () => {
    const out = await writePlainTar(entries, tmp.path('plain.tar'));
    expect(await tarListing(out)).toEqual([
      'drwxr-xr-x 0/0               0 1970-01-01 00:00 etc/',
      '-rw-r--r-- 0/0               4 1970-01-01 00:00 etc/hostname',
      '-rw------- 0/42              1 1970-01-01 00:00 etc/shadow',
      '-rwxr-xr-x 0/0          150000 1970-01-01 00:00 usr/bin/tool',
      'lrwxrwxrwx 0/0               0 1970-01-01 00:00 usr/bin/alias -> /usr/bin/tool',
      'hrw-r--r-- 0/0               0 1970-01-01 00:00 usr/bin/hard link to usr/bin/tool',
      '-rw-r--r-- 0/0               0 1970-01-01 00:00 var/cache/apt/.wh..wh..opq',
      '-rw-r--r-- 0/0               0 1970-01-01 00:00 tmp/.wh.junk',
      '-rw-r--r-- 0/0               0 1970-01-01 00:00 .wh.top',
      '---------- 0/0               0 1970-01-01 00:00 locked',
      `-rw-r--r-- 0/0               4 1970-01-01 00:00 ${LONG}`,
      '-rw-r--r-- 0/0               1 1970-01-01 00:00 ünïcödé.txt',
      `lrwxrwxrwx 0/0               0 1970-01-01 00:00 ${PAX} -> /${PAX}`,
    ]);
  });

  it('streams generated content byte-exact and ends with two zero blocks', async () => {
    const out = await writePlainTar(entries, tmp.path('content.tar'));
    const bytes = await readFile(out);
    expect(bytes.length % 512).toBe(0);
    expect(bytes.subarray(-1024).every((b) => b === 0)).toBe(true);
    const extracted = await must('sh', ['-c', `tar -xOf '${out}' usr/bin/tool | base64 -w0`]);
    expect(Buffer.from(extracted, 'base64').equals(randomContent(150_000, 5))).toBe(true);
  });

  it('is byte-for-byte deterministic, and honours a given mtime', async () => {
    const a = await writePlainTar(entries, tmp.path('a.tar'));
    const b = await writePlainTar(entries, tmp.path('b.tar'));
    expect(await fileDigest(a)).toBe(await fileDigest(b));
    const dated = await writePlainTar([{ path: 'x' }], tmp.path('dated.tar'), {
      mtime: new Date('2024-05-01T12:00:00Z'),
    });
    expect(await tarListing(dated)).toEqual(['-rw-r--r-- 0/0               0 2024-05-01 12:00 x']);
  });

  it('can gzip the tar', async () => {
    const out = await writePlainTar([{ path: 'x', content: 'y' }], tmp.path('x.tar.gz'), { gzip: true });
    expect(await must('tar', ['-tzf', out])).toBe('x\n');
  });
});
