/**
 * Entry types by their column code: the one table every columnar encoding uses (the layer
 * index, the stored layer cache, the browser model).
 */
import type { EntryType } from '../types.js';

export const TYPES: readonly EntryType[] = [
  'file',
  'dir',
  'symlink',
  'hardlink',
  'char',
  'block',
  'fifo',
  'other',
];

export const TYPE_CODE: Readonly<Record<EntryType, number>> = {
  file: 0,
  dir: 1,
  symlink: 2,
  hardlink: 3,
  char: 4,
  block: 5,
  fifo: 6,
  other: 7,
};

export const FILE = TYPE_CODE.file;
export const DIR = TYPE_CODE.dir;
