/**
 * Installed Python distributions (PyPA "Recording installed projects"): `<name>-<version>.dist-info/`
 * holds METADATA (core metadata headers: Name, Version) and RECORD (CSV: path, hash, size; paths
 * relative to the directory holding the .dist-info); eggs keep the same headers in `.egg-info/PKG-INFO`
 * or in a file named `<name>.egg-info`.
 */
import { parseHeaders } from './stanzas.js';
import type { OwnedFilesFinding, PackagesFinding } from './types.js';

const METADATA = /\/[^/]+\.(dist-info\/METADATA|egg-info\/PKG-INFO|egg-info)$/;
const RECORD = /^(.*)\/([^/]+)\.dist-info\/RECORD$/;

export function isPythonMetadata(path: string): boolean {
  return (
    (path.endsWith('/METADATA') || path.endsWith('/PKG-INFO') || path.endsWith('.egg-info')) &&
    METADATA.test(path)
  );
}

export function isPythonRecord(path: string): boolean {
  return path.endsWith('/RECORD') && RECORD.test(path);
}

/** PEP 503 normalized name: the key that matches METADATA's Name with its RECORD's directory. */
export function normalizePythonName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

export function parsePythonMetadata(path: string, text: string): PackagesFinding {
  const headers = parseHeaders(text);
  const name = headers.get('Name');
  const version = headers.get('Version');
  const packages = name && version ? [{ name: normalizePythonName(name), version }] : [];
  return { kind: 'packages', manager: 'python', path, packages };
}

export function parsePythonRecord(path: string, text: string): OwnedFilesFinding {
  const [, root = '', dirName = ''] = RECORD.exec(path) ?? [];
  // `<name>-<version>.dist-info`: the name part never contains '-' (wheel names escape it as '_').
  const name = normalizePythonName(dirName.split('-')[0] ?? dirName);
  const files: string[] = [];
  let declaredBytes = 0;
  for (const line of text.split('\n')) {
    const [file, , size] = csvFields(line.replace(/\r$/, ''));
    if (!file) continue;
    files.push(resolveUnder(root, file));
    if (size && /^\d+$/.test(size)) declaredBytes += Number(size);
  }
  return { kind: 'owned-files', manager: 'python', path, package: name, files, declaredBytes };
}

/** RFC 4180 fields of one line (RECORD is written by Python's csv module). */
function csvFields(line: string): string[] {
  const fields: string[] = [];
  let at = 0;
  while (at <= line.length) {
    if (line[at] === '"') {
      let value = '';
      let i = at + 1;
      for (; i < line.length; i++) {
        if (line[i] === '"' && line[i + 1] === '"') {
          value += '"';
          i++;
        } else if (line[i] === '"') break;
        else value += line[i];
      }
      fields.push(value);
      at = line.indexOf(',', i) < 0 ? line.length + 1 : line.indexOf(',', i) + 1;
    } else {
      const comma = line.indexOf(',', at);
      fields.push(line.slice(at, comma < 0 ? undefined : comma));
      at = comma < 0 ? line.length + 1 : comma + 1;
    }
  }
  return fields;
}

/** `root` joined with a relative (or absolute) RECORD path, `..` resolved. */
function resolveUnder(root: string, file: string): string {
  const parts = file.startsWith('/') ? [] : root.split('/').filter(Boolean);
  for (const part of file.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}
