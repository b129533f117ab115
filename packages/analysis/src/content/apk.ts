/**
 * Alpine's installed database, `/lib/apk/db/installed`: one stanza per package of `X:value`
 * lines (apk-tools "Installed Database V2"): P name, V version, A arch, I installed size in bytes,
 * F a directory (relative to /), R a file in the last F directory.
 */
import type { PackageRecord, PackagesFinding } from './types.js';

export function parseApkInstalled(path: string, text: string): PackagesFinding {
  const packages: PackageRecord[] = [];
  let current: PackageRecord | undefined;
  let dir = '';
  const flush = (): void => {
    if (current?.name && current.version) packages.push(current);
    current = undefined;
    dir = '';
  };
  for (const line of text.split('\n')) {
    if (line.trim() === '') {
      flush();
      continue;
    }
    if (line[1] !== ':') continue;
    current ??= { name: '', version: '', files: [] };
    const value = line.slice(2);
    switch (line[0]) {
      case 'P':
        current.name = value;
        break;
      case 'V':
        current.version = value;
        break;
      case 'A':
        current.arch = value;
        break;
      case 'I':
        if (/^\d+$/.test(value)) current.declaredBytes = Number(value);
        break;
      case 'F':
        dir = value;
        break;
      case 'R':
        current.files?.push(`/${dir ? `${dir}/` : ''}${value}`);
        break;
    }
  }
  flush();
  return { kind: 'packages', manager: 'apk', path, packages };
}
