/**
 * A test oracle independent of Strata's readers: the final image's dpkg database and paths, as
 * GNU tar sees the layers of an archive (applied in order, OCI whiteouts as rm, image-spec
 * layer.md), and what Debian's dpkg-query says over that database: the installed packages, their
 * versions and the paths `dpkg-query -L` lists for each.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { layerBlob } from './gnu-tar.js';

const DB = 'var/lib/dpkg/';
const MAX = 1 << 30;

export interface FinalDpkg {
  /** Installed package → its version, as dpkg-query -W reports it. */
  versions: Map<string, string>;
  /** Installed package → the paths dpkg-query -L lists (not `/.`). */
  lists: Map<string, string[]>;
  /** Absolute paths the final image has (directories too). */
  present: Set<string>;
}

export function finalDpkg(archive: string, layerCount: number): FinalDpkg {
  const tmp = mkdtempSync(join(tmpdir(), 'strata-dpkg-db-'));
  try {
    const root = join(tmp, 'root');
    mkdirSync(join(root, DB, 'updates'), { recursive: true });
    mkdirSync(join(root, DB, 'info'), { recursive: true });
    const present = new Set<string>();
    for (let i = 0; i < layerCount; i++)
      applyLayer(layerBlob(archive, i), root, join(tmp, `members-${i}`), present);
    return { ...dpkgQuery(join(root, DB)), present };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function applyLayer(blob: Buffer, root: string, memberList: string, present: Set<string>): void {
  const z = blob[0] === 0x1f && blob[1] === 0x8b ? ['-z'] : [];
  const names = execFileSync('tar', ['-t', ...z, '-f', '-'], {
    input: blob,
    encoding: 'utf8',
    maxBuffer: MAX,
  })
    .split('\n')
    .filter(Boolean)
    .map((n) => n.replace(/^\.?\//, '').replace(/\/$/, ''))
    .filter((n) => n !== '' && n !== '.');
  for (const n of names) {
    const dir = posix.dirname(n) === '.' ? '' : posix.dirname(n);
    const base = posix.basename(n);
    if (base === '.wh..wh..opq') {
      removeBelow(present, `/${dir}`, false);
      if (`${dir}/`.startsWith(DB) || DB.startsWith(`${dir}/`))
        execFileSync('sh', ['-c', 'rm -rf -- "$1"/* "$1"/.[!.]*', 'sh', join(root, dir)]);
    } else if (base.startsWith('.wh.')) {
      const target = dir === '' ? base.slice(4) : `${dir}/${base.slice(4)}`;
      removeBelow(present, `/${target}`, true);
      rmSync(join(root, target), { recursive: true, force: true });
    }
  }
  const kept = names.filter((n) => !posix.basename(n).startsWith('.wh.'));
  for (const n of kept)
    for (let p = `/${n}`; p !== '/' && !present.has(p); p = posix.dirname(p)) present.add(p);
  const db = kept.filter((n) => n.startsWith(DB));
  if (db.length === 0) return;
  writeFileSync(memberList, db.join('\n'));
  execFileSync(
    'tar',
    ['-x', ...z, '-f', '-', '-C', root, '--no-recursion', '--verbatim-files-from', '-T', memberList],
    {
      input: blob,
      maxBuffer: MAX,
    },
  );
}

function removeBelow(present: Set<string>, path: string, itself: boolean): void {
  const prefix = path === '/' ? '/' : `${path}/`;
  for (const p of present) if (p.startsWith(prefix) || (itself && p === path)) present.delete(p);
}

function dpkgQuery(admindir: string): Pick<FinalDpkg, 'versions' | 'lists'> {
  const query = (...args: string[]): string =>
    execFileSync('dpkg-query', [`--admindir=${admindir}`, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const versions = new Map(
    query('-W', '-f', '${db:Status-Status}\t${Package}\t${Version}\n')
      .split('\n')
      .filter((l) => l.startsWith('installed\t'))
      .map((l) => l.split('\t').slice(1) as [string, string]),
  );
  const lists = new Map(
    [...versions.keys()].map((name) => [
      name,
      query('-L', name)
        .split('\n')
        .filter((l) => l.startsWith('/') && l !== '/.'),
    ]),
  );
  return { versions, lists };
}
