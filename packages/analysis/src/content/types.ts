/**
 * What the content analyzers find in a layer's file bytes (issue 11). Plain JSON-able data: the
 * decode pass produces it per tar entry and it is stored with the layer index. A secret finding
 * carries a fingerprint, never the value.
 */
import type { EntryType } from '../types.js';

export type PackageManager = 'dpkg' | 'apk' | 'python' | 'npm';

export interface PackageRecord {
  name: string;
  version: string;
  /** dpkg/apk architecture, when the database says. */
  arch?: string;
  /** Installed bytes as the database declares them (dpkg Installed-Size × 1024, apk I:, RECORD sizes). */
  declaredBytes?: number;
  /** Absolute paths the package owns, when the same document lists them (apk F:/R:, RECORD). */
  files?: string[];
  /** A directory whose files all belong to the package (npm: the package dir, minus nested node_modules). */
  root?: string;
}

/** A package database, or one package's own metadata file: the packages it records. */
export interface PackagesFinding {
  kind: 'packages';
  manager: PackageManager;
  /** Absolute path of the document, e.g. `/var/lib/dpkg/status`. */
  path: string;
  packages: PackageRecord[];
}

/** A list of the files one package owns, in its own document (dpkg's `info/<pkg>.list`). */
export interface OwnedFilesFinding {
  kind: 'owned-files';
  manager: PackageManager;
  path: string;
  /** The package (dpkg: `name` or `name:arch` as in the file name). */
  package: string;
  files: string[];
  /** Sum of the sizes the list declares (Python RECORD), when it does. */
  declaredBytes?: number;
}

export type SecretKind =
  | 'private-key'
  | 'aws-access-key-id'
  | 'aws-secret-access-key'
  | 'github-token'
  | 'gitlab-token'
  | 'slack-token'
  | 'npm-token'
  | 'npmrc-auth-token'
  | 'docker-auth'
  | 'generic-secret';

export type SecretConfidence = 'high' | 'medium' | 'low';

export interface SecretFinding {
  kind: 'secret';
  path: string;
  secret: SecretKind;
  /** Human label, e.g. "RSA private key". */
  label: string;
  /** First 8 hex digits of the SHA-256 of the value: tells two findings apart, reveals nothing. */
  fingerprint: string;
  /** 1-based line of the value. */
  line: number;
  confidence: SecretConfidence;
}

/** Public certificates seen in a PEM file: evidence that a `.pem`/`.crt` is not a credential. */
export interface CertificatesFinding {
  kind: 'certificates';
  path: string;
  count: number;
}

export type ContentFinding = PackagesFinding | OwnedFilesFinding | SecretFinding | CertificatesFinding;

/** The seam the decode pass calls for each tar entry. */
export interface ContentAnalyzer {
  /** Whether to buffer this entry's bytes and call scanContent (bounded by size). */
  wantsContent(path: string, type: EntryType, size: number): boolean;
  scanContent(path: string, data: Uint8Array): ContentFinding[];
}
