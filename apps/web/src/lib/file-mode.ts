/** File attributes the way `ls -l` (and dive) print them. */
import type { EntryType } from '@strata/analysis';

const TYPE_CHAR: Record<EntryType, string> = {
  file: '-',
  dir: 'd',
  symlink: 'l',
  // A hard link is a regular file that shares its data; ls shows it as one.
  hardlink: '-',
  char: 'c',
  block: 'b',
  fifo: 'p',
  other: '?',
};

/** `0o755` + dir -> `drwxr-xr-x`; setuid/setgid/sticky shown as s/S and t/T like ls. */
export function formatMode(mode: number, type: EntryType): string {
  const bits = ['r', 'w', 'x', 'r', 'w', 'x', 'r', 'w', 'x'].map((ch, i) =>
    mode & (1 << (8 - i)) ? ch : '-',
  );
  const special = (at: number, flag: number, letter: string): void => {
    if (!(mode & flag)) return;
    bits[at] = bits[at] === 'x' ? letter : letter.toUpperCase();
  };
  special(2, 0o4000, 's');
  special(5, 0o2000, 's');
  special(8, 0o1000, 't');
  return TYPE_CHAR[type] + bits.join('');
}

export function formatOwner(uid: number, gid: number): string {
  return `${uid}:${gid}`;
}
