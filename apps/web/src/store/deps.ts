/** What the store talks to, injected so store tests run with fakes (no worker, no network). */
import type {
  AnalysisListItem,
  ImageDocuments,
  PlatformsRequest,
  PlatformsResponse,
  ReferenceRequest,
  Report,
} from '@strata/contract';
import * as analyses from '../api/analyses.js';
import { followJob, type JobView } from '../api/job-events.js';
import { lookupPlatforms } from '../api/platforms.js';
import { uploadArchive, type UploadHandle } from '../api/upload.js';
import type { UrlState } from '../lib/url-state.js';
import { startExplorerWorker, type ExplorerPort } from '../worker/explorer-client.js';

export interface Deps {
  explorer(): ExplorerPort;
  listAnalyses(): Promise<AnalysisListItem[]>;
  fetchReport(id: string): Promise<Report>;
  fetchDocuments(id: string): Promise<ImageDocuments>;
  deleteAnalysis(id: string): Promise<void>;
  startReference(req: ReferenceRequest): Promise<string>;
  lookupPlatforms(req: PlatformsRequest, signal: AbortSignal): Promise<PlatformsResponse>;
  cancelJob(jobId: string): Promise<void>;
  upload(file: File, onProgress: (done: number, total: number) => void, platform?: string): UploadHandle;
  followJob(jobId: string, onChange: (view: JobView) => void): () => void;
  modelUrl(id: string): string;
  navigate(state: UrlState, push: boolean): void;
  now(): number;
  mark(name: string): void;
}

export function browserDeps(): Deps {
  let port: ExplorerPort | undefined;
  return {
    // One worker for the page's life: it keeps the loaded model between views.
    explorer: () => (port ??= startExplorerWorker()),
    listAnalyses: analyses.listAnalyses,
    fetchReport: analyses.fetchReport,
    fetchDocuments: analyses.fetchDocuments,
    deleteAnalysis: analyses.deleteAnalysis,
    startReference: analyses.startReference,
    lookupPlatforms,
    cancelJob: analyses.cancelJob,
    upload: uploadArchive,
    followJob,
    modelUrl: analyses.modelUrl,
    navigate: () => undefined,
    now: () => performance.now(),
    mark: (name) => {
      performance.mark(name);
      // `X:end` closes the measure `X` that `X:start` opened; Playwright and the bench read it.
      if (name.endsWith(':end')) {
        const base = name.slice(0, -':end'.length);
        if (performance.getEntriesByName(`${base}:start`).length > 0)
          performance.measure(base, `${base}:start`, name);
      }
    },
  };
}
