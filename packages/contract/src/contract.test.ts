/** The shared schemas accept what the API sends and refuse what it must not. */
import { describe, expect, it } from 'vitest';
import { ApiErrorSchema, JobEventSchema, ReferenceRequestSchema, UploadQuerySchema } from './index.js';

describe('contract', () => {
  it('parses each job event by its type', () => {
    expect(JobEventSchema.parse({ type: 'queue', position: 2 })).toEqual({ type: 'queue', position: 2 });
    expect(() => JobEventSchema.parse({ type: 'queue', position: 0 })).toThrow();
    expect(() => JobEventSchema.parse({ type: 'nope' })).toThrow();
    const failed = { type: 'failed', error: { code: 'TOO_LARGE', message: 'big', status: 413 } };
    expect(JobEventSchema.parse(failed)).toEqual(failed);
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
});
