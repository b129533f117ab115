/** What the HTTP layer needs; built by services.ts, replaceable in tests. */
import type { Config } from './config.js';
import type { JobService } from './jobs/job-service.js';
import type { AnalysisStore } from './store/analysis-store.js';
import type { HeldUploads } from './uploads/held-uploads.js';
import type { ImageFiles } from './store/image-files.js';

export interface AppDeps {
  config: Config;
  store: AnalysisStore;
  jobs: JobService;
  held: HeldUploads;
  /** Layer entries and blobs kept for the file API (absent: files are not served). */
  files?: ImageFiles;
}
