import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, readdir, readlink } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * sha256 over a directory tree (relative names, exec bits, symlink targets, contents) plus extra
 * strings such as the builder's version. Names are sorted so the hash does not depend on readdir order.
 */
export async function hashTree(dir: string, extra: readonly string[] = []): Promise<string> {
  const h = createHash('sha256');
  await addDir(h, dir, '');
  for (const s of extra) h.update(`extra\0${s}\0`);
  return h.digest('hex');
}

async function addDir(h: Hash, root: string, rel: string): Promise<void> {
  const names = (await readdir(join(root, rel))).sort();
  for (const name of names) {
    const r = rel ? `${rel}/${name}` : name;
    const p = join(root, r);
    const st = await lstat(p);
    if (st.isDirectory()) {
      h.update(`dir\0${r}\0`);
      await addDir(h, root, r);
    } else if (st.isSymbolicLink()) {
      h.update(`link\0${r}\0${await readlink(p)}\0`);
    } else {
      // Only the exec bits: they survive a git checkout, the rest of the mode does not.
      h.update(`file\0${r}\0${st.mode & 0o111 ? 'x' : '-'}\0${st.size}\0`);
      for await (const chunk of createReadStream(p)) h.update(chunk as Buffer);
    }
  }
}
