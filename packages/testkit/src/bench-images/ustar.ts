/**
 * Hand-written ustar headers (POSIX.1-1988 ustar, as GNU tar and Go's archive/tar write them) for
 * the bench generators: a million entries through tar-stream would take minutes, these take
 * about a microsecond each. Only what the generators need: regular files, directories, symlinks.
 */
export const BLOCK = 512;

export type TarType = 'file' | 'dir' | 'symlink';

export interface TarHeader {
  /** Relative path; directories without the trailing slash (added here). */
  path: string;
  type: TarType;
  size?: number;
  mode?: number;
  uid?: number;
  gid?: number;
  mtime: number;
  linkname?: string;
}

const TYPEFLAG: Record<TarType, number> = { file: 0x30, dir: 0x35, symlink: 0x32 };
const DEFAULT_MODE: Record<TarType, number> = { file: 0o644, dir: 0o755, symlink: 0o777 };
/** 8 GiB - 1: the largest size an 11-digit octal field holds (no base-256 needed here). */
const MAX_OCTAL_SIZE = 0o77777777777;

/** Bytes of padding after `size` data bytes up to the next 512-byte boundary. */
export const paddingOf = (size: number): number => (BLOCK - (size % BLOCK)) % BLOCK;

function octal(h: Buffer, at: number, width: number, value: number): void {
  const digits = value.toString(8).padStart(width - 1, '0');
  if (digits.length > width - 1) throw new Error(`tar: ${value} does not fit a ${width}-byte field`);
  h.write(digits, at, 'latin1');
  h[at + width - 1] = 0;
}

/**
 * ustar's name/prefix split: a path longer than 100 bytes goes as prefix (<= 155) + '/' + name
 * (<= 100), cut at a slash (POSIX pax "ustar Interchange Format", field `prefix`).
 */
export function splitPath(path: string): { name: string; prefix: string } {
  if (Buffer.byteLength(path) <= 100) return { name: path, prefix: '' };
  for (let i = path.indexOf('/'); i > 0; i = path.indexOf('/', i + 1)) {
    const prefix = path.slice(0, i);
    const name = path.slice(i + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(name) <= 100) return { name, prefix };
  }
  throw new Error(`tar: path too long for ustar: ${path}`);
}

/** Writes one 512-byte header into `out` at `at`. */
export function writeHeader(out: Buffer, at: number, h: TarHeader): void {
  const block = out.subarray(at, at + BLOCK);
  block.fill(0);
  const size = h.type === 'file' ? (h.size ?? 0) : 0;
  if (size > MAX_OCTAL_SIZE) throw new Error(`tar: ${h.path} is too big for an octal size field`);
  const { name, prefix } = splitPath(h.type === 'dir' ? `${h.path}/` : h.path);
  block.write(name, 0, 100, 'utf8');
  octal(block, 100, 8, h.mode ?? DEFAULT_MODE[h.type]);
  octal(block, 108, 8, h.uid ?? 0);
  octal(block, 116, 8, h.gid ?? 0);
  octal(block, 124, 12, size);
  octal(block, 136, 12, h.mtime);
  block[156] = TYPEFLAG[h.type];
  if (h.linkname) {
    if (Buffer.byteLength(h.linkname) > 100) throw new Error(`tar: link target too long: ${h.linkname}`);
    block.write(h.linkname, 157, 100, 'utf8');
  }
  block.write('ustar\x0000', 257, 8, 'latin1');
  const owner = h.uid ? 'user' : 'root';
  block.write(owner, 265, 32, 'latin1');
  block.write(h.gid ? 'user' : 'root', 297, 32, 'latin1');
  if (prefix) block.write(prefix, 345, 155, 'utf8');
  // The checksum is taken with its own field read as eight spaces.
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += block[i] as number;
  block.write(sum.toString(8).padStart(6, '0'), 148, 6, 'latin1');
  block[154] = 0;
  block[155] = 0x20;
}
