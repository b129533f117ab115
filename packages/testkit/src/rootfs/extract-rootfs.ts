/**
 * An INDEPENDENT view of an image, for checking Strata's diff and df figures: GNU tar unpacks a
 * docker-archive and extracts each layer into a root file system in order, applying OCI
 * whiteouts (image-spec layer.md) with `rm -rf` as a container runtime does; sizes come from
 * `tar -tvf` listings and diff_ids from `sha256sum`. Nothing here uses Strata's code.
 * Runs as root (the tests that build images do), so owners and modes are kept.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { join, posix } from 'node:path';

export interface RootfsFile {
  type: 'file' | 'symlink' | 'other';
  /** Regular files: bytes; everything else 0 (a tar header's size for links). */
  size: number;
  mode: number;
  uid: number;
  gid: number;
  link: string;
  sha256: string;
}

export interface ExtractedImage {
  /** Absolute path in the image (`/etc/passwd`) -> what is there; non-directories only. */
  files: Map<string, RootfsFile>;
  layers: Array<{ diffId: string; sizeBytes: number }>;
}

/** Unpack the archive once into `dir` (an empty directory) and return the N-th image of manifest.json. */
export function extractDockerArchive(archive: string, imageIndex: number, dir: string): ExtractedImage {
  const unpacked = join(dir, 'archive');
  mkdirSync(unpacked, { recursive: true });
  if (readdirSync(unpacked).length === 0) execFileSync('tar', ['-xf', archive, '-C', unpacked]);
  const manifest = JSON.parse(readFileSync(join(unpacked, 'manifest.json'), 'utf8')) as Array<{
    Layers: string[];
  }>;
  const entry = manifest[imageIndex];
  if (!entry) throw new Error(`no image ${imageIndex} in ${archive}`);
  const rootfs = join(dir, `rootfs-${imageIndex}`);
  rmSync(rootfs, { recursive: true, force: true });
  mkdirSync(rootfs);
  const layers = entry.Layers.map((name) => {
    const tarFile = join(unpacked, name);
    applyLayer(tarFile, rootfs);
    return { diffId: `sha256:${sha256sum(tarFile)}`, sizeBytes: listedSize(tarFile) };
  });
  return { files: walk(rootfs), layers };
}

function applyLayer(tarFile: string, rootfs: string): void {
  const names = execFileSync('tar', ['-tf', tarFile], { encoding: 'utf8' }).split('\n').filter(Boolean);
  for (const raw of names) {
    const name = posix
      .normalize(raw)
      .replace(/^(\.\/|\/)+/, '')
      .replace(/\/$/, '');
    const dir = posix.dirname(name);
    const base = posix.basename(name);
    if (base === '.wh..wh..opq') {
      const target = join(rootfs, dir);
      for (const child of safeReaddir(target)) rmSync(join(target, child), { recursive: true, force: true });
    } else if (base.startsWith('.wh.')) {
      rmSync(join(rootfs, dir, base.slice('.wh.'.length)), { recursive: true, force: true });
    }
  }
  execFileSync('tar', ['-xf', tarFile, '-C', rootfs, '--exclude=.wh.*', '--same-owner', '-p']);
}

/** Σ of the size column of `tar -tvf` (the header sizes; 0 for directories and links). */
export function listedSize(tarFile: string): number {
  const listing = execFileSync('tar', ['-tvf', tarFile, '--numeric-owner'], { encoding: 'utf8' });
  let total = 0;
  for (const line of listing.split('\n').filter(Boolean)) total += Number(line.trim().split(/\s+/)[2]);
  return total;
}

function walk(rootfs: string): Map<string, RootfsFile> {
  const files = new Map<string, RootfsFile>();
  const pending = [''];
  for (let rel = pending.pop(); rel !== undefined; rel = pending.pop()) {
    for (const name of readdirSync(join(rootfs, rel))) {
      const path = `${rel}/${name}`;
      const full = join(rootfs, path);
      const st = lstatSync(full);
      if (st.isDirectory()) {
        pending.push(path);
        continue;
      }
      const type = st.isFile() ? 'file' : st.isSymbolicLink() ? 'symlink' : 'other';
      files.set(path, {
        type,
        size: type === 'file' ? st.size : 0,
        mode: st.mode & 0o7777,
        uid: st.uid,
        gid: st.gid,
        link: type === 'symlink' ? readlinkSync(full) : '',
        sha256: type === 'file' ? createHash('sha256').update(readFileSync(full)).digest('hex') : '',
      });
    }
  }
  return files;
}

function sha256sum(file: string): string {
  return execFileSync('sha256sum', [file], { encoding: 'utf8' }).split(' ')[0] as string;
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** What B adds, removes and changes against A, by the same definition the issue gives for `strata diff`. */
export function diffRootfs(a: Map<string, RootfsFile>, b: Map<string, RootfsFile>) {
  const added: Array<{ path: string; bytes: number }> = [];
  const removed: Array<{ path: string; bytes: number }> = [];
  const changed: Array<{ path: string; bytesA: number; bytesB: number }> = [];
  for (const [path, fb] of b) {
    const fa = a.get(path);
    if (!fa) added.push({ path, bytes: fb.size });
    else if (
      fa.type !== fb.type ||
      fa.sha256 !== fb.sha256 ||
      fa.mode !== fb.mode ||
      fa.uid !== fb.uid ||
      fa.gid !== fb.gid ||
      fa.link !== fb.link
    )
      changed.push({ path, bytesA: fa.size, bytesB: fb.size });
  }
  for (const [path, fa] of a) if (!b.has(path)) removed.push({ path, bytes: fa.size });
  const byPath = (x: { path: string }, y: { path: string }): number => (x.path < y.path ? -1 : 1);
  return { added: added.sort(byPath), removed: removed.sort(byPath), changed: changed.sort(byPath) };
}
