/**
 * dpkg's database: `/var/lib/dpkg/status` (one stanza per package; dpkg-query(1) reads the same
 * file), distroless' `/var/lib/dpkg/status.d/<pkg>` (the same format, one file per package) and
 * `/var/lib/dpkg/info/<pkg>[:arch].list` (the paths a package installed, one a line).
 */
import { parseStanzas } from './stanzas.js';
import type { OwnedFilesFinding, PackageRecord, PackagesFinding } from './types.js';

/** Packages whose Status is `<want> <flag> installed` (deb-status(5)); others are not on disk. */
export function parseDpkgStatus(path: string, text: string): PackagesFinding {
  const packages: PackageRecord[] = [];
  for (const stanza of parseStanzas(text)) {
    const name = stanza.get('Package');
    const version = stanza.get('Version');
    const status = stanza.get('Status');
    if (!name || version === undefined) continue;
    // status.d files carry no Status field: their presence means installed.
    if (status !== undefined && status.split(/\s+/)[2] !== 'installed') continue;
    const record: PackageRecord = { name, version };
    const arch = stanza.get('Architecture');
    if (arch) record.arch = arch;
    const kib = Number(stanza.get('Installed-Size'));
    // Installed-Size is in KiB (deb-control(5)).
    if (stanza.has('Installed-Size') && Number.isFinite(kib)) record.declaredBytes = kib * 1024;
    packages.push(record);
  }
  return { kind: 'packages', manager: 'dpkg', path, packages };
}

const LIST = /^\/var\/lib\/dpkg\/info\/([^/]+)\.list$/;

export function isDpkgList(path: string): boolean {
  return path.endsWith('.list') && LIST.test(path);
}

export function parseDpkgList(path: string, text: string): OwnedFilesFinding {
  const pkg = LIST.exec(path)?.[1] ?? '';
  const files = text.split('\n').filter((line) => line.startsWith('/') && line !== '/.');
  return { kind: 'owned-files', manager: 'dpkg', path, package: pkg, files };
}
