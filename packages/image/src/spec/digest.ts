/**
 * Content digests (`algorithm:hex`), image-spec descriptor.md "Digests". Only the registered
 * algorithms sha256 and sha512 are accepted, since we must be able to verify what we read.
 */
import { createHash, type Hash } from 'node:crypto';
import { StrataError } from '../errors.js';

const HEX_LENGTH: Record<string, number> = { sha256: 64, sha512: 128 };
const SHA256 = /^sha256:[a-f0-9]{64}$/;

export function sha256(data: Buffer | string): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

/** A sha256 digest (what diff_ids and content-addressed cache keys are). */
export function isDigest(text: string): boolean {
  return SHA256.test(text);
}

/** Why `digest` is not a digest we can verify, or undefined when it is fine. */
export function digestProblem(digest: string): string | undefined {
  const colon = digest.indexOf(':');
  if (colon <= 0) return 'expected "algorithm:hex", e.g. "sha256:" and 64 hex characters';
  const algorithm = digest.slice(0, colon);
  const hex = digest.slice(colon + 1);
  const length = HEX_LENGTH[algorithm];
  if (length === undefined) return `unsupported digest algorithm "${algorithm}" (sha256 or sha512)`;
  if (hex.length !== length || !/^[a-f0-9]+$/.test(hex)) {
    return `${algorithm} needs ${length} lowercase hex characters`;
  }
  return undefined;
}

export function digestAlgorithm(digest: string): string {
  const algorithm = digest.slice(0, digest.indexOf(':'));
  return HEX_LENGTH[algorithm] === undefined ? 'sha256' : algorithm;
}

/** Digest of `bytes` with the algorithm `like` uses (sha256 by default). */
export function digestOf(bytes: Uint8Array, like = 'sha256:'): string {
  const algorithm = digestAlgorithm(like);
  return `${algorithm}:${createHash(algorithm).update(bytes).digest('hex')}`;
}

/** Check a whole document against the digest it was named by (no-op when that is not a digest). */
export function verifyDigest(data: Buffer, expected: string, what: string): void {
  if (digestProblem(expected)) return;
  const actual = digestOf(data, expected);
  if (actual !== expected)
    throw new StrataError('DIGEST_MISMATCH', `${what}: content has digest ${actual}, expected ${expected}`);
}

/** Incremental digester for streams, in the algorithm of the expected digest. */
export class Digester {
  private readonly hash: Hash;
  readonly algorithm: string;
  constructor(expected: string) {
    this.algorithm = digestAlgorithm(expected);
    this.hash = createHash(this.algorithm);
  }
  update(chunk: Uint8Array): void {
    this.hash.update(chunk);
  }
  digest(): string {
    return `${this.algorithm}:${this.hash.digest('hex')}`;
  }
}
