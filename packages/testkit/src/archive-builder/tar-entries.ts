import type { Pack } from 'tar-stream';
import { randomChunks, seedFromPath } from './random-content';
import { packEntry, type Body, type EntryHeader } from './tar-pack';
import type { ContentSpec, EntrySpec } from './types';

/** Tar paths are relative: no leading `/`, no trailing `/` (directories get theirs back below). */
function clean(path: string): string {
  return path.replace(/^\/+/, '').replace(/\/+$/, '');
}

function splitPath(path: string): [dir: string, name: string] {
  const p = clean(path);
  const slash = p.lastIndexOf('/');
  return slash < 0 ? ['', p] : [p.slice(0, slash + 1), p.slice(slash + 1)];
}

function body(content: ContentSpec | undefined, path: string): { size: number; body: Body } {
  if (content === undefined) return { size: 0, body: Buffer.alloc(0) };
  if (typeof content === 'string') content = Buffer.from(content);
  if (Buffer.isBuffer(content)) return { size: content.length, body: content };
  return { size: content.size, body: randomChunks(content.size, content.seed ?? seedFromPath(path)) };
}

/** The tar header (and body, for files) that one entry spec stands for. */
export function toTarEntry(entry: EntrySpec, mtime: Date): { header: EntryHeader; body?: Body } {
  const base = { mtime, uid: 0, gid: 0 };
  switch (entry.type) {
    case 'whiteout': {
      const [dir, name] = splitPath(entry.path);
      return { header: { ...base, name: `${dir}.wh.${name}`, type: 'file', mode: 0o644, size: 0 } };
    }
    case 'opaque':
      return {
        header: { ...base, name: `${clean(entry.path)}/.wh..wh..opq`, type: 'file', mode: 0o644, size: 0 },
      };
    case 'dir': {
      const meta = { uid: entry.uid ?? 0, gid: entry.gid ?? 0, mode: entry.mode ?? 0o755 };
      return { header: { ...base, ...meta, name: `${clean(entry.path)}/`, type: 'directory' } };
    }
    case 'symlink':
    case 'hardlink': {
      // A symlink's own mode is 0777 on Linux; a hardlink shares its file's mode.
      const mode = entry.mode ?? (entry.type === 'symlink' ? 0o777 : 0o644);
      const meta = { uid: entry.uid ?? 0, gid: entry.gid ?? 0, mode };
      // A hardlink names another member of the same archive, so its target is a tar path too.
      const linkname = entry.type === 'hardlink' ? clean(entry.target) : entry.target;
      const type = entry.type === 'hardlink' ? 'link' : 'symlink';
      return { header: { ...base, ...meta, name: clean(entry.path), type, linkname, size: 0 } };
    }
    default: {
      const meta = { uid: entry.uid ?? 0, gid: entry.gid ?? 0, mode: entry.mode ?? 0o644 };
      const content = body(entry.content, clean(entry.path));
      return {
        header: { ...base, ...meta, name: clean(entry.path), type: 'file', size: content.size },
        body: content.body,
      };
    }
  }
}

/** Writes the entries in the order given; big file contents are streamed. */
export async function packEntries(pack: Pack, entries: EntrySpec[], mtime: Date): Promise<void> {
  for (const entry of entries) {
    const { header, body: content } = toTarEntry(entry, mtime);
    await packEntry(pack, header, content);
  }
}
