import type { Job } from '@strata/contract';
import { describe, expect, it } from 'vitest';
import { initialJob, isFinished, reduceJob, type JobView } from './job-events.js';

const job: Job = {
  id: 'j1',
  kind: 'upload',
  source: 'img.tar',
  phase: 'uploading',
  createdAt: '',
  updatedAt: '',
  queuePosition: null,
  upload: { bytesDone: 10, bytesTotal: 100 },
  layers: [],
  analysisId: null,
  deduplicated: false,
  error: null,
};

describe('reduceJob', () => {
  it('folds a job snapshot, progress, queue and per-layer events', () => {
    let v: JobView = reduceJob(initialJob, { type: 'job', job });
    expect(v).toMatchObject({ phase: 'uploading', bytesDone: 10, bytesTotal: 100 });
    v = reduceJob(v, { type: 'phase', phase: 'queued' });
    v = reduceJob(v, { type: 'queue', position: 2 });
    expect(v).toMatchObject({ phase: 'queued', queuePosition: 2 });
    v = reduceJob(v, { type: 'phase', phase: 'analyzing' });
    expect(v.queuePosition).toBeNull();
    // Layer 2 reports first: layers 0 and 1 get empty bars, in order.
    v = reduceJob(v, { type: 'layer', index: 2, layerCount: 3, bytesDone: 5, bytesTotal: 10, done: false });
    expect(v.layers.map((l) => [l.index, l.bytesDone])).toEqual([
      [0, 0],
      [1, 0],
      [2, 5],
    ]);
    v = reduceJob(v, { type: 'progress', phase: 'analyzing', bytesDone: 50, bytesTotal: 90 });
    expect(v).toMatchObject({ bytesDone: 50, bytesTotal: 90 });
  });

  it('is finished only once the outcome is known (phase done may precede the done event)', () => {
    let v = reduceJob(initialJob, { type: 'phase', phase: 'done' });
    expect(isFinished(v)).toBe(false);
    v = reduceJob(v, { type: 'done', analysisId: 'sha256-1', digest: 'sha256:1', deduplicated: false });
    expect(isFinished(v)).toBe(true);
    const failed = reduceJob(initialJob, {
      type: 'failed',
      error: { code: 'NOT_AN_IMAGE', message: 'no', status: 400 },
    });
    expect(isFinished(failed)).toBe(true);
    expect(failed.error?.code).toBe('NOT_AN_IMAGE');
  });
});
