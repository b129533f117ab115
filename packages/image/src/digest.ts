/** sha256 digests (image-spec descriptor.md "Digests"). */
import { createHash } from 'node:crypto';
import { StrataError } from './errors.js';

const SHA256 = /^sha256:[a-f0-9]{64}$/;

export function sha256(data: Buffer | string): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

export function isDigest(text: string): boolean {
  return SHA256.test(text);
}

export function verifyDigest(data: Buffer, expected: string, what: string): void {
  if (!isDigest(expected)) return;
  const actual = sha256(data);
  if (actual !== expected)
    throw new StrataError('DIGEST_MISMATCH', `${what}: content has digest ${actual}, expected ${expected}`);
}
