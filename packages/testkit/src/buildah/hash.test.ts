import { chmod, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashTree } from './hash.js';

describe('hashTree', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'strata-hash-'));
    await writeFile(join(dir, 'Dockerfile'), 'FROM scratch\n');
    await writeFile(join(dir, 'a.txt'), 'a');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('is stable for the same tree and extras', async () => {
    expect(await hashTree(dir, ['v1'])).toBe(await hashTree(dir, ['v1']));
  });

  it('changes with content, exec bit, symlinks, new files and the extras', async () => {
    const seen = new Set([await hashTree(dir, ['v1'])]);
    seen.add(await hashTree(dir, ['v2']));
    await writeFile(join(dir, 'a.txt'), 'b');
    seen.add(await hashTree(dir, ['v1']));
    await chmod(join(dir, 'a.txt'), 0o755);
    seen.add(await hashTree(dir, ['v1']));
    await symlink('a.txt', join(dir, 'link'));
    seen.add(await hashTree(dir, ['v1']));
    await writeFile(join(dir, 'b.txt'), '');
    seen.add(await hashTree(dir, ['v1']));
    expect(seen.size).toBe(6);
  });
});
