/**
 * Write a directory of files so readers see all of it or none of it: write into a temp dir on
 * the same file system, then rename it into place (rename is atomic). A crash leaves only a
 * temp dir, which the next start sweeps away.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export async function writeDirAtomically(
  tmpRoot: string,
  target: string,
  files: Record<string, Uint8Array | string>,
): Promise<'written' | 'existed'> {
  const temp = join(tmpRoot, `store-${randomBytes(8).toString('hex')}`);
  await mkdir(temp, { recursive: true });
  try {
    for (const [name, content] of Object.entries(files)) await writeFile(join(temp, name), content);
    await rename(temp, target);
    return 'written';
  } catch (err) {
    // Two jobs finishing the same image race here; the first rename wins and both are fine.
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOTEMPTY' || code === 'EEXIST') return 'existed';
    throw err;
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}
