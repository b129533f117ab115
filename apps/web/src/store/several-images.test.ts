/**
 * The start page's part of several images: an upload that fails with SEVERAL_IMAGES becomes the
 * picker's list (not an error), and an upload carries the chosen platform.
 */
import type { Report } from '@strata/contract';
import { describe, expect, it } from 'vitest';
import type { JobView } from '../api/job-events.js';
import { createAppStore } from './app-store.js';
import type { Deps } from './deps.js';

function deps(onJob: (emit: (v: JobView) => void) => void, uploads: Array<string | undefined>): Deps {
  return {
    explorer: () => ({ call: async () => undefined as never }),
    listAnalyses: async () => [],
    fetchReport: async () => ({}) as Report,
    fetchDocuments: async () => undefined as never,
    deleteAnalysis: async () => undefined,
    startReference: async () => 'job-1',
    lookupPlatforms: async (req) => ({ reference: req.reference, digest: '', index: false, platforms: [] }),
    cancelJob: async () => undefined,
    upload: (_file, _progress, platform) => {
      uploads.push(platform);
      return { jobId: Promise.resolve('job-1'), abort: () => undefined };
    },
    followJob: (_id, onChange) => {
      onJob(onChange);
      return () => undefined;
    },
    modelUrl: (id) => `/m/${id}`,
    navigate: () => undefined,
    now: () => 0,
    mark: () => undefined,
  };
}

const images = [
  { index: 0, refs: ['app:1'], platforms: ['linux/amd64'], layers: [{ id: 'sha256:a', size: 1 }] },
  { index: 1, refs: ['app:2'], platforms: ['linux/amd64'], layers: [{ id: 'sha256:a', size: 1 }] },
];

describe('several images on the start page', () => {
  it('turns SEVERAL_IMAGES into the picker, and sends the upload platform', async () => {
    const uploads: Array<string | undefined> = [];
    const store = createAppStore(
      deps((emit) => {
        const error = { code: 'SEVERAL_IMAGES' as const, message: 'x', status: 422, images, upload: 'tok' };
        emit({ phase: 'failed', queuePosition: null, bytesDone: 0, bytesTotal: null, layers: [], error });
      }, uploads),
    );
    store.getState().setUploadPlatform('linux/arm64');
    await store.getState().uploadFile(new File(['x'], 'bundle.tar'));
    const s = store.getState();
    expect(uploads).toEqual(['linux/arm64']);
    expect(s.startError).toBeUndefined();
    expect(s.job).toBeUndefined();
    expect(s.severalImages).toEqual({ source: 'bundle.tar', upload: 'tok', images });
    s.dismissImages();
    expect(store.getState().severalImages).toBeUndefined();
  });
});
