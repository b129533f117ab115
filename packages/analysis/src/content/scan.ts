/**
 * The content analyzer the decode pass runs per buffered entry: one parser per document kind,
 * secrets for the rest. Bytes that are not text (a NUL in the first 8 KiB) are not searched.
 */
import { parseApkInstalled } from './apk.js';
import { parseDpkgList, parseDpkgStatus } from './dpkg.js';
import { parseNpmManifest } from './npm.js';
import { parsePythonMetadata, parsePythonRecord } from './python.js';
import { scanSecrets } from './secrets.js';
import { absolute, documentKind, wantsContent, wantsForSecrets, type DocumentKind } from './select.js';
import type { ContentAnalyzer, ContentFinding } from './types.js';

const PARSERS: Record<DocumentKind, (path: string, text: string) => ContentFinding> = {
  'dpkg-status': parseDpkgStatus,
  'dpkg-list': parseDpkgList,
  'apk-installed': parseApkInstalled,
  'python-metadata': parsePythonMetadata,
  'python-record': parsePythonRecord,
  'npm-manifest': parseNpmManifest,
};

const decoder = new TextDecoder('utf-8');

export function scanContent(entryPath: string, data: Uint8Array): ContentFinding[] {
  const path = absolute(entryPath);
  const kind = documentKind(path);
  if (kind) {
    const finding = PARSERS[kind](path, decoder.decode(data));
    return isEmpty(finding) ? [] : [finding];
  }
  if (!wantsForSecrets(path, data.length) || !isText(data)) return [];
  return scanSecrets(path, decoder.decode(data));
}

function isEmpty(finding: ContentFinding): boolean {
  if (finding.kind === 'packages') return finding.packages.length === 0;
  if (finding.kind === 'owned-files') return finding.files.length === 0 && finding.package === '';
  return false;
}

export function isText(data: Uint8Array): boolean {
  // indexOf is native (a memchr): this runs for every text file the decode pass reads.
  return data.subarray(0, 8192).indexOf(0) < 0;
}

/** The analyzer as one object, for the decode pass. */
export const contentAnalyzer: ContentAnalyzer = { wantsContent, scanContent };
