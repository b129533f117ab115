/** The start page: recent analyses, an upload or a pull in progress, and its error. */
import type { AnalysisListItem, ReferenceRequest } from '@strata/contract';
import { ApiFailure } from '../api/http.js';
import type { JobView } from '../api/job-events.js';
import { initialJob } from '../api/job-events.js';
import { readableError, type ReadableError } from '../lib/errors.js';
import { platformsIn } from '../lib/platforms.js';
import { addSample, speedOf, type Sample } from '../lib/transfer-speed.js';
import type { SeveralImages } from '../lib/set-pages.js';
import type { Slice } from './types.js';

export interface UploadState {
  name: string;
  done: number;
  total: number;
  samples: Sample[];
  speed: number;
}

export interface StartSlice {
  recent: AnalysisListItem[] | undefined;
  recentError: ReadableError | undefined;
  upload: UploadState | undefined;
  job: JobView | undefined;
  jobSource: string | undefined;
  startError: ReadableError | undefined;
  /** Platforms the last reference offered (from a PLATFORM error), for the picker. */
  platforms: string[];
  /** The last upload holds several images (SEVERAL_IMAGES): the image picker's list. */
  severalImages: SeveralImages | undefined;
  dismissImages(): void;
  /** The platform an upload asks for (of a multi-platform archive); '' for the default. */
  uploadPlatform: string;
  setUploadPlatform(platform: string): void;
  refreshRecent(): Promise<void>;
  uploadFile(file: File): Promise<void>;
  analyzeReference(req: ReferenceRequest): Promise<void>;
  cancelJob(): void;
  deleteRecent(id: string): Promise<void>;
  dismissError(): void;
}

export const createStartSlice: Slice<StartSlice> = (deps) => (set, get) => {
  let abortUpload: (() => void) | undefined;
  let closeEvents: (() => void) | undefined;
  let jobId: string | undefined;

  const fail = (e: unknown): void => {
    const code = e instanceof ApiFailure ? e.code : undefined;
    const message = e instanceof Error ? e.message : String(e);
    set({
      startError: readableError(code, message),
      upload: undefined,
      job: undefined,
      jobSource: undefined,
    });
    if (code === 'PLATFORM') set({ platforms: platformsIn(message) });
  };

  const follow = (id: string): void => {
    jobId = id;
    closeEvents?.();
    closeEvents = deps.followJob(id, (view) => {
      set({ job: view });
      if (view.phase === 'done' && view.analysisId) {
        closeEvents = undefined;
        set({ upload: undefined, job: undefined, jobSource: undefined });
        void get().openAnalysis(view.analysisId, {}, true);
        void get().refreshRecent();
      } else if (view.phase === 'failed' && view.error) {
        closeEvents = undefined;
        const err = view.error;
        if (err.code === 'SEVERAL_IMAGES' && err.images && err.upload) {
          const choice = { source: get().jobSource ?? 'The archive', upload: err.upload, images: err.images };
          set({ severalImages: choice, upload: undefined, job: undefined, jobSource: undefined });
          return;
        }
        fail(new ApiFailure(err?.code ?? 'INTERNAL', err?.message ?? 'The analysis failed.'));
      }
    });
  };

  return {
    recent: undefined,
    recentError: undefined,
    upload: undefined,
    job: undefined,
    jobSource: undefined,
    startError: undefined,
    platforms: [],
    severalImages: undefined,
    uploadPlatform: '',

    setUploadPlatform(platform) {
      set({ uploadPlatform: platform });
    },

    dismissImages() {
      set({ severalImages: undefined });
    },

    async refreshRecent() {
      try {
        set({ recent: await deps.listAnalyses(), recentError: undefined });
      } catch (e) {
        set({
          recentError: readableError(e instanceof ApiFailure ? e.code : undefined, (e as Error).message),
        });
      }
    },

    async uploadFile(file) {
      const t0 = deps.now();
      set({
        startError: undefined,
        severalImages: undefined,
        jobSource: file.name,
        job: initialJob,
        upload: { name: file.name, done: 0, total: file.size, samples: [{ at: t0, bytes: 0 }], speed: 0 },
      });
      const onProgress = (done: number, total: number): void => {
        const prev = get().upload;
        if (!prev) return;
        const samples = addSample(prev.samples, { at: deps.now(), bytes: done });
        set({ upload: { ...prev, done, total, samples, speed: speedOf(samples) } });
      };
      const platform = get().uploadPlatform;
      const handle = platform ? deps.upload(file, onProgress, platform) : deps.upload(file, onProgress);
      abortUpload = handle.abort;
      try {
        follow(await handle.jobId);
      } catch (e) {
        fail(e);
      } finally {
        abortUpload = undefined;
      }
    },

    async analyzeReference(req) {
      set({
        startError: undefined,
        jobSource: req.reference,
        job: { ...initialJob, phase: 'queued' },
        upload: undefined,
      });
      try {
        follow(await deps.startReference(req));
      } catch (e) {
        fail(e);
      }
    },

    cancelJob() {
      abortUpload?.();
      closeEvents?.();
      closeEvents = undefined;
      if (jobId) void deps.cancelJob(jobId);
      jobId = undefined;
      set({ upload: undefined, job: undefined, jobSource: undefined });
    },

    async deleteRecent(id) {
      try {
        await deps.deleteAnalysis(id);
        set({ recent: get().recent?.filter((r) => r.id !== id) });
      } catch (e) {
        fail(e);
      }
    },

    dismissError() {
      set({ startError: undefined });
    },
  };
};
