/**
 * An image layout DIRECTORY (`skopeo copy … oci:DIR:tag`, `buildah push … oci:DIR`), read like
 * an archive: the same index (name -> size) over the directory's regular files, so every
 * archive reader works on it unchanged. Walked iteratively, bounded like an archive's entries.
 */
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { cleanPath } from '@strata/analysis';
import { StrataError } from '../errors.js';
import type { ArchiveFile } from './archive-file.js';
import { MAX_OUTER_ENTRIES, type IndexedEntry } from './tar-index.js';

/** The same shape as TarIndex (structurally), over files of a directory. */
export class DirIndex {
  private constructor(
    readonly path: string,
    readonly entries: Map<string, IndexedEntry>,
  ) {}

  static async build(root: string): Promise<DirIndex> {
    const entries = new Map<string, IndexedEntry>();
    const pending = [''];
    for (let dir = pending.pop(); dir !== undefined; dir = pending.pop()) {
      for (const item of await readdir(join(root, dir), { withFileTypes: true })) {
        const name = dir ? `${dir}/${item.name}` : item.name;
        if (item.isDirectory()) pending.push(name);
        else if (item.isFile() || item.isSymbolicLink()) await addFile(entries, root, name);
        if (entries.size > MAX_OUTER_ENTRIES)
          throw new StrataError('TOO_LARGE', `${root} has more than ${MAX_OUTER_ENTRIES} files`);
      }
    }
    return new DirIndex(root, entries);
  }

  has(name: string): boolean {
    return this.resolve(name) !== undefined;
  }

  resolve(name: string): IndexedEntry | undefined {
    return this.entries.get(cleanPath(name));
  }

  open(name: string): Readable {
    const entry = this.require(name);
    if (entry.size === 0) return Readable.from([]);
    return createReadStream(join(this.path, entry.name), { highWaterMark: 1 << 20 });
  }

  require(name: string): IndexedEntry {
    const entry = this.resolve(name);
    if (!entry) throw new StrataError('MISSING_BLOB', `${this.path} has no file ${name}`);
    return entry;
  }

  topLevel(): string[] {
    return [...new Set([...this.entries.keys()].map((n) => n.split('/')[0] as string))].sort();
  }
}

/** A symlink counts when it leads to a regular file (stat follows it), as skopeo would read it. */
async function addFile(entries: Map<string, IndexedEntry>, root: string, name: string): Promise<void> {
  const info = await stat(join(root, name)).catch(() => undefined);
  if (!info?.isFile()) return;
  entries.set(name, { name, type: 'file', offset: 0, size: info.size, linkname: '' });
}

export async function openLayoutDir(path: string): Promise<ArchiveFile> {
  const index = await DirIndex.build(path);
  if (index.entries.size === 0) throw new StrataError('NOT_AN_IMAGE', `${path} is an empty directory`);
  return { index, close: async () => {} };
}
