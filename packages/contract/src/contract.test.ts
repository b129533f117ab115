/** The shared schemas accept what the API sends and refuse what it must not. */
import { describe, expect, it } from 'vitest';
import {
  ApiErrorSchema,
  FindingSchema,
  ImageDocumentsSchema,
  JobEventSchema,
  PlatformsRequestSchema,
  ReferenceRequestSchema,
  UploadQuerySchema,
} from './index.js';

describe('contract', () => {
  it('parses each job event by its type', () => {
    expect(JobEventSchema.parse({ type: 'queue', position: 2 })).toEqual({ type: 'queue', position: 2 });
    expect(() => JobEventSchema.parse({ type: 'queue', position: 0 })).toThrow();
    expect(() => JobEventSchema.parse({ type: 'nope' })).toThrow();
    const failed = { type: 'failed', error: { code: 'TOO_LARGE', message: 'big', status: 413 } };
    expect(JobEventSchema.parse(failed)).toEqual(failed);
  });

  it('takes the manifest and config documents whole, the index optional, and refuses non-objects', () => {
    const docs = {
      manifest: { schemaVersion: 2, layers: [] },
      config: { rootfs: { diff_ids: [] }, extra: 1 },
    };
    expect(ImageDocumentsSchema.parse(docs)).toEqual(docs);
    expect(ImageDocumentsSchema.parse({ ...docs, index: { manifests: [] } }).index).toEqual({
      manifests: [],
    });
    expect(ImageDocumentsSchema.safeParse({ manifest: [], config: {} }).success).toBe(false);
    expect(ImageDocumentsSchema.safeParse({ manifest: {} }).success).toBe(false);
  });

  it('accepts only known error codes', () => {
    expect(ApiErrorSchema.safeParse({ error: { code: 'CORRUPT', message: 'x', status: 422 } }).success).toBe(
      true,
    );
    expect(ApiErrorSchema.safeParse({ error: { code: 'OOPS', message: 'x', status: 500 } }).success).toBe(
      false,
    );
  });

  it('validates reference requests strictly and platforms by shape', () => {
    expect(
      ReferenceRequestSchema.parse({ reference: 'localhost:5000/a:1', platform: 'linux/arm64/v8' }),
    ).toBeTruthy();
    expect(ReferenceRequestSchema.safeParse({ reference: 'a', extra: 1 }).success).toBe(false);
    expect(ReferenceRequestSchema.safeParse({ reference: '' }).success).toBe(false);
    expect(UploadQuerySchema.safeParse({ platform: 'linux' }).success).toBe(false);
  });

  it('parses an advice finding, and refuses unknown rules and severities', () => {
    const finding = {
      rule: 'metadata-rewrite',
      severity: 'low',
      title: 'chmod',
      explanation: 'why',
      layers: [3, 4],
      instructions: [4, 5],
      files: [{ path: '/a', bytes: 10, layer: 3 }],
      recoverableBytes: 10,
      fix: { before: 'RUN a\n', after: 'RUN b\n' },
    };
    expect(FindingSchema.parse(finding)).toEqual(finding);
    expect(FindingSchema.safeParse({ ...finding, rule: 'nope' }).success).toBe(false);
    expect(FindingSchema.safeParse({ ...finding, severity: 'urgent' }).success).toBe(false);
  });

  it('validates platform lookups strictly', () => {
    expect(PlatformsRequestSchema.parse({ reference: 'nginx', username: 'u', password: 'p' })).toBeTruthy();
    expect(PlatformsRequestSchema.safeParse({ reference: '' }).success).toBe(false);
    expect(PlatformsRequestSchema.safeParse({ reference: 'a', platform: 'linux/amd64' }).success).toBe(false);
  });
});
