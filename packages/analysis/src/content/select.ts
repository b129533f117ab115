/**
 * Which tar entries the decode pass buffers for the analyzers, bounded by size: package
 * databases always (under generous caps), and text-like files under a small cap for secrets,
 * except where systems keep their own data (docs, locales, libraries) unless the name says key.
 */
import { isDpkgList } from './dpkg.js';
import { isNpmManifest } from './npm.js';
import { isPythonMetadata, isPythonRecord } from './python.js';
import type { EntryType } from '../types.js';

const MIB = 1024 * 1024;

export type DocumentKind =
  'dpkg-status' | 'dpkg-list' | 'apk-installed' | 'python-metadata' | 'python-record' | 'npm-manifest';

/** Largest bytes read from a package database of each kind (real ones are far smaller). */
export const DOCUMENT_CAPS: Record<DocumentKind, number> = {
  'dpkg-status': 64 * MIB,
  'dpkg-list': 16 * MIB,
  'apk-installed': 64 * MIB,
  'python-metadata': 4 * MIB,
  'python-record': 16 * MIB,
  'npm-manifest': 1 * MIB,
};

/** Text files larger than this are not searched for secrets. */
export const SECRET_SCAN_CAP = 256 * 1024;

const STATUS_D = /^\/var\/lib\/dpkg\/status\.d\/[^/]+$/;

export function documentKind(path: string): DocumentKind | undefined {
  // Every pattern below tests its suffix first: this runs for every tar entry of every layer.
  if (path === '/var/lib/dpkg/status' || (path.startsWith('/var/lib/dpkg/status.d/') && STATUS_D.test(path)))
    return 'dpkg-status';
  if (isDpkgList(path)) return 'dpkg-list';
  if (path === '/lib/apk/db/installed') return 'apk-installed';
  if (isPythonMetadata(path)) return 'python-metadata';
  if (isPythonRecord(path)) return 'python-record';
  if (isNpmManifest(path)) return 'npm-manifest';
  return undefined;
}

/** System and third-party trees (package-installed programs, libraries, docs): searching them finds vendored test keys and code, not this image's secrets. */
const SKIPPED =
  /^\/(usr\/(share|include|lib|lib64|libexec|bin|sbin)|lib|lib64|bin|sbin)\/|^\/(var\/lib\/(dpkg|apt|apk|rpm)|var\/cache|proc|sys)\/|\/(node_modules|site-packages|dist-packages|__pycache__|\.git)\//;

/** Names that say "key or credential": searched wherever they are. */
const KEY_NAMES =
  /(\.(pem|key|env|npmrc|netrc|pypirc|p8)|\/id_(rsa|dsa|ecdsa|ed25519)|\/\.docker\/config\.json|\/\.aws\/credentials|\/\.git-credentials|credentials(\.json)?)$/;

const BINARY_EXTENSIONS =
  /\.(so(\.\d+)*|a|o|ko|gz|tgz|xz|bz2|zst|lz4|br|zip|jar|war|whl|egg|deb|rpm|apk|tar|png|jpe?g|gif|webp|ico|bmp|svgz|woff2?|ttf|otf|eot|mo|pyc|pyo|class|wasm|node|db|sqlite3?|pdf|mp[34]|ogg|wav|bin|dat|pack|idx)$/i;

export function wantsContent(entryPath: string, type: EntryType, size: number): boolean {
  if (type !== 'file') return false;
  const path = absolute(entryPath);
  const kind = documentKind(path);
  if (kind) return size <= DOCUMENT_CAPS[kind];
  return wantsForSecrets(path, size);
}

export function wantsForSecrets(path: string, size: number): boolean {
  if (size === 0 || size > SECRET_SCAN_CAP) return false;
  if (KEY_NAMES.test(path)) return true;
  return !SKIPPED.test(path) && !BINARY_EXTENSIONS.test(path);
}

/** Entry paths come cleaned and relative (`etc/passwd`); findings carry absolute ones. */
export function absolute(path: string): string {
  return path.startsWith('/') ? path : `/${path}`;
}
